public import Foundation
import Postgres
public import Registry

/// One recorded step of a demand: a workflow transition, an escalation (吹哨), or a change
/// of its unmet remainder (another project serves part of it), as stored in `demand_event`.
public struct DemandHistoryEntry: Sendable, Hashable, Codable {
    /// Which of the three it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case transition
        case escalation
        /// A project took part of what was unmet, or finished or left with part still
        /// unmet; the state does not change, the note says how much remains.
        case remainder
    }

    /// The event's row id.
    public var id: Int64
    public var kind: Kind
    /// When it happened.
    public var at: Date
    /// Who did it (`cli:root`, `account:17`).
    public var actor: String
    /// The states before and after, for a transition.
    public var fromState: DemandState?
    public var toState: DemandState?
    /// The levels before and after, for an escalation.
    public var fromLevel: EscalationLevel?
    public var toLevel: EscalationLevel?
    /// Shown to residents when ``visibility`` is public.
    public var note: String?
    /// Always internal.
    public var reason: String?
    public var visibility: EventVisibility

    static let columns = """
        e.id, e.kind, e.at, e.actor, e.from_state, e.to_state, e.from_level, e.to_level, e.note, e.reason, e.visibility
        """

    /// Reads an event; `prefix` is before each column's name (`event_` in a filed row).
    init(_ row: Row, prefix: String = "") throws {
        id = try row.decode(Int64.self, prefix + "id")
        guard let kind = Kind(rawValue: try row.decode(String.self, prefix + "kind")) else {
            throw RegistryStoreError.invalid(field: "kind", reason: "未知的需求事件类型 unknown demand event kind")
        }
        self.kind = kind
        at = try row.decode(Date.self, prefix + "at")
        actor = try row.decode(String.self, prefix + "actor")
        fromState = try row.decode(String?.self, prefix + "from_state").map { try DemandState(parsing: $0) }
        toState = try row.decode(String?.self, prefix + "to_state").map { try DemandState(parsing: $0) }
        fromLevel = try row.decode(String?.self, prefix + "from_level").map { try EscalationLevel(parsing: $0) }
        toLevel = try row.decode(String?.self, prefix + "to_level").map { try EscalationLevel(parsing: $0) }
        note = try row.decode(String?.self, prefix + "note")
        reason = try row.decode(String?.self, prefix + "reason")
        visibility = try EventVisibility(parsing: try row.decode(String.self, prefix + "visibility"))
    }

    /// The entry as the domain's event, for a transition (e.g. to derive a ``PublicHistory``).
    public func transition(of demand: DemandID) -> DemandEvent? {
        guard kind == .transition, let fromState, let toState, let actor = try? ActorID(actor) else { return nil }
        return DemandEvent(
            demand: demand, from: fromState, to: toState, actor: actor, at: at, note: note, reason: reason,
            visibility: visibility)
    }
}
