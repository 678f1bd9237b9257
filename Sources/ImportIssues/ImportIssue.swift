/// One problem found in an imported file: where it is, what was there, and why it is wrong.
///
/// Every check in this module — undecodable bytes, ragged rows, unknown or missing headers,
/// values that are not dates or amounts — reports an `ImportIssue`, so an importer can
/// collect all of them (see ``IssueList``) and show them to the district at once instead of
/// one per upload.
///
/// ```swift
/// let issue = ImportIssue(line: 17, column: "需求名称", value: "", reason: "is required")
/// print(issue)   // line 17, column 需求名称 (""): is required
/// ```
public struct ImportIssue: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The 1-based physical line of the file: where the record with the problem starts, or
    /// for broken quoting or an undecodable byte, the line where that is.
    public var line: Int
    /// The column's name as written in the file's header, if the problem is in one column.
    public var column: String?
    /// The offending text, if there is one to show.
    public var value: String?
    /// Why it is wrong, phrased to follow the column, e.g. "is not a date".
    public var reason: String
    /// The cell as a spreadsheet names it (`需求!C17`: sheet, column letter, row) when the
    /// file was an Excel workbook; `nil` for a CSV file, or a problem with no one cell.
    public var cell: String?

    /// Creates an issue.
    ///
    /// - Parameters:
    ///   - line: The 1-based line where the record starts.
    ///   - column: The column's header name, or `nil` for a problem with the whole record or file.
    ///   - value: The offending text, or `nil`.
    ///   - reason: Why it is wrong.
    ///   - cell: The workbook cell (`需求!C17`), or `nil`.
    public init(line: Int, column: String? = nil, value: String? = nil, reason: String, cell: String? = nil) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
        self.cell = cell
    }

    /// `line 17, column 需求名称 ("abc"): reason` (`cell 需求!C17, …` for a workbook's
    /// cell, whose row is its line); the value is shortened and its line breaks shown as `\n` so that one issue
    /// stays on one line of a report.
    public var description: String {
        var text = cell.map { "cell \($0)" } ?? "line \(line)"
        if let column {
            text += ", column \(column)"
        }
        if let value {
            text += " (\"\(Self.abbreviated(value))\")"
        }
        return text + ": " + reason
    }

    /// How many characters of a value ``description`` shows before cutting it off.
    static let shownValueLength = 40

    private static func abbreviated(_ value: String) -> String {
        var shown = ""
        for (count, character) in value.enumerated() {
            if count == shownValueLength {
                shown += "…"
                break
            }
            switch character {
            case "\n", "\r\n": shown += "\\n"
            case "\r": shown += "\\r"
            default: shown.append(character)
            }
        }
        return shown
    }
}
