import ImportIssues
public import Registry
public import SpreadsheetCSV

extension ImportFile {
    /// A required vocabulary value written in English or Chinese (`community` or `社区`).
    public mutating func vocabulary<V: Vocabulary>(_ type: V.Type, _ name: String, of record: CSVRecord) -> V? {
        guard let field = field(name, of: record), let text = requiredText(name, of: record) else { return nil }
        do {
            return try V(parsing: text)
        } catch {
            let allowed = V.allCases.map { "\($0.rawValue)/\($0.chineseName)" }.joined(separator: ", ")
            issues.append(field.issue("不是有效值 is not one of \(allowed)"))
            return nil
        }
    }

    /// An optional date (`2024-03-05`, `2024/3/5`, `2024年3月5日`).
    public mutating func date(_ name: String, of record: CSVRecord) -> CivilDate? {
        guard let field = field(name, of: record)?.nonBlank, let date = issues.collect(try field.date()) else { return nil }
        return try? CivilDate(year: date.year, month: date.month, day: date.day)
    }
}
