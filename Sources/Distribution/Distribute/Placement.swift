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
    /// A local table that Citus is told of (`citus_add_local_table_to_metadata`): one with a
    /// key to a reference table, or pointing at such a table. Citus then checks that key
    /// against the coordinator's copy of the reference table; a plain local table's key would
    /// be checked against the empty shell and refuse every row (tried on a real coordinator).
    public var citusManaged: Bool

    public init(table: String, placement: Placement, column: String? = nil, colocateWith: String? = nil, reason: String, citusManaged: Bool = false) {
        self.table = table
        self.placement = placement
        self.column = column
        self.colocateWith = colocateWith
        self.reason = reason
        self.citusManaged = citusManaged
    }
}

/// A foreign key that Citus accepts but cannot enforce: from a table left on the coordinator to
/// one whose rows have moved to shards (a distributed table; a key to a reference table is
/// enforced once the table is ``TablePlacement/citusManaged``). Citus 13.2 keeps the key on the coordinator's empty
/// shell table, so every insert into `table` fails with "Key … is not present" (tried on a
/// real coordinator). Only a schema change removes it; the plan names each one.
public struct UnenforceableKey: Sendable, Equatable, Codable {
    public var table: String
    public var constraint: String
    public var references: String
    public var referencedPlacement: Placement
}
