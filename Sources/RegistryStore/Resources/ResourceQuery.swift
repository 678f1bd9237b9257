public import Registry

/// Which resources a list shows, one page at a time, newest first (keyset: ids below ``after``).
public struct ResourceQuery: Sendable, Hashable {
    public var status: ResourceStatus?
    /// A category code or Chinese name.
    public var category: String?
    public var kind: ResourceKind?
    /// Only this unit's resources (external id or id).
    public var unit: String?
    /// Only resources whose service area overlaps the subtree under this org code (it serves
    /// a node in the subtree, or a node above it).
    public var orgCode: String?
    /// Only resources available on some day of `availableFrom…availableUntil`.
    public var availableFrom: CivilDate?
    public var availableUntil: CivilDate?
    /// The cursor: the last id of the previous page.
    public var after: Int64?
    public var limit: Int

    public init(
        status: ResourceStatus? = nil, category: String? = nil, kind: ResourceKind? = nil, unit: String? = nil,
        orgCode: String? = nil, availableFrom: CivilDate? = nil, availableUntil: CivilDate? = nil,
        after: Int64? = nil, limit: Int = 50
    ) {
        self.status = status
        self.category = category
        self.kind = kind
        self.unit = unit
        self.orgCode = orgCode
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.after = after
        self.limit = limit
    }
}

/// One page of resources.
public struct ResourcePage: Sendable, Encodable {
    public var items: [ResourceRecord]
    /// The cursor for the next page (`--after`), or `nil` on the last page.
    public var nextCursor: Int64?
}
