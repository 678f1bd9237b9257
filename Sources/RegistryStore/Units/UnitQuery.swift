public import Registry

/// Which units a list shows, one page at a time (keyset: ids after ``after``).
public struct UnitQuery: Sendable, Hashable {
    public var kind: UnitKind?
    /// Only units contracting a community in the subtree under this org code.
    public var orgCode: String?
    /// The cursor: the last id of the previous page.
    public var after: Int64?
    public var limit: Int

    public init(kind: UnitKind? = nil, orgCode: String? = nil, after: Int64? = nil, limit: Int = 50) {
        self.kind = kind
        self.orgCode = orgCode
        self.after = after
        self.limit = limit
    }
}

/// One page of units.
public struct UnitPage: Sendable, Codable {
    public var items: [UnitRecord]
    /// The cursor for the next page (`--after`), or `nil` on the last page.
    public var nextCursor: Int64?
}
