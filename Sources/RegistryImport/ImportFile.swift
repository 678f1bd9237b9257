public import Foundation
public import ImportIssues
import Registry
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
    /// The lines of the records left out for a NUL in a cell (``isLeftOut(_:)``).
    private let linesWithNUL: Set<Int>

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
        linesWithNUL = Self.recordsWithNUL(table, in: data, issues: &issues)
        self.table = table
        self.issues = issues
    }

    /// The records to read: the table's, less those left out for a NUL.
    public var records: LazyFilterSequence<CSVTable.Records> {
        table.records.lazy.filter { !isLeftOut($0) }
    }

    /// Whether `record` is left out: it has a NUL in a cell, reported at that cell.
    ///
    /// PostgreSQL's text cannot hold NUL, and no spreadsheet writes one. Refused here, once
    /// for every list and every column, the record never reaches a store, which would send
    /// its texts to the database as values to write or codes to look up, and fail there
    /// without a line or column. The reason is the one every door gives
    /// (``FieldProblem/containsNUL(_:value:)``).
    public func isLeftOut(_ record: CSVRecord) -> Bool {
        !linesWithNUL.isEmpty && linesWithNUL.contains(record.line)
    }

    /// Reports each cell holding NUL; returns the lines of their records.
    private static func recordsWithNUL(_ table: CSVTable, in data: Data, issues: inout IssueList) -> Set<Int> {
        // A decoded NUL comes from a zero byte in every encoding read, so a file with none
        // (nearly every one; UTF-16 has many) is not read again cell by cell.
        guard data.withUnsafeBytes({ $0.contains(0) }) else { return [] }
        var lines: Set<Int> = []
        for record in table.records {
            for column in record.indices where record[column].utf8.contains(0) {
                let field = record.field(at: column)
                issues.append(ImportIssue(line: field.line, column: field.column, reason: FieldProblem.containsNUL(field.column, value: nil).reason))
                lines.insert(record.line)
            }
        }
        return lines
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
