/// What is wrong with one field's value, in Chinese and English, named by the field's
/// declared name (`title`, `due_on`); each door says where that is (a JSON pointer, a file's
/// line and column, a command's option).
public struct FieldProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The declared name of the field (see ``FieldDeclaration/name``).
    public var field: String
    /// The offending value as given (shortened when long), if it helps to show it.
    public var value: String?
    public var chinese: String
    public var english: String

    /// Makes a problem.
    public init(_ field: String, value: String?, chinese: String, english: String) {
        self.field = field
        self.value = value
        self.chinese = chinese
        self.english = english
    }

    /// The reason in both languages, Chinese first: `过长 too long …`.
    public var reason: String { chinese + " " + english }

    public var description: String { "\(field): \(reason)" }
}

/// Every problem of one record, thrown by a store when a draft does not pass its checks, so
/// that a person fixes them all at once rather than one per attempt.
public struct InvalidFields: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [FieldProblem]

    /// Wraps the problems (at least one).
    public init(_ problems: [FieldProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
