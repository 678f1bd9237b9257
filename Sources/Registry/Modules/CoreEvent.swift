/// Something that happened that modules may react to: the core's events (``CoreEvent``) and
/// any a module defines for others to hear (a mediation case settled, points awarded …).
///
/// An open set: a module declares its own event as a type conforming to this protocol, emits
/// it with `TenantTransaction.emit(_:)`, and a handler that knows the type (it imports the
/// module that defines it) picks it out with `as?`. The core never needs to change for a new
/// event. Handlers run inside the transaction of the change (see `CoreEventHandler`), so a
/// failing handler undoes the change with it and nothing is half-done.
///
/// ```swift
/// public struct CaseSettled: GovernanceEvent {
///     public let caseID: Int64
///     public var name: String { "mediation.case_settled" }
/// }
/// try await tx.emit([CaseSettled(caseID: id)])
/// ```
public protocol GovernanceEvent: Sendable {
    /// A short dotted name for messages and logs, e.g. `demand.transitioned`.
    var name: String { get }
}

/// What happened to the lists themselves.
public enum CoreEvent: GovernanceEvent, Hashable {
    /// A demand moved along its workflow (filed as submitted, accepted, resolved, rated …).
    case demandTransitioned(DemandID, from: DemandState, to: DemandState)
    /// A demand was handed up the ladder (吹哨).
    case demandEscalated(DemandID, to: EscalationLevel)
    /// A project was completed.
    case projectCompleted(projectID: Int64)
    /// Residents rated a completed project.
    case projectRated(projectID: Int64, score: Int)
    /// An import created `created` demands and changed `updated` (导入 #`importID`): one
    /// event for the batch, not one per row, since a file may hold a million. A handler reads
    /// the rows it cares about set-based (`DemandStore.importedDemands(_:in:)`).
    case demandsImported(importID: Int64, created: Int, updated: Int)

    /// A short name, e.g. `demand.transitioned`.
    public var name: String {
        switch self {
        case .demandTransitioned: "demand.transitioned"
        case .demandEscalated: "demand.escalated"
        case .projectCompleted: "project.completed"
        case .projectRated: "project.rated"
        case .demandsImported: "demand.imported"
        }
    }
}
