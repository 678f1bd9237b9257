/// One item of the resource list (资源清单) as an import file gives it, an export writes it,
/// and ``ResourceStore/create(_:in:)`` takes it.
public struct ResourceImportRow: Sendable, Hashable {
    /// The file line the row came from, for error messages (0 for exported rows).
    public var line: Int
    /// The district's own id for the resource; re-imports match on it.
    public var externalID: String
    /// The pledging unit's external id.
    public var unitExternalID: String
    public var title: String
    public var description: String?
    /// A category code or the category's Chinese name in the district's vocabulary.
    public var category: String
    public var kind: ResourceKind
    /// What is pledged, in ``measureUnit``'s stored amount (fen for yuan): the first ledger
    /// entry of a new resource; a larger figure on re-import is pledged on top.
    public var capacity: Int64
    public var measureUnit: MeasureUnit
    /// The resource's own cost per unit of measure, in fen.
    public var unitCost: Money?
    /// Org codes it may serve; empty: the communities its unit contracts.
    public var serviceAreaCodes: [String]
    public var availableFrom: CivilDate?
    public var availableUntil: CivilDate?
    public var status: ResourceStatus
    public var isPublic: Bool
    public var publishedOn: CivilDate?

    /// Makes a row.
    public init(
        line: Int = 0, externalID: String, unitExternalID: String, title: String, description: String? = nil,
        category: String, kind: ResourceKind, capacity: Int64, measureUnit: MeasureUnit, unitCost: Money? = nil,
        serviceAreaCodes: [String] = [], availableFrom: CivilDate? = nil, availableUntil: CivilDate? = nil,
        status: ResourceStatus = .available, isPublic: Bool = false, publishedOn: CivilDate? = nil
    ) {
        self.line = line
        self.externalID = externalID
        self.unitExternalID = unitExternalID
        self.title = title
        self.description = description
        self.category = category
        self.kind = kind
        self.capacity = capacity
        self.measureUnit = measureUnit
        self.unitCost = unitCost
        self.serviceAreaCodes = serviceAreaCodes
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.status = status
        self.isPublic = isPublic
        self.publishedOn = publishedOn
    }
}
