public import Registry

/// A registered unit as lists show it: contacts masked, with the communities it contracts.
public struct UnitRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var externalID: String?
    public var name: String
    public var kind: UnitKind
    /// Masked: `张*`.
    public var contactName: String?
    /// Masked: `138****5678`.
    public var contactPhone: String?
    public var address: String?
    /// The communities it contracts (包联), by code.
    public var communities: [UnitCommunity]
    /// How many members it registered for duty (双报到).
    public var memberCount: Int
    /// How many items of the resource list it filed.
    public var resourceCount: Int
}

/// A community (or village) a unit contracts (包联).
public struct UnitCommunity: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
}
