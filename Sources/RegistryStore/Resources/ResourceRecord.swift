public import Registry

/// An item of the resource list as lists show it. Amounts are stored amounts in
/// ``measureUnit`` (fen for yuan).
public struct ResourceRecord: Sendable, Hashable, Codable {
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
