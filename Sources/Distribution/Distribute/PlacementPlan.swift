public import Postgres

/// Which table of govreg's schema is distributed by `tenant_id`, which becomes a reference
/// table and which stays on the coordinator, in the order Citus must be told: read from the
/// catalogue, so a module's tables and a later migration's are placed by the same rules.
///
/// The rules, by columns and keys, never by a list of names:
/// - **`tenant`** is distributed by `id` when every unique key of it holds `id`; otherwise
///   (its slug and division code are unique across all districts) it is a reference table,
///   since a table split by `id` cannot enforce a uniqueness across shards.
/// - A table with a **NOT NULL `tenant_id`** is distributed by it, co-located with `tenant`
///   (or with the first such table when `tenant` is a reference table).
/// - A table listed in **`govreg_table_placement`** (migration 0037: the accounts, since
///   operators belong to no district) stays local, told to Citus when it has a key to a
///   reference table; so does any other table whose `tenant_id` may be NULL (Citus cannot
///   shard rows without a distribution value; `db lint --citus` names it).
/// - A table that points at a **local** table stays local too: Citus refuses a key from a
///   distributed or reference table to a local one.
/// - Every other table is a **reference** table (shared catalogues), except govreg's
///   migration history, which only the migrator reads, on the coordinator.
///
/// ```swift
/// let plan = try await PlacementPlan.read(connection)
/// for step in plan.tables { print(step.table, step.placement, step.reason) }
/// ```
public struct PlacementPlan: Sendable, Equatable {
    /// Every table, in the order to apply: reference tables, then `tenant`, then the
    /// distributed tables with each table after those it points at, then the local ones.
    public var tables: [TablePlacement]
    /// Keys from local tables to distributed ones (see ``UnenforceableKey``).
    public var unenforceableKeys: [UnenforceableKey]

    public init(tables: [TablePlacement], unenforceableKeys: [UnenforceableKey]) {
        self.tables = tables
        self.unenforceableKeys = unenforceableKeys
    }

    public func count(_ placement: Placement) -> Int { tables.filter { $0.placement == placement }.count }

    /// The migrator's own table: read and written by `govreg db migrate` alone.
    static let migrationHistory = "govreg_migration"
    /// The tables the schema keeps on the coordinator by decision (migration 0037), with why.
    static let declarations = "govreg_table_placement"

    /// The schema's declared local tables and their reasons (none before migration 0037).
    static func declaredLocal(_ connection: Connection) async throws -> [String: String] {
        let exists = try await connection.query("SELECT to_regclass(\(declarations)) IS NOT NULL AS present")
        guard try exists[0].decode(Bool.self, "present") else { return [:] }
        let rows = try await connection.query("SELECT table_name, reason FROM govreg_table_placement WHERE placement = 'local'")
        var result: [String: String] = [:]
        for row in rows { result[try row.decode(String.self, "table_name")] = try row.decode(String.self, "reason") }
        return result
    }

    /// Reads the connected database's tables and keys and places them.
    ///
    /// - Throws: ``DistributionError/notMigrated`` without govreg's schema; ``PostgresError``.
    public static func read(_ connection: Connection) async throws -> PlacementPlan {
        let rows = try await connection.query("""
            SELECT c.oid::regclass::text AS name, c.relname::text AS relname,
                   t.attnum IS NOT NULL AS has_tenant, coalesce(t.attnotnull, false) AS tenant_not_null,
                   NOT EXISTS (
                       SELECT 1 FROM pg_index i
                       WHERE i.indrelid = c.oid AND (i.indisunique OR i.indisexclusion)
                         AND NOT (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id')
                                 = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1])
                   ) AS keys_hold_id
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute t ON t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('information_schema', 'citus', 'citus_internal', 'columnar', 'columnar_internal')
              AND n.nspname !~ '^pg_'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1
            """)
        var tables: [CatalogueTable] = []
        for row in rows {
            tables.append(CatalogueTable(
                name: try row.decode(String.self, "name"), relname: try row.decode(String.self, "relname"),
                hasTenant: try row.decode(Bool.self, "has_tenant"), tenantNotNull: try row.decode(Bool.self, "tenant_not_null"),
                keysHoldID: try row.decode(Bool.self, "keys_hold_id")))
        }
        guard tables.contains(where: { $0.relname == "tenant" && !$0.hasTenant }) else { throw DistributionError.notMigrated }
        let declared = try await declaredLocal(connection)
        for index in tables.indices { tables[index].declaredLocal = declared[tables[index].name] }
        let keyRows = try await connection.query("""
            SELECT con.conrelid::regclass::text AS referencing, con.confrelid::regclass::text AS referenced, con.conname::text AS name
            FROM pg_constraint con
            WHERE con.contype = 'f' AND con.conparentid = 0 AND con.conrelid <> con.confrelid
            ORDER BY 1, 3
            """)
        var keys: [CatalogueKey] = []
        for row in keyRows {
            keys.append(CatalogueKey(
                table: try row.decode(String.self, "referencing"), references: try row.decode(String.self, "referenced"),
                name: try row.decode(String.self, "name")))
        }
        return plan(tables: tables, keys: keys)
    }
}

/// What the plan needs to know of one table (read from the catalogue; built by hand in tests).
struct CatalogueTable: Sendable, Equatable {
    var name: String
    var relname: String
    var hasTenant: Bool
    var tenantNotNull: Bool
    /// Every unique key (and exclusion constraint) holds the column `id`.
    var keysHoldID: Bool
    /// Why the schema keeps it on the coordinator (``PlacementPlan/declarations``), if it does.
    var declaredLocal: String? = nil
}

/// One foreign key between two different tables.
struct CatalogueKey: Sendable, Equatable {
    var table: String
    var references: String
    var name: String
}
