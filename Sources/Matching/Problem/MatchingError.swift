/// Why the engine refused a problem: what is wrong, in which category, about which row.
///
/// ```swift
/// do { _ = try Solver.solve(problem) } catch let error as MatchingError {
///     print(error)   // "category elderly_care: demand D7: priority must be 1–5, got 9"
/// }
/// ```
public struct MatchingError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidInput
        case costRange
        case internalInconsistency
    }

    private let code: Code
    /// The category concerned, if any.
    public let category: String?
    /// What is wrong, in words.
    public let message: String

    private init(_ code: Code, category: String?, message: String) {
        self.code = code
        self.category = category
        self.message = message
    }

    /// A row breaks a rule of the input (a quantity below 1, a duplicate id, an arc to a
    /// row that does not exist …).
    public static func invalidInput(category: String?, _ message: String) -> Self {
        Self(.invalidInput, category: category, message: message)
    }

    /// Costs and sizes too large to fold priority and cost into one 64-bit cost safely.
    public static func costRange(category: String, _ message: String) -> Self {
        Self(.costRange, category: category, message: message)
    }

    /// The solver's result failed its own optimality certificate: a bug, never the input's fault.
    public static func internalInconsistency(category: String, _ message: String) -> Self {
        Self(.internalInconsistency, category: category, message: message)
    }

    /// Whether the input was at fault (as opposed to the cost range or a bug).
    public var isInvalidInput: Bool { code == .invalidInput }
    /// Whether the costs and sizes were out of the engine's range.
    public var isCostRange: Bool { code == .costRange }

    /// `category C: message`, or the message alone.
    public var description: String {
        category.map { "category \($0): \(message)" } ?? message
    }
}
