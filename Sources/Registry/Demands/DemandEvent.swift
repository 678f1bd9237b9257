public import Foundation

/// One recorded step of a demand's workflow: who moved it from which state to which, when,
/// why, and whether residents may see it.
///
/// Made by ``DemandWorkflow/transition(of:from:to:actor:at:note:reason:mergedInto:rating:visibility:)``,
/// which checks the rules; the public initialiser is for reading stored events back.
public struct DemandEvent: Hashable, Sendable, Codable {
    /// The demand that moved.
    public var demand: DemandID
    /// The state before.
    public var from: DemandState
    /// The state after.
    public var to: DemandState
    /// Who moved it.
    public var actor: ActorID
    /// When, as passed in by the caller (the workflow never reads the clock).
    public var at: Date
    /// A note; shown to residents when ``visibility`` is public, so write it for them.
    public var note: String?
    /// Why (required when rejecting). Always internal: a public explanation goes in ``note``.
    public var reason: String?
    /// The demand it was merged into, for a move to ``DemandState/merged``.
    public var mergedInto: DemandID?
    /// The resident's rating, for a move to ``DemandState/rated``.
    public var rating: Rating?
    /// Whether residents may see the event and its note.
    public var visibility: EventVisibility

    /// Reads a stored event back; does not check the workflow rules.
    public init(
        demand: DemandID, from: DemandState, to: DemandState, actor: ActorID, at: Date,
        note: String? = nil, reason: String? = nil, mergedInto: DemandID? = nil, rating: Rating? = nil,
        visibility: EventVisibility
    ) {
        self.demand = demand
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.note = note
        self.reason = reason
        self.mergedInto = mergedInto
        self.rating = rating
        self.visibility = visibility
    }
}
