public import Postgres

/// Applies a ``PlacementPlan`` on a Citus coordinator: every table not yet where the plan puts
/// it is distributed or made a reference table, each in its own transaction (Citus fails one
/// big transaction over many co-located tables with keys between them). Running it again
/// changes nothing; a run that stopped half way (a table Citus refused) continues where it
/// stopped. What it did is read back from Citus's own catalogue (``DistributionStatus``).
///
/// ```swift
/// let report = try await Distributor(connection: connection).distribute()
/// print(report.changed.count, "tables placed")
/// ```
public struct Distributor: Sendable {
    public var connection: Connection
    public var progress: @Sendable (String) -> Void

    public init(connection: Connection, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.connection = connection
        self.progress = progress
    }

    /// The settings distribution needs, set on the database so every later session has them:
    /// triggers may run on shards (govreg's audit and numbering triggers), `SET LOCAL` of the
    /// tenant setting reaches the workers, and a local table may not silently become a Citus
    /// table through a key to a reference table.
    static let databaseSettings: [(name: String, value: String)] = [
        ("citus.enable_local_reference_table_foreign_keys", "off"),
        ("citus.enable_unsafe_triggers", "on"),
        ("citus.propagate_set_commands", "local"),
    ]

    /// Reads the plan and applies it.
    ///
    /// - Parameter dryRun: read the plan and the cluster, change nothing.
    /// - Returns: each table's step, the plan and what was there before.
    /// - Throws: ``DistributionError`` when the database cannot be distributed at all, or
    ///   ``DistributionError/refused(table:placement:error:)`` for a table Citus refuses (the
    ///   tables before it stay placed); ``PostgresError`` from the catalogue queries.
    public func distribute(dryRun: Bool = false) async throws -> DistributionReport {
        let plan = try await PlacementPlan.read(connection)
        try await Self.requireCitus(connection, create: !dryRun)
        let before = try await Self.citusPlacements(connection)
        var steps: [DistributionReport.Step] = []
        for table in plan.tables {
            let action: DistributionReport.Action = switch before[table.table] {
            case table.placement: .unchanged
            case nil: table.placement == .local && !table.citusManaged ? .unchanged : .placed
            case let other?: .differs(other)
            }
            steps.append(.init(placement: table, action: action))
        }
        if dryRun { return DistributionReport(plan: plan, steps: steps, dryRun: true) }
        for setting in Self.databaseSettings {
            try await connection.execute("SELECT set_config(\(setting.name), \(setting.value), false)")
        }
        let database = try await connection.query("SELECT current_database() AS name")[0].decode(String.self, "name")
        for setting in Self.databaseSettings {
            // ALTER DATABASE takes no parameters: the names and values are the constants above.
            try await connection.execute("ALTER DATABASE \(identifier: database) SET \(unsafeRaw: setting.name) = '\(unsafeRaw: setting.value)'")
        }
        var withRows: Set<String> = []
        for step in steps where step.action == .placed {
            progress("\(step.placement.placement.rawValue) \(step.placement.table)")
            // Its size, not a query of its rows: under FORCE ROW LEVEL SECURITY the owner would
            // see none, and the copy on the coordinator would stay.
            let rows = try await connection.query("SELECT pg_relation_size(\(step.placement.table)::text::regclass) > 0 AS rows")
            if try rows[0].decode(Bool.self, "rows") { withRows.insert(step.placement.table) }
            do {
                try await place(step.placement)
            } catch let error as PostgresError {
                throw DistributionError.refused(table: step.placement.table, placement: step.placement.placement, error: error.description)
            }
        }
        // The rows Citus copied to the shards stay in the coordinator's shell tables, invisible
        // but on disk; removed once every table is placed, since Citus refuses while a local
        // table points at the table ("cannot truncate a table referenced in a foreign key
        // constraint by a local table"). Where one still does after the plan, they stay; so
        // they do where a trigger refuses TRUNCATE (the append-only ledgers), said in progress.
        for table in withRows.sorted() where !plan.unenforceableKeys.contains(where: { $0.references == table }) {
            do {
                try await connection.execute("SELECT truncate_local_data_after_distributing_table(\(table)::text::regclass)")
            } catch let error as PostgresError {
                progress("\(table): the coordinator keeps its copy of the rows (\(error.message))")
            }
        }
        return DistributionReport(plan: plan, steps: steps, dryRun: false)
    }

    /// One table, in its own transaction.
    func place(_ table: TablePlacement) async throws {
        try await connection.transaction { tx in
            // One connection per node: with keys to reference tables, Citus refuses parallel
            // DDL ("cannot execute parallel DDL on table tenant_category after DDL command on
            // reference table tenant", seen distributing demand).
            try await tx.execute("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'")
            switch table.placement {
            case .reference:
                try await tx.execute("SELECT create_reference_table(\(table.table)::text::regclass)")
            case .distributed:
                if let anchor = table.colocateWith {
                    try await tx.execute("""
                        SELECT create_distributed_table(\(table.table)::text::regclass, \(table.column ?? "tenant_id"), colocate_with => \(anchor))
                        """)
                } else {
                    try await tx.execute("SELECT create_distributed_table(\(table.table)::text::regclass, \(table.column ?? "tenant_id"))")
                }
            case .local where table.citusManaged:
                // Cascading adds the local tables its keys connect it to in the same step (Citus
                // refuses one alone); those are then found placed below.
                let known = try await tx.query("SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = \(table.table)::text::regclass) AS known")
                guard try !known[0].decode(Bool.self, "known") else { return }
                try await tx.execute("SELECT citus_add_local_table_to_metadata(\(table.table)::text::regclass, cascade_via_foreign_keys => true)")
            case .local:
                return
            }
        }
    }

    /// Whether the database was distributed before: Citus loaded and `tenant` placed. `db
    /// migrate` then distributes a new table by the same plan.
    public static func isDistributed(_ connection: Connection) async throws -> Bool {
        let rows = try await connection.query("""
            SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL
               AND to_regclass('tenant') IS NOT NULL AS citus
            """)
        guard try rows[0].decode(Bool.self, "citus") else { return false }
        let placed = try await connection.query("SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass('tenant')) AS placed")
        return try placed[0].decode(Bool.self, "placed")
    }

    /// Citus loaded and its extension made (`create`: by this call when missing; a dry run
    /// creates nothing and says what `db distribute` would do), with workers to place on.
    static func requireCitus(_ connection: Connection, create: Bool) async throws {
        let rows = try await connection.query("""
            SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS created,
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'citus') AS installed,
                   'citus' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS loaded
            """)
        let row = rows[0]
        if try !row.decode(Bool.self, "created") {
            guard try row.decode(Bool.self, "installed") else { throw DistributionError.citusMissing(installed: false) }
            guard try row.decode(Bool.self, "loaded") else { throw DistributionError.citusMissing(installed: true) }
            guard create else { throw DistributionError.extensionNotCreated }
            try await connection.execute("CREATE EXTENSION citus")
        }
        let nodes = try await connection.query("SELECT count(*)::int AS nodes FROM pg_dist_node WHERE noderole = 'primary' AND isactive")
        if try nodes[0].decode(Int.self, "nodes") == 0 { throw DistributionError.noWorkers }
    }

    /// Each Citus table of the database as a placement: hash-distributed, reference (or a
    /// Citus-managed local table, reported as local).
    static func citusPlacements(_ connection: Connection) async throws -> [String: Placement] {
        let rows = try await connection.query("""
            SELECT logicalrelid::regclass::text AS name,
                   CASE WHEN partmethod = 'h' THEN 'distributed' WHEN repmodel = 't' THEN 'reference' ELSE 'local' END AS placement
            FROM pg_dist_partition
            """)
        var result: [String: Placement] = [:]
        for row in rows {
            result[try row.decode(String.self, "name")] = Placement(rawValue: try row.decode(String.self, "placement"))
        }
        return result
    }
}

extension Distributor {
    /// After `db migrate`: on a database `db distribute` placed, the tables the migrations just
    /// made (plain tables on the coordinator until now) are placed by the same plan; on any
    /// other database nothing happens.
    ///
    /// - Returns: the tables placed now (empty when there were none, or no distribution).
    public static func placeNewTables(_ connection: Connection, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> [TablePlacement] {
        guard try await isDistributed(connection) else { return [] }
        return try await Distributor(connection: connection, progress: progress).distribute().changed.map(\.placement)
    }
}
