/// What an import changed.
public struct ImportSummary: Sendable, Equatable, Codable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Stored rows that the file's rows replaced and that are gone: the reports a project
    /// file wrote for its percentage, once a progress file gives the history behind it.
    public var replaced = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, replaced: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.replaced = replaced
    }
}

/// An import that was refused: every problem found, and nothing was written.
public struct ImportRejected: Error, Sendable, CustomStringConvertible {
    public var issues: IssueList

    public init(issues: IssueList) { self.issues = issues }

    public var description: String {
        var lines = ["导入未执行，数据未改动 import refused, nothing was written: \(issues.totalCount) problem(s)"]
        lines += issues.issues.map { "  \($0)" }
        if issues.totalCount > issues.issues.count { lines.append("  … and \(issues.totalCount - issues.issues.count) more") }
        return lines.joined(separator: "\n")
    }
}
