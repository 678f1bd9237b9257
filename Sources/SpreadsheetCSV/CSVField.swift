public import ImportIssues

/// One field of a record together with where it came from, so that a value parsed from it
/// can report an ``ImportIssue`` naming the line and column.
///
/// The value parsers — ``date()``, ``integer()``, ``fen()``, ``boolean()`` — ignore
/// surrounding whitespace and accept full-width digits and punctuation (`１２３`, `２０２４－３－５`)
/// as Chinese input methods type them. They throw on an empty field; use ``nonBlank`` for
/// optional columns.
///
/// ```swift
/// let field = CSVField(line: 17, column: "完成日期", text: "2024年3月5日")
/// let due = try field.date()                       // 2024-03-05
/// let note = record.field(at: 4).nonBlank?.text    // nil when the cell is empty
/// ```
public struct CSVField: Sendable, Hashable {
    /// The line the field's record starts on.
    public var line: Int
    /// The column's name as written in the file's header.
    public var column: String
    /// The field's text, exactly as in the file after unquoting.
    public var text: String

    /// Creates a field; useful to parse values that did not come from a ``CSVRecord``.
    ///
    /// - Parameters:
    ///   - line: The line for issues.
    ///   - column: The column name for issues.
    ///   - text: The text to parse.
    public init(line: Int, column: String, text: String) {
        self.line = line
        self.column = column
        self.text = text
    }

    /// The text without surrounding whitespace (ASCII or the ideographic space U+3000).
    public var trimmedText: String { text.trimmingWhitespace() }

    /// Whether the field is empty or only whitespace.
    public var isBlank: Bool { text.allSatisfy(\.isWhitespace) }

    /// The field, or `nil` if it is blank: `field.nonBlank?.date()` parses an optional date.
    public var nonBlank: CSVField? { isBlank ? nil : self }

    /// The trimmed text of a field that must not be blank.
    ///
    /// - Returns: ``trimmedText``.
    /// - Throws: An ``ImportIssue`` if the field is blank.
    public func requiredText() throws(ImportIssue) -> String {
        guard !isBlank else { throw issue("必填，不能为空 is required but empty") }
        return trimmedText
    }

    /// An issue about this field, showing its text.
    ///
    /// - Parameter reason: Why the field is wrong, e.g. "is before the start date".
    /// - Returns: The issue, with this field's line, column and text.
    public func issue(_ reason: String) -> ImportIssue {
        ImportIssue(line: line, column: column, value: text, reason: reason)
    }

    /// Runs one of the internal parsers on the field's normalised text.
    func parse<Value>(_ parser: (ValueText) -> Result<Value, ValueError>) throws(ImportIssue) -> Value {
        let normalized = ValueText(text)
        guard !normalized.isEmpty else { throw issue("为空 is empty") }
        switch parser(normalized) {
        case .success(let value): return value
        case .failure(let error): throw issue(error.reason)
        }
    }
}
