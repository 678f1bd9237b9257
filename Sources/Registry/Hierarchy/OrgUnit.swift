public import Foundation

/// A node of a district's hierarchy: a street, a community, a grid, a compound, a building.
///
/// The hierarchy is data: each node names its parent, and the storage layer keeps the
/// path for subtree queries and refuses cycles when a node moves.
public struct OrgUnit: Hashable, Sendable, Codable, Identifiable {
    /// The longest code a node takes: what a demand's org code and a resource's service area
    /// can name (``DemandDraft/Field/orgCode``), and well inside what the unique index on
    /// codes can hold.
    public static let maximumCodeLength = 100

    /// The district the node belongs to.
    public var tenant: TenantID
    /// The node's id within the district.
    public var id: OrgUnitID
    /// Street, community, grid …
    public var kind: OrgUnitKind
    /// The district's own code for the node, if it has one (e.g. a grid number).
    public var code: String?
    /// The node's name, e.g. 滨河社区.
    public var name: String
    /// The node above it; `nil` for a top-level street or town.
    public var parent: OrgUnitID?
    /// The first day the node exists, if recorded.
    public var validFrom: CivilDate?
    /// The last day the node exists (after a merger or a re-drawing of grids), if any.
    public var validUntil: CivilDate?

    /// Makes an org unit record.
    public init(
        tenant: TenantID, id: OrgUnitID, kind: OrgUnitKind, code: String? = nil, name: String,
        parent: OrgUnitID? = nil, validFrom: CivilDate? = nil, validUntil: CivilDate? = nil
    ) {
        self.tenant = tenant
        self.id = id
        self.kind = kind
        self.code = code
        self.name = name
        self.parent = parent
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}
