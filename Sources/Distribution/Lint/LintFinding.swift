/// One broken rule: which rule, on which object, and what exactly is wrong.
///
/// ```swift
/// LintFinding(rule: .keyIncludesTenant, kind: .table, object: "account", constraint: "account_pkey",
///             detail: "primary key (id) lacks tenant_id")
/// ```
public struct LintFinding: Sendable, Hashable, Codable {
    /// What kind of object the finding names.
    public enum Kind: String, Sendable, Hashable, Codable {
        case table, view, function, sequence
    }

    public var rule: LintRule
    public var kind: Kind
    /// The table, view, function (with its argument types) or sequence, schema-qualified when
    /// it is not on the search path.
    public var object: String
    /// The constraint, index, policy or statement within the object, when the finding is about one.
    public var constraint: String?
    /// What is wrong, with the definition it was read from.
    public var detail: String

    public init(rule: LintRule, kind: Kind, object: String, constraint: String? = nil, detail: String) {
        self.rule = rule
        self.kind = kind
        self.object = object
        self.constraint = constraint
        self.detail = detail
    }
}

extension LintFinding: Comparable {
    /// By object, then rule, then constraint: the order a person reads a checklist in.
    public static func < (lhs: LintFinding, rhs: LintFinding) -> Bool {
        (lhs.object, lhs.rule.rawValue, lhs.constraint ?? "", lhs.detail) < (rhs.object, rhs.rule.rawValue, rhs.constraint ?? "", rhs.detail)
    }
}
