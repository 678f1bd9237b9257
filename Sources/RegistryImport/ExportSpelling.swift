import Registry
import SpreadsheetCSV

// How exports spell headers and vocabulary values: in Chinese for `--header zh`, else the
// stored English. One place, because the importer must read back whatever the exporter wrote.

extension Vocabulary {
    /// The value as an export writes it: its Chinese name, or its stored value.
    func exportText(chinese: Bool) -> String { chinese ? chineseName : rawValue }
}

extension HeaderMap {
    /// The header row of an export: each field's first Chinese alias, or its English name.
    func exportHeader(chinese: Bool) -> [String] { fields.map { chinese ? $0.displayName : $0.name } }
}

/// A yes/no column as an export writes it: 是/否, or yes/no.
func exportYesNo(_ value: Bool, chinese: Bool) -> String {
    chinese ? (value ? "是" : "否") : (value ? "yes" : "no")
}
