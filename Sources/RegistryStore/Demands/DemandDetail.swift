public import Foundation
public import Registry

/// One demand with everything staff may see of it: the demand, the names of where it is
/// and what it is about, and its history. The reporter appears as a person id only; the
/// person's name and phone stay in the person table.
public struct DemandDetail: Sendable, Hashable, Encodable {
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

extension DemandDetail {
    private enum Key: String, CodingKey {
        case demand, orgCode, orgName, categoryName, filedAt, updatedAt, rowVersion, history
    }

    /// The demand's own fields under the names its input uses (`description`, not the Swift
    /// `details`), without the internal keys a caller has no use for: the district (the
    /// caller's own) and the org unit's row id (`org_code` names it beside).
    private enum DemandKey: String, CodingKey {
        case id, externalID, title, description, category, sourceChannel, reporter, beneficiaries, quantity, priority
        case dueOn, isPublic, publishedOn, state, escalationLevel, settledLevel, mergedInto, rating
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        var fields = container.nestedContainer(keyedBy: DemandKey.self, forKey: .demand)
        try fields.encode(demand.id, forKey: .id)
        try fields.encodeIfPresent(demand.externalID, forKey: .externalID)
        try fields.encode(demand.title, forKey: .title)
        try fields.encodeIfPresent(demand.details, forKey: .description)
        try fields.encode(demand.category, forKey: .category)
        try fields.encode(demand.sourceChannel, forKey: .sourceChannel)
        try fields.encodeIfPresent(demand.reporter, forKey: .reporter)
        try fields.encodeIfPresent(demand.beneficiaries, forKey: .beneficiaries)
        try fields.encode(demand.quantity, forKey: .quantity)
        try fields.encode(demand.priority, forKey: .priority)
        try fields.encodeIfPresent(demand.dueOn, forKey: .dueOn)
        try fields.encode(demand.isPublic, forKey: .isPublic)
        try fields.encodeIfPresent(demand.publishedOn, forKey: .publishedOn)
        try fields.encode(demand.state, forKey: .state)
        try fields.encode(demand.escalationLevel, forKey: .escalationLevel)
        try fields.encodeIfPresent(demand.settledLevel, forKey: .settledLevel)
        try fields.encodeIfPresent(demand.mergedInto, forKey: .mergedInto)
        try fields.encodeIfPresent(demand.rating, forKey: .rating)
        try container.encode(orgCode, forKey: .orgCode)
        try container.encode(orgName, forKey: .orgName)
        try container.encode(categoryName, forKey: .categoryName)
        try container.encode(filedAt, forKey: .filedAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(rowVersion, forKey: .rowVersion)
        try container.encode(history, forKey: .history)
    }
}
