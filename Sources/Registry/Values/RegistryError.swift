/// Why the registry refused a value or a change.
///
/// One error type for the whole domain (style rule 5): a ``Code`` to branch on, the field
/// the problem is about when there is one, and a message in Chinese and in English that is
/// safe to show to whoever made the request. Messages never contain personal data
/// unmasked, so an error can be logged as it is.
///
/// ```swift
/// do {
///     _ = try DivisionCode("990000")
/// } catch let error as RegistryError where error.code == .invalidValue {
///     print(error)   // division_code: 行政区划代码「990000」的前两位 99 不是省级代码 / …
/// }
/// ```
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal this is; stable, so callers (and the HTTP edge) can branch on it.
    ///
    /// A struct over a private enum rather than a public enum, so that adding a code later
    /// does not break a caller's exhaustive `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case invalidValue = "invalid_value"
            case illegalTransition = "illegal_transition"
            case reasonRequired = "reason_required"
            case mergeTargetRequired = "merge_target_required"
            case mergeIntoItself = "merge_into_itself"
            case ratingRequired = "rating_required"
            case notUpward = "escalation_not_upward"
            case notAllowedNow = "not_allowed_in_state"
            case alreadyRated = "already_rated"
            case progressWentBack = "progress_went_back"
            case insufficientRemaining = "insufficient_remaining"
            case returnExceedsDrawn = "return_exceeds_drawn"
            case unitMismatch = "unit_mismatch"
        }

        fileprivate let base: Base

        fileprivate init(_ base: Base) {
            self.base = base
        }

        /// A value is malformed or out of range (a division code, a phone number, a priority …).
        public static let invalidValue = Code(.invalidValue)
        /// The workflow does not allow going from the current state to the requested one.
        public static let illegalTransition = Code(.illegalTransition)
        /// The transition needs a reason (rejecting a demand, cancelling a project, escalating).
        public static let reasonRequired = Code(.reasonRequired)
        /// Merging a demand needs the id of the demand it is merged into.
        public static let mergeTargetRequired = Code(.mergeTargetRequired)
        /// A demand cannot be merged into itself.
        public static let mergeIntoItself = Code(.mergeIntoItself)
        /// Marking a demand as rated needs the resident's rating.
        public static let ratingRequired = Code(.ratingRequired)
        /// An escalation must go up at least one level.
        public static let escalationNotUpward = Code(.notUpward)
        /// The operation exists but the item's current state does not allow it.
        public static let notAllowedInState = Code(.notAllowedNow)
        /// The item already carries a rating; a rating is never overwritten.
        public static let alreadyRated = Code(.alreadyRated)
        /// A progress report gives a lower percentage than the previous one.
        public static let progressWentBack = Code(.progressWentBack)
        /// Drawing would make a resource's remaining quantity negative.
        public static let insufficientRemaining = Code(.insufficientRemaining)
        /// A project would give back more than it drew.
        public static let returnExceedsDrawn = Code(.returnExceedsDrawn)
        /// A quantity in one unit of measure was used where another is needed.
        public static let unitMismatch = Code(.unitMismatch)

        /// The stable snake_case name of the code, e.g. `illegal_transition`.
        public var description: String { base.rawValue }
    }

    /// What kind of refusal this is.
    public var code: Code
    /// The field the problem is about (`division_code`, `reason`, …), if there is one.
    public var field: String?
    /// The message in Chinese, for the district's staff.
    public var chineseMessage: String
    /// The same message in English.
    public var englishMessage: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of refusal this is.
    ///   - field: The field the problem is about, if any.
    ///   - chinese: The message in Chinese.
    ///   - english: The message in English.
    public init(_ code: Code, field: String? = nil, chinese: String, english: String) {
        self.code = code
        self.field = field
        self.chineseMessage = chinese
        self.englishMessage = english
    }

    /// A field's problem as an `invalidValue` refusal.
    public init(_ problem: FieldProblem) {
        self.init(.invalidValue, field: problem.field, chinese: problem.chinese, english: problem.english)
    }

    /// `field: 中文消息 / English message`.
    /// The message in both languages, Chinese first, without the field.
    public var message: String { chineseMessage + " / " + englishMessage }

    public var description: String {
        let prefix = field.map { "\($0): " } ?? ""
        return prefix + message
    }

    /// Shorthand for the most common refusal: a malformed value of one field.
    static func invalid(_ field: String, chinese: String, english: String) -> RegistryError {
        RegistryError(.invalidValue, field: field, chinese: chinese, english: english)
    }
}
