/// Where one table lives on a Citus cluster, and why.
public enum Placement: String, Sendable, Codable, CaseIterable, Comparable {
    /// Split into shards by a column (`tenant_id`, or `id` for `tenant` itself), co-located so
    /// that one district's rows of every table sit on the same worker.
    case distributed
    /// Copied whole to every node: shared catalogues that every district reads.
    case reference
    /// Left as an ordinary table on the coordinator alone.
    case local

    public static func < (lhs: Placement, rhs: Placement) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One table's place in a ``PlacementPlan``.
public struct TablePlacement: Sendable, Equatable, Codable {
    /// The table's name as `regclass` prints it (schema-qualified only outside the search path).
    public var table: String
    public var placement: Placement
    /// The distribution column (`tenant_id`, or `id` for `tenant`); nil unless distributed.
    public var column: String?
    /// The table whose shards these are placed with; nil for the group's first table.
    public var colocateWith: String?
    /// Why the plan puts the table here, in words an operator can check against the schema.
    public var reason: String

    public init(table: String, placement: Placement, column: String? = nil, colocateWith: String? = nil, reason: String) {
        self.table = table
        self.placement = placement
        self.column = column
        self.colocateWith = colocateWith
        self.reason = reason
    }
}

/// A foreign key that Citus accepts but cannot enforce: from a table left on the coordinator to
/// one whose rows have moved to shards. Citus 13.2 keeps the key on the coordinator's empty
/// shell table, so every insert into `table` fails with "Key … is not present" (tried on a
/// real coordinator). Only a schema change removes it; the plan names each one.
public struct UnenforceableKey: Sendable, Equatable, Codable {
    public var table: String
    public var constraint: String
    public var references: String
    public var referencedPlacement: Placement
}
