/// A state of a small workflow whose moves are a fixed table, e.g. a bench-talk topic's
/// outcome or a mediation case's colour: the table and the refusal message in one place.
///
/// ```swift
/// enum Light: String, WorkflowStep {
///     case red, green
///     static let subject = WorkflowSubject(chinese: "信号", english: "light", field: "light")
///     var chineseName: String { self == .red ? "红" : "绿" }
///     var allowedNext: [Light] { self == .red ? [.green] : [] }
/// }
/// try Light.green.check(.red)   // illegalTransition: "the light is green; that is final"
/// ```
public protocol WorkflowStep: RawRepresentable<String>, Equatable, Sendable {
    /// What moves through the states, for messages.
    static var subject: WorkflowSubject { get }
    /// The state's name in Chinese.
    var chineseName: String { get }
    /// The states a move may go to from this one; none for a final state.
    var allowedNext: [Self] { get }
}

/// How messages name what a workflow moves: `议题` / `topic`, and the field it lives in.
public struct WorkflowSubject: Sendable {
    public var chinese: String
    public var english: String
    public var field: String

    public init(chinese: String, english: String, field: String) {
        self.chinese = chinese
        self.english = english
        self.field = field
    }
}

extension WorkflowStep {
    /// Checks a move, naming the current state and the allowed ones when it is refused.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition`.
    public func check(_ next: Self) throws {
        guard !allowedNext.contains(next) else { return }
        let subject = Self.subject
        let allowed = allowedNext.map { "\($0.chineseName) \($0.rawValue)" }.joined(separator: ", ")
        throw RegistryError(
            .illegalTransition, field: subject.field,
            chinese: "\(subject.chinese)当前为「\(chineseName)」，\(allowedNext.isEmpty ? "已是终态，不能再改" : "只能改为：\(allowed)")",
            english: "the \(subject.english) is \(rawValue); "
                + (allowedNext.isEmpty ? "that is final" : "it can become \(allowedNext.map(\.rawValue).joined(separator: ", "))"))
    }
}
