public import Foundation

/// A registered unit (双报到单位 / 共建单位): a department, state enterprise, school, social
/// organisation or property company that registers with communities and pledges resources.
///
/// Named "registered unit" rather than "unit" so it is never confused with a unit of
/// measure (or with Foundation's `Unit`).
public struct RegisteredUnit: Hashable, Sendable, Codable, Identifiable {
    /// The district the unit is registered in.
    public var tenant: TenantID
    /// The unit's id within the district.
    public var id: UnitID
    /// The unit's name, e.g. 县人民医院.
    public var name: String
    /// Department, state enterprise, school …
    public var kind: UnitKind
    /// The communities the unit contracts (包联); the default service area of its resources.
    public var contractedCommunities: [OrgUnitID]

    /// Makes a registered unit record.
    public init(tenant: TenantID, id: UnitID, name: String, kind: UnitKind, contractedCommunities: [OrgUnitID] = []) {
        self.tenant = tenant
        self.id = id
        self.name = name
        self.kind = kind
        self.contractedCommunities = contractedCommunities
    }
}
