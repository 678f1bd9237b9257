/// The issues found so far in one import, up to a limit.
///
/// A file with a systematic mistake (a wrong date format in every row) would otherwise produce
/// one issue per row; past ``limit`` the list only counts them, so a report stays readable and
/// memory stays bounded, while ``totalCount`` still says how many there were.
///
/// ```swift
/// var issues = IssueList(limit: 100)
/// let table = try CSVReader().read(bytes, issues: &issues)
/// for record in table.records {
///     let due = issues.collect(try record.field(at: 3).date())
///     …
/// }
/// if !issues.isEmpty { print(issues.report) }
/// ```
public struct IssueList: Sendable, Equatable {
    /// The most issues kept; further ones are only counted.
    public let limit: Int
    /// The issues kept, in the order they were found.
    public private(set) var issues: [ImportIssue] = []
    /// How many issues were found, including those past the limit.
    public internal(set) var totalCount = 0

    /// Creates an empty list.
    ///
    /// - Parameter limit: The most issues to keep (at least 1); default 100.
    public init(limit: Int = 100) {
        self.limit = max(1, limit)
    }

    /// Whether no issue was found.
    public var isEmpty: Bool { totalCount == 0 }

    /// Whether the list is full, so that a caller may stop looking for more.
    public var isFull: Bool { totalCount >= limit }

    /// Adds an issue (or only counts it, once the list is full).
    ///
    /// - Parameter issue: The issue found.
    public mutating func append(_ issue: ImportIssue) {
        totalCount += 1
        if issues.count < limit {
            issues.append(issue)
        }
    }

    /// Adds several issues in order.
    ///
    /// - Parameter newIssues: The issues found.
    public mutating func append(contentsOf newIssues: some Sequence<ImportIssue>) {
        for issue in newIssues {
            append(issue)
        }
    }

    /// Evaluates a check and records its issue instead of stopping.
    ///
    /// It takes an autoclosure because the thrown type of a closure literal is not inferred
    /// as `ImportIssue`; `issues.collect(try field.date())` type-checks as written.
    ///
    /// - Parameter check: An expression that yields a value or throws an ``ImportIssue``.
    /// - Returns: The check's value, or `nil` if it threw (the issue is then in the list).
    public mutating func collect<Value>(_ check: @autoclosure () throws(ImportIssue) -> Value) -> Value? {
        do {
            return try check()
        } catch {
            append(error)
            return nil
        }
    }

    /// The issues one per line, followed by a count of those left out, if any.
    public var report: String {
        var lines = issues.map(\.description)
        if totalCount > issues.count {
            lines.append("… and \(totalCount - issues.count) more")
        }
        return lines.joined(separator: "\n")
    }
}
