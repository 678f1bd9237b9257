public import Registry

/// A member's registration for duty (双报到) as lists show it: personal data masked
/// (`张*`, `138****5678`, `6109************12`).
public struct MemberRecord: Sendable, Hashable, Codable {
    /// The registration's id.
    public var id: Int64
    /// The person's external id.
    public var externalID: String?
    /// Masked.
    public var name: String
    /// Masked.
    public var phone: String?
    /// Masked.
    public var idCard: String?
    public var unitExternalID: String?
    public var unitName: String
    public var communityCode: String
    public var communityName: String
    public var registeredOn: CivilDate
}

/// Which registrations a member list shows, one page at a time (keyset on the registration id).
public struct MemberQuery: Sendable, Hashable {
    /// Only members registered by this unit (external id or id).
    public var unit: String?
    /// Only members reporting to a community in the subtree under this org code.
    public var orgCode: String?
    public var after: Int64?
    public var limit: Int

    public init(unit: String? = nil, orgCode: String? = nil, after: Int64? = nil, limit: Int = 50) {
        self.unit = unit
        self.orgCode = orgCode
        self.after = after
        self.limit = limit
    }
}

/// One page of members.
public struct MemberPage: Sendable, Codable {
    public var items: [MemberRecord]
    /// The cursor for the next page (`--after`), or `nil` on the last page.
    public var nextCursor: Int64?
}
