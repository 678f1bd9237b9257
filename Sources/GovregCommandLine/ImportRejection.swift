public import ImportIssues

/// A refused import as `--json` prints it: `rejected`, how many problems in all, and each
/// with its line, column and value (and cell, for a workbook), the same for the core's lists and a module's files.
public struct ImportRejection: Encodable {
    public struct Issue: Encodable {
        public var line: Int
        public var column: String?
        public var value: String?
        public var reason: String
        /// The workbook cell (`需求!C17`), for an Excel file.
        public var cell: String?
    }

    public var rejected = true
    public var total: Int
    public var issues: [Issue]

    public init(_ list: IssueList) {
        total = list.totalCount
        issues = list.issues.map { Issue(line: $0.line, column: $0.column, value: $0.value, reason: $0.reason, cell: $0.cell) }
    }
}
