public import Registry

/// Which projects a list shows, one page at a time, newest first (keyset: ids below ``after``).
public struct ProjectQuery: Sendable, Hashable {
    public var status: ProjectStatus?
    /// Only projects serving a demand of this category (code or Chinese name).
    public var category: String?
    /// Only projects serving a demand raised in the subtree under this org code.
    public var orgCode: String?
    /// Only projects this unit is responsible for (external id or id).
    public var unit: String?
    /// Only projects whose planned period (start to due date) touches `from…to`.
    public var from: CivilDate?
    public var to: CivilDate?
    /// The cursor: the last id of the previous page.
    public var after: Int64?
    public var limit: Int

    public init(
        status: ProjectStatus? = nil, category: String? = nil, orgCode: String? = nil, unit: String? = nil,
        from: CivilDate? = nil, to: CivilDate? = nil, after: Int64? = nil, limit: Int = 50
    ) {
        self.status = status
        self.category = category
        self.orgCode = orgCode
        self.unit = unit
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}

/// One page of projects.
public struct ProjectPage: Sendable, Codable {
    public var items: [ProjectRecord]
    /// The cursor for the next page (`--after`), or `nil` on the last page.
    public var nextCursor: Int64?
}
