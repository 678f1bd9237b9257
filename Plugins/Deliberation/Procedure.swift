public import Registry

/// A district's own way of deliberating, as its settings name it: who takes part (roles),
/// the steps a case goes through in order, and the kinds of matter it takes up.
///
/// Enhe's "12345": five steps 征集议题 → 组织协商 → 公示结果 → 监督执行 → 反馈评议 over three kinds
/// of matter (村里事, 邻里事, 家里事); Shangjie's "1+6+X": the party secretary, six fixed kinds of
/// participant and the interested parties. The rules here are plain values: the store asks
/// them before it writes.
///
/// ```swift
/// let procedure = Procedure(settings)
/// try procedure.checkMove(from: "征集议题", to: "公示结果")   // refused: 组织协商 comes next
/// ```
public struct Procedure: Sendable, Hashable, Codable {
    /// The roles that attend rounds, in the district's order (e.g. 党组织书记, 物业企业, 居民代表 …).
    public var roles: [String]
    /// The steps, in order; a case starts at the first and closes after the last.
    public var steps: [String]
    /// The kinds of matter a case may be.
    public var kinds: [String]

    public init(roles: [String], steps: [String], kinds: [String]) {
        self.roles = roles
        self.steps = steps
        self.kinds = kinds
    }

    /// The procedure the tenant's settings give (each list falls back to the module's default).
    public init(_ settings: ModuleSettings) {
        let defaults = DeliberationModule.defaultProcedure
        roles = settings.textList("roles") ?? defaults.roles
        steps = settings.textList("steps") ?? defaults.steps
        kinds = settings.textList("matter_kinds") ?? defaults.kinds
    }

    /// The step a new case starts at.
    public var firstStep: String { steps[0] }

    /// The steps a case at `step` may move to: only the next one (none from the last, and none
    /// from a step the district no longer names).
    public func allowedNext(after step: String) -> [String] {
        guard let index = steps.firstIndex(of: step), index + 1 < steps.count else { return [] }
        return [steps[index + 1]]
    }

    /// Whether a case at `step` may close: at the last step, or at a step the district no
    /// longer names (it cannot move on, and must not stay open for ever).
    public func mayClose(at step: String) -> Bool { step == steps.last || !steps.contains(step) }

    /// Checks a move from `current` to `next`: forward by one step, never skipping one or going back.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition` naming the current step and the allowed one.
    public func checkMove(from current: String, to next: String) throws {
        let allowed = allowedNext(after: current)
        guard !allowed.contains(next) else { return }
        let chinese: String, english: String
        if !steps.contains(current) {
            chinese = "议题当前步骤「\(current)」已不在本地流程（\(steps.joined(separator: " → "))）中，只能办结"
            english = "the case is at \(current), which is no longer one of the steps \(steps.joined(separator: " → ")); it can only close"
        } else if allowed.isEmpty {
            chinese = "议题当前为「\(current)」，已是最后一步，只能办结"
            english = "the case is at \(current), the last step; it can only close"
        } else {
            chinese = "议题当前为「\(current)」，只能进入下一步「\(allowed[0])」，不能跳步或回退"
            english = "the case is at \(current); it can move on to \(allowed[0]) only (no skipping, no going back), not to \(next)"
        }
        throw RegistryError(.illegalTransition, field: "step", chinese: chinese, english: english)
    }

    /// Checks that a case may close at `current`.
    public func checkClose(at current: String) throws {
        guard !mayClose(at: current) else { return }
        let next = allowedNext(after: current).first.map { "「\($0)」" } ?? "—"
        throw RegistryError(
            .illegalTransition, field: "step",
            chinese: "议题当前为「\(current)」，须走完最后一步「\(steps.last ?? "")」才能办结，下一步为\(next)",
            english: "the case is at \(current); it closes only at the last step, \(steps.last ?? ""); next is \(next)")
    }

    /// Checks a kind of matter against the district's list.
    public func checkKind(_ kind: String) throws {
        guard !kinds.contains(kind) else { return }
        throw RegistryError(.invalidValue, field: "kind", chinese: "议题类别须为：\(kinds.joined(separator: "、"))",
                            english: "the kind of matter must be one of \(kinds.joined(separator: ", ")), got \(kind)")
    }

    /// Checks a role against the district's list.
    public func checkRole(_ role: String) throws {
        guard !roles.contains(role) else { return }
        throw RegistryError(.invalidValue, field: "attendance.role", chinese: "参与方须为：\(roles.joined(separator: "、"))",
                            english: "the role must be one of \(roles.joined(separator: ", ")), got \(role)")
    }
}
