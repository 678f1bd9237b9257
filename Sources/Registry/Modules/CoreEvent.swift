/// Something that happened to the lists that modules may react to. Handlers run inside the
/// transaction of the change (see `CoreEventHandler`), so a failing handler undoes the change
/// with it and nothing is half-done.
public enum CoreEvent: Sendable, Hashable {
    /// A demand moved along its workflow (filed as submitted, accepted, resolved, rated …).
    case demandTransitioned(DemandID, from: DemandState, to: DemandState)
    /// A demand was handed up the ladder (吹哨).
    case demandEscalated(DemandID, to: EscalationLevel)
    /// A project was completed.
    case projectCompleted(projectID: Int64)
    /// Residents rated a completed project.
    case projectRated(projectID: Int64, score: Int)

    /// A short name, e.g. `demand.transitioned`.
    public var name: String {
        switch self {
        case .demandTransitioned: "demand.transitioned"
        case .demandEscalated: "demand.escalated"
        case .projectCompleted: "project.completed"
        case .projectRated: "project.rated"
        }
    }
}
