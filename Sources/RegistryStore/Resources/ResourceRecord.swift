public import Registry

/// An item of the resource list as lists show it. Amounts are stored amounts in
/// ``measureUnit`` (fen for yuan); JSON carries them in the unit (`"1500.00"` yuan).
public struct ResourceRecord: Sendable, Hashable, Encodable {
    public var id: Int64
    public var externalID: String?
    public var title: String
    public var unitExternalID: String?
    public var unitName: String
    public var category: String
    /// The category's Chinese name, as lists show it.
    public var categoryName: String
    public var kind: ResourceKind
    public var measureUnit: MeasureUnit
    /// Everything pledged: the capacity.
    public var pledged: Int64
    /// What can still be drawn (pledged − drawn + returned), kept by the database.
    public var remaining: Int64
    public var unitCost: Money?
    public var availableFrom: CivilDate?
    public var availableUntil: CivilDate?
    public var status: ResourceStatus
    public var isPublic: Bool
    public var publishedOn: CivilDate?
    /// Org codes listed as its service area; empty: the communities its unit contracts.
    public var serviceArea: [String]
}

extension ResourceRecord {
    private enum CodingKeys: String, CodingKey {
        case id, externalID, title, unitExternalID, unitName, category, categoryName, kind, measureUnit, pledged, remaining
        case unitCost, availableFrom, availableUntil, status, isPublic, publishedOn, serviceArea
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(externalID, forKey: .externalID)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(unitExternalID, forKey: .unitExternalID)
        try c.encode(unitName, forKey: .unitName)
        try c.encode(category, forKey: .category)
        try c.encode(categoryName, forKey: .categoryName)
        try c.encode(kind, forKey: .kind)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(pledged, in: measureUnit, forKey: .pledged)
        try c.encode(remaining, in: measureUnit, forKey: .remaining)
        try c.encodeIfPresent(unitCost, forKey: .unitCost)
        try c.encodeIfPresent(availableFrom, forKey: .availableFrom)
        try c.encodeIfPresent(availableUntil, forKey: .availableUntil)
        try c.encode(status, forKey: .status)
        try c.encode(isPublic, forKey: .isPublic)
        try c.encodeIfPresent(publishedOn, forKey: .publishedOn)
        try c.encode(serviceArea, forKey: .serviceArea)
    }
}
