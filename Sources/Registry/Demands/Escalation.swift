public import Foundation

/// A demand handed up the ladder (吹哨): from the level it was handled at to a higher one,
/// by whom, when and why.
///
/// Made by ``Demand/escalate(to:actor:reason:at:)``, which checks that it goes up; the
/// public initialiser is for reading stored escalations back.
public struct Escalation: Hashable, Sendable, Codable {
    /// The demand escalated.
    public var demand: DemandID
    /// The level it was handled at.
    public var from: EscalationLevel
    /// The level it is handed to; always higher than ``from``.
    public var to: EscalationLevel
    /// Who escalated it.
    public var actor: ActorID
    /// Why the lower level cannot settle it.
    public var reason: String
    /// When, as passed in by the caller.
    public var at: Date

    /// Reads a stored escalation back; does not check the rules.
    public init(demand: DemandID, from: EscalationLevel, to: EscalationLevel, actor: ActorID, reason: String, at: Date) {
        self.demand = demand
        self.from = from
        self.to = to
        self.actor = actor
        self.reason = reason
        self.at = at
    }
}
