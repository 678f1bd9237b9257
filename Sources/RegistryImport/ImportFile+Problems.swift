import ImportIssues
import SpreadsheetCSV
public import Registry

extension ImportFile {
    /// The header cell the file uses for one of the contract's fields (`类别` for `category`).
    public func columnName(_ field: String) -> String {
        columns.column(for: field).map { table.header[$0] } ?? field
    }

    /// Adds a record's problems from its list's check (a draft's, every door's) to
    /// ``issues``, at `line`, under the file's own column names.
    public mutating func add(_ error: InvalidFields, line: Int) {
        for problem in error.problems {
            issues.append(ImportIssue(line: line, column: columnName(problem.field), value: problem.value, reason: problem.reason))
        }
    }
}
