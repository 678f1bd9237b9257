public import Foundation
public import ImportIssues
public import SpreadsheetCSV

/// A spreadsheet export read and checked against one list's columns: its records, where each
/// of our fields is, and every problem found so far.
///
/// Each list's importer (``OrgUnitFile`` …) starts from here, turns records into rows, and
/// adds its own problems to ``issues``; the store writes nothing unless ``issues`` is empty.
public struct ImportFile: Sendable {
    public let table: CSVTable
    public let columns: ResolvedHeader
    public var issues: IssueList

    /// Reads `data` (UTF-8, UTF-8 with BOM, GB18030/GBK; comma or tab separated) and resolves
    /// its header row against `header` (Chinese or English column names).
    public init(data: Data, header: HeaderMap, encoding: TextEncoding = .automatic, issueLimit: Int = 100) {
        var issues = IssueList(limit: issueLimit)
        let table: CSVTable
        do {
            table = try CSVReader(encoding: encoding).read(data, issues: &issues)
            columns = header.resolve(table, issues: &issues)
        } catch {
            // Text that cannot be decoded is the one problem: an empty table in its place
            // would add "the file is empty" and "a column is missing", both untrue.
            issues.append(error)
            var unsaid = IssueList()
            table = CSVReader().read("", issues: &unsaid)
            columns = header.resolve(table, issues: &unsaid)
        }
        self.table = table
        self.issues = issues
    }

    /// The field `name` of `record`, or nil when the file has no such column.
    public func field(_ name: String, of record: CSVRecord) -> CSVField? {
        record.field(name, in: columns)
    }

    /// The trimmed text of an optional column; nil when absent or blank.
    public func optionalText(_ name: String, of record: CSVRecord) -> String? {
        field(name, of: record)?.nonBlank?.trimmedText
    }

    /// The trimmed text of a required column; records an issue and returns nil when blank.
    public mutating func requiredText(_ name: String, of record: CSVRecord) -> String? {
        guard let field = field(name, of: record) else { return nil }
        return issues.collect(try field.requiredText())?.trimmingCharacters(in: .whitespaces)
    }
}
