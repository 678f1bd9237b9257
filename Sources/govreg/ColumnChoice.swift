import ArgumentParser
import Foundation
import GovregCommandLine

/// `--columns` of a list command: which columns of its table to show, in which order.
///
/// A column is named by either half of its header (`编号 id` → `编号` or `id`; `解决层级
/// settled at` → `settled at`), case-insensitively. Without the option a table shows what
/// fits the terminal (``Terminal/table(headers:rows:optional:only:)``).
struct ColumnChoice: ParsableArguments {
    @Option(help: ArgumentHelp(
        "列 Only these columns, in this order, named as the table's header names them (English or Chinese), comma-separated: "
            + "e.g. id,title,state or 编号,状态. Default: the columns that fit the terminal.",
        valueName: "names"))
    var columns: String?

    /// The chosen columns' positions in `headers`, or nil when none were chosen.
    ///
    /// - Throws: `ValidationError` naming a column the table does not have, with the ones it has.
    func positions(in headers: [String]) throws -> [Int]? {
        guard let columns else { return nil }
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--columns: 请至少写一列 name at least one column: \(Self.known(headers))") }
        return try names.map { name in
            guard let position = headers.firstIndex(where: { Self.names(of: $0).contains(name) }) else {
                throw ValidationError("--columns: 没有「\(name)」这一列 the table has no column '\(name)'; it has \(Self.known(headers))")
            }
            return position
        }
    }

    /// What a header answers to: the whole, its Chinese half and its English half, lowercased.
    static func names(of header: String) -> [String] {
        ([header] + header.split(separator: " ", maxSplits: 1).map(String.init)).map { $0.lowercased() }
    }

    /// The headers' English halves, as a person would type them.
    static func known(_ headers: [String]) -> String {
        headers.map { header in header.split(separator: " ", maxSplits: 1).last.map(String.init) ?? header }.joined(separator: ",")
    }
}
