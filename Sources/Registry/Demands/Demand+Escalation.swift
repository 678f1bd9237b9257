public import Foundation

extension Demand {
    /// Hands the demand up to a higher level (吹哨) and returns the escalation to record.
    ///
    /// Only upward, by one or more levels (grid straight to street is allowed: a matter
    /// may be plainly beyond the community), and only while the demand is open: a draft
    /// has not been filed and a closed demand has left the list.
    ///
    /// ```swift
    /// let escalation = try demand.escalate(
    ///     to: .street, actor: actor, reason: "涉及多个部门，需街道协调", at: now)
    /// ```
    ///
    /// - Parameters:
    ///   - level: The level to hand it to.
    ///   - actor: Who escalates it.
    ///   - reason: Why; required.
    ///   - at: When, passed in by the caller.
    /// - Returns: The escalation; ``escalationLevel`` is now `level`.
    /// - Throws: ``RegistryError``: `escalationNotUpward` unless `level` is above the
    ///   current level, `reasonRequired` without a reason, `notAllowedInState` for a draft
    ///   or a closed demand. On refusal nothing changes.
    @discardableResult
    public mutating func escalate(to level: EscalationLevel, actor: ActorID, reason: String, at: Date) throws -> Escalation {
        guard state.isOpen else {
            throw RegistryError(
                .notAllowedInState, field: "state",
                chinese: "需求当前状态为「\(state.chineseName)」（\(state.rawValue)），只有已提交且未关闭的需求才能上报",
                english: "the demand is \(state.rawValue); only a filed demand that is still open can be escalated"
            )
        }
        guard level > escalationLevel else {
            let higher = EscalationLevel.allCases.filter { $0 > escalationLevel }
            let chineseHigher = higher.isEmpty ? "已是最高层级" : "可上报至：" + higher.map(\.chineseName).joined(separator: "、")
            let englishHigher = higher.isEmpty ? "it is already at the top" : "possible: " + higher.map(\.rawValue).joined(separator: ", ")
            throw RegistryError(
                .escalationNotUpward, field: "escalation_level",
                chinese: "上报只能向上：当前在\(escalationLevel.chineseName)，不能上报至\(level.chineseName)；\(chineseHigher)",
                english: "escalation goes upward only: the demand is at \(escalationLevel.rawValue), not below \(level.rawValue); \(englishHigher)"
            )
        }
        guard let reason = try optionalText(reason, field: "reason", limit: DemandWorkflow.maximumTextLength) else {
            throw RegistryError(
                .reasonRequired, field: "reason",
                chinese: "上报须说明理由", english: "an escalation needs a reason"
            )
        }
        let escalation = Escalation(demand: id, from: escalationLevel, to: level, actor: actor, reason: reason, at: at)
        escalationLevel = level
        return escalation
    }
}
