public import Registry

/// What a demand list shows: every criterion is optional, and they combine with AND.
///
/// "What is on my desk" is `under` my org unit, at my `level`, `open`
/// (``DemandStore/desk(of:in:)`` makes it for an account's org unit).
///
/// ```swift
/// let filter = DemandFilter(state: .accepted, under: "C1", search: "路灯")
/// ```
public struct DemandFilter: Sendable, Hashable {
    /// Only this state.
    public var state: DemandState?
    /// A category code or the tenant's Chinese name for it.
    public var category: String?
    /// Only demands in the subtree of the org unit with this code (itself included).
    public var under: String?
    /// Filed on or after this day.
    public var filedFrom: CivilDate?
    /// Filed on or before this day.
    public var filedTo: CivilDate?
    /// Text the title contains.
    public var search: String?
    /// Only demands a project serves in part, whose unmet remainder is still on the list.
    public var unmet: Bool
    /// Only demands escalated to (or starting at) this level (吹哨: who must act now).
    public var level: EscalationLevel?
    /// Only open demands: filed, not closed (submitted, accepted, matched, in project).
    public var open: Bool

    /// Makes a filter; without arguments it lets everything through.
    public init(
        state: DemandState? = nil, category: String? = nil, under: String? = nil,
        filedFrom: CivilDate? = nil, filedTo: CivilDate? = nil, search: String? = nil, unmet: Bool = false,
        level: EscalationLevel? = nil, open: Bool = false
    ) {
        self.unmet = unmet
        self.level = level
        self.open = open
        self.state = state
        self.category = category
        self.under = under
        self.filedFrom = filedFrom
        self.filedTo = filedTo
        self.search = search
    }
}

/// One page of a demand list, newest first, and where the next one starts.
///
/// Pages are keyed on the id (keyset pagination): the next page is "ids below the last one
/// shown", which costs the same at page 1 and page 10,000 and neither repeats nor skips a
/// row when demands are filed between two pages (new ones get higher ids, so they appear
/// on a fresh first page, never in the middle).
public struct DemandPage: Sendable, Hashable, Codable {
    public var items: [DemandListItem]
    /// The cursor for the next page (`--after`), or `nil` on the last page.
    public var nextCursor: DemandID?

    /// Makes a page.
    public init(items: [DemandListItem], nextCursor: DemandID?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
