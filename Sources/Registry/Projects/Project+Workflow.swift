public import Foundation

/// The rules of the project workflow.
///
/// - planned → in_progress: work starts.
/// - planned → cancelled: abandoned before it started (reason required).
/// - in_progress → completed: the responsible unit reports the work done.
/// - in_progress → cancelled: abandoned part-way (reason required); the storage layer
///   returns undrawn resources and sends the demands back to the list.
/// - completed → checked: inspected and accepted (验收).
/// - checked, cancelled: final.
public enum ProjectWorkflow {
    /// Who moves a project along this workflow (start, completion, check, cancellation): the
    /// district's admins. Progress reports, milestones and the rating are any writer's
    /// (community staff inside their subtree): ``progressAccess``. Every door asks these.
    public static let movesAccess: AccessClass = .tenantAdmin
    public static let progressAccess: AccessClass = .tenantWrite

    /// Every allowed move.
    public static let transitions: [ProjectStatus: [ProjectStatus]] = [
        .planned: [.inProgress, .cancelled],
        .inProgress: [.completed, .cancelled],
        .completed: [.checked],
        .checked: [],
        .cancelled: [],
    ]

    /// The statuses a project in `status` may move to; empty for a final status.
    public static func allowedTargets(from status: ProjectStatus) -> [ProjectStatus] {
        transitions[status] ?? []
    }

    /// Whether the table allows moving from `from` to `to`.
    public static func isAllowed(from: ProjectStatus, to: ProjectStatus) -> Bool {
        allowedTargets(from: from).contains(to)
    }

    /// Checks one move of a project and returns the event to record.
    ///
    /// ```swift
    /// let event = try ProjectWorkflow.transition(
    ///     of: 3, from: .inProgress, to: .cancelled, actor: actor, at: now, reason: "资金未到位")
    /// ```
    ///
    /// - Parameters:
    ///   - project: The project that moves.
    ///   - from: Its current status.
    ///   - to: The requested status.
    ///   - actor: Who moves it.
    ///   - at: When, passed in by the caller.
    ///   - note: A note.
    ///   - reason: Why; required for `cancelled`.
    /// - Returns: The event.
    /// - Throws: ``RegistryError``: `illegalTransition` (naming the current status and the
    ///   allowed ones), `reasonRequired`, or `invalidValue` for an over-long text.
    public static func transition(
        of project: ProjectID, from: ProjectStatus, to: ProjectStatus, actor: ActorID, at: Date,
        note: String? = nil, reason: String? = nil
    ) throws -> ProjectEvent {
        guard isAllowed(from: from, to: to) else {
            let allowed = allowedTargets(from: from)
            let chineseAllowed =
                allowed.isEmpty
                ? "该状态为终态，不能再转换"
                : "可转为：" + allowed.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、")
            let englishAllowed =
                allowed.isEmpty
                ? "it is final: no further transitions"
                : "allowed: " + allowed.map(\.rawValue).joined(separator: ", ")
            throw RegistryError(
                .illegalTransition, field: "status",
                chinese: "项目当前状态为「\(from.chineseName)」（\(from.rawValue)），不能转为「\(to.chineseName)」（\(to.rawValue)）；\(chineseAllowed)",
                english: "the project is \(from.rawValue) and cannot move to \(to.rawValue); \(englishAllowed)"
            )
        }
        let note = try optionalText(note, field: "note", limit: DemandWorkflow.maximumTextLength)
        let reason = try optionalText(reason, field: "reason", limit: DemandWorkflow.maximumTextLength)
        if to == .cancelled, reason == nil {
            throw RegistryError(
                .reasonRequired, field: "reason",
                chinese: "取消项目须说明理由", english: "cancelling a project needs a reason"
            )
        }
        return ProjectEvent(project: project, from: from, to: to, actor: actor, at: at, note: note, reason: reason)
    }
}

extension Project {
    /// Moves the project to `target` if the workflow allows it and returns the event.
    ///
    /// A cancellation records ``cancellationReason``. On refusal nothing changes.
    ///
    /// - Parameters: See ``ProjectWorkflow/transition(of:from:to:actor:at:note:reason:)``.
    /// - Returns: The event.
    /// - Throws: ``RegistryError``, as ``ProjectWorkflow/transition(of:from:to:actor:at:note:reason:)``.
    @discardableResult
    public mutating func transition(
        to target: ProjectStatus, actor: ActorID, at: Date, note: String? = nil, reason: String? = nil
    ) throws -> ProjectEvent {
        let event = try ProjectWorkflow.transition(
            of: id, from: status, to: target, actor: actor, at: at, note: note, reason: reason
        )
        if target == .cancelled { cancellationReason = event.reason }
        status = target
        return event
    }
}
