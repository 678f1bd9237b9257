public import Foundation
public import Registry

/// One demand with everything staff may see of it: the demand, the names of where it is
/// and what it is about, and its history. The reporter appears as a person id only; the
/// person's name and phone stay in the person table.
public struct DemandDetail: Sendable, Hashable, Codable {
    public var demand: Demand
    public var orgCode: String
    public var orgName: String
    public var categoryName: String
    public var filedAt: Date
    public var updatedAt: Date
    /// Incremented by every change; pass it back as `expectedVersion` to refuse a move
    /// based on a stale read.
    public var rowVersion: Int
    /// Transitions and escalations, oldest first.
    public var history: [DemandHistoryEntry]

    /// What residents see of the history (public transitions only, coarse statuses).
    public var publicHistory: PublicHistory {
        PublicHistory(events: history.compactMap { $0.transition(of: demand.id) })
    }
}
