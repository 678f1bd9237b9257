/// A resource as a door hands it in, before the store resolves its references: the write
/// side of the resource list (资源清单).
///
/// The API, the CLI and the resource file build one, and every door's values pass the same
/// ``checked(on:door:)``; the store resolves the unit, the category and the service area
/// inside the tenant and files the capacity as the first pledge.
///
/// ```swift
/// let draft = ResourceDraft(
///     unit: "U001", title: "法律咨询服务", category: "legal_aid", kind: .professionalService,
///     capacity: 40, measureUnit: .volunteerHours)
/// let checked = try draft.checked(on: today, door: .api)
/// ```
public struct ResourceDraft: Sendable, Hashable {
    /// The district's own id; a file must give it, the API may leave it to the store (`GR-R<id>`).
    public var externalID: String?
    /// The pledging unit's external id.
    public var unit: String
    public var title: String
    public var description: String?
    /// A category code or the category's Chinese name in the district's vocabulary.
    public var category: String
    public var kind: ResourceKind
    /// What is pledged, in ``measureUnit``'s stored amount (fen for yuan).
    public var capacity: Int64
    public var measureUnit: MeasureUnit
    /// The resource's own cost per unit of measure.
    public var unitCost: Money?
    /// Org codes it may serve; empty: the communities its unit contracts.
    public var serviceArea: [String]
    public var availableFrom: CivilDate?
    public var availableUntil: CivilDate?
    public var status: ResourceStatus
    public var isPublic: Bool
    public var publishedOn: CivilDate?

    /// Makes a draft.
    public init(
        externalID: String? = nil, unit: String, title: String, description: String? = nil, category: String,
        kind: ResourceKind, capacity: Int64, measureUnit: MeasureUnit, unitCost: Money? = nil, serviceArea: [String] = [],
        availableFrom: CivilDate? = nil, availableUntil: CivilDate? = nil, status: ResourceStatus = .available,
        isPublic: Bool = false, publishedOn: CivilDate? = nil
    ) {
        self.externalID = externalID
        self.unit = unit
        self.title = title
        self.description = description
        self.category = category
        self.kind = kind
        self.capacity = capacity
        self.measureUnit = measureUnit
        self.unitCost = unitCost
        self.serviceArea = serviceArea
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.status = status
        self.isPublic = isPublic
        self.publishedOn = publishedOn
    }
}

extension ResourceImportRow {
    /// The row's values as a draft (an empty external id is none), for
    /// ``ResourceDraft/checked(on:door:)``.
    public var draft: ResourceDraft {
        ResourceDraft(
            externalID: externalID.isEmpty ? nil : externalID, unit: unitExternalID, title: title, description: description,
            category: category, kind: kind, capacity: capacity, measureUnit: measureUnit, unitCost: unitCost,
            serviceArea: serviceAreaCodes, availableFrom: availableFrom, availableUntil: availableUntil, status: status,
            isPublic: isPublic, publishedOn: publishedOn)
    }

    /// The row with its text trimmed (blank text absent), or every problem its draft has
    /// (``ResourceDraft/checked(on:door:)``): what a store and a file reader check alike.
    public func checked(on today: CivilDate, door: FieldDeclaration.Doors) throws(InvalidFields) -> ResourceImportRow {
        let draft = try self.draft.checked(on: today, door: door)
        var row = self
        row.externalID = draft.externalID ?? ""
        row.unitExternalID = draft.unit
        row.title = draft.title
        row.description = draft.description
        row.category = draft.category
        row.serviceAreaCodes = draft.serviceArea
        return row
    }
}
