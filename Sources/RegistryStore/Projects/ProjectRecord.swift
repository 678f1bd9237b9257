public import Registry

/// An item of the project list as lists show it.
public struct ProjectRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var externalID: String?
    public var title: String
    public var status: ProjectStatus
    public var responsibleUnitExternalID: String?
    public var responsibleUnitName: String
    public var budget: Money?
    public var startsOn: CivilDate?
    public var dueOn: CivilDate?
    /// The latest reported percentage.
    public var progressPercent: Int
    /// How many demands it serves.
    public var demandCount: Int
    /// The residents' score, 1–5, once rated.
    public var rating: Int?
    public var completedOn: CivilDate?
    public var checkedOn: CivilDate?
    public var isPublic: Bool
    public var publishedOn: CivilDate?
}
