import Distribution
import Foundation
import GovregTestSupport
import Migrations
import Postgres
import Testing

/// The coordinator's URL (outside the suite: its trait cannot name the suite's own members).
private let citusCoordinator = ProcessInfo.processInfo.environment["GOVREG_TEST_CITUS"].flatMap { $0.isEmpty ? nil : $0 }

/// govreg on a real Citus cluster (`scripts/test --citus`, or `GOVREG_TEST_CITUS` set to a
/// coordinator's URL, e.g. from `scripts/citus-cluster start`): migrate, distribute, distribute
/// again, then a later migration's new tenant table placed by `db migrate`'s own step.
///
/// The database named in the URL is emptied first (everything in its public schema dropped):
/// give the tests a database of their own (scripts/citus-cluster makes `govreg_citus` on every node).
@Suite(.enabled(if: citusCoordinator != nil, "GOVREG_TEST_CITUS names no Citus coordinator"), .serialized)
struct DistributedClusterTests {

    /// A migrations folder: the shipped groups, and with `fixture` a module group whose one
    /// migration adds a tenant table pointing at `demand`, as a module's later migration would.
    static func migrations(fixture: Bool) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appending(path: "govreg-citus-\(UUID().uuidString.prefix(8))")
        let modules = root.appending(path: "modules")
        try FileManager.default.createDirectory(at: modules, withIntermediateDirectories: true)
        let shipped = TestDatabase.shippedMigrations
        try FileManager.default.createSymbolicLink(at: root.appending(path: "core"), withDestinationURL: shipped.appending(path: "core"))
        for id in try FileManager.default.contentsOfDirectory(atPath: shipped.appending(path: "modules").path) where !id.hasPrefix(".") {
            try FileManager.default.createSymbolicLink(at: modules.appending(path: id), withDestinationURL: shipped.appending(path: "modules/\(id)"))
        }
        if fixture {
            let group = modules.appending(path: "zz_citus_fixture")
            try FileManager.default.createDirectory(at: group, withIntermediateDirectories: true)
            try """
                CREATE TABLE citus_fixture_note (
                    tenant_id uuid NOT NULL,
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    demand_id bigint NOT NULL,
                    body text NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    FOREIGN KEY (tenant_id, demand_id) REFERENCES demand (tenant_id, id)
                );
                """.write(to: group.appending(path: "0001_note.sql"), atomically: true, encoding: .utf8)
        }
        return root
    }

    static func migrate(_ configuration: ConnectionConfiguration, fixture: Bool) async throws -> [String] {
        let folder = try migrations(fixture: fixture)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await Migrator(configuration: configuration, source: try MigrationSource(root: folder)).migrate().applied.map(\.identifier)
    }

    /// Citus's own record: each govreg table's type and co-location group (`citus_tables`).
    static func citusTables(_ connection: Connection) async throws -> [String: (type: String, colocation: Int)] {
        let rows = try await connection.query("SELECT table_name::text AS name, citus_table_type AS type, colocation_id::int AS colocation FROM citus_tables")
        var result: [String: (type: String, colocation: Int)] = [:]
        for row in rows {
            result[try row.decode(String.self, "name")] = (try row.decode(String.self, "type"), try row.decode(Int.self, "colocation"))
        }
        return result
    }

    /// A clean database each run, object by object: `DROP SCHEMA public CASCADE` fails on a
    /// Citus database ("cache lookup failed for pg_dist_local_group, called too early?"),
    /// since Citus keeps views of its own (citus_tables, citus_schemas) in `public`. Tables go
    /// first, one statement each (Citus drops their shards), then what the migrations made
    /// besides; the extension's members stay.
    static func emptyPublicSchema(_ connection: Connection) async throws {
        let rows = try await connection.query("""
            WITH own AS (
                SELECT 1 AS rank, 'TABLE' AS kind, c.oid::regclass::text AS name, c.oid AS objid, 'pg_class'::regclass AS classid
                FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                UNION ALL
                SELECT 2, CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, c.oid::regclass::text, c.oid, 'pg_class'::regclass
                FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
                UNION ALL
                SELECT 3, 'SEQUENCE', c.oid::regclass::text, c.oid, 'pg_class'::regclass
                FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
                UNION ALL
                SELECT 4, 'ROUTINE', p.oid::regprocedure::text, p.oid, 'pg_proc'::regclass
                FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                UNION ALL
                SELECT 5, 'TYPE', t.oid::regtype::text, t.oid, 'pg_type'::regclass
                FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r')
                  AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
            )
            SELECT kind, name FROM own
            WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = own.classid AND d.objid = own.objid AND d.deptype = 'e')
            ORDER BY rank, name
            """)
        for row in rows {
            // Names as the catalogue prints them (quoted where needed): test cleanup only.
            try await connection.execute("DROP \(unsafeRaw: try row.decode(String.self, "kind")) IF EXISTS \(unsafeRaw: try row.decode(String.self, "name")) CASCADE")
        }
    }

    /// The triggers of migration 0038 where they fire on shards: a new district gets its
    /// categories (the trigger of the reference table `tenant`, on the node holding the
    /// district's shard), and a change to a distributed table is audited on the co-located
    /// shard, under the table's own name, by the actor set with SET LOCAL, in the same
    /// transaction (a rollback takes both back). Two districts in one statement each get theirs.
    static func triggersWorkOnShards(_ connection: Connection) async throws {
        try await connection.execute("""
            INSERT INTO tenant (slug, name, division_code) VALUES ('langao', '岚皋县', '610925'), ('pingli', '平利县', '610926')
            """)
        let categories = try await connection.query("""
            SELECT t.slug, count(c.id)::int AS n FROM tenant t LEFT JOIN tenant_category c ON c.tenant_id = t.id GROUP BY 1 ORDER BY 1
            """).map { "\(try $0.decode(String.self, "slug")) \(try $0.decode(Int.self, "n"))" }
        let shared = try await connection.query("SELECT count(*)::int AS n FROM category")[0].decode(Int.self, "n")
        #expect(categories == ["langao \(shared)", "pingli \(shared)"])
        func audit() async throws -> [String] {
            try await connection.query("""
                SELECT table_name || ' ' || action || ' ' || actor || ' ' || coalesce(after->>'name', '') AS entry
                FROM audit_log WHERE table_name = 'org_unit' ORDER BY tenant_id, id
                """).map { try $0.decode(String.self, "entry") }
        }
        struct Undo: Error {}
        await #expect(throws: Undo.self) {
            try await connection.transaction { tx in
                try await tx.execute("SET LOCAL app.actor = 'test:citus'")
                try await tx.execute("INSERT INTO org_unit (tenant_id, kind, code, name) SELECT id, 'street', 'S1', '城关镇' FROM tenant")
                try await tx.execute("UPDATE org_unit SET name = '城关街道' WHERE code = 'S1'")
                let inside = try await tx.query("""
                    SELECT table_name || ' ' || action || ' ' || actor || ' ' || coalesce(after->>'name', '') AS entry
                    FROM audit_log WHERE table_name = 'org_unit' ORDER BY tenant_id, id
                    """).map { try $0.decode(String.self, "entry") }
                #expect(inside == [
                    "org_unit insert test:citus 城关镇", "org_unit update test:citus 城关街道",
                    "org_unit insert test:citus 城关镇", "org_unit update test:citus 城关街道",
                ])
                throw Undo()
            }
        }
        #expect(try await audit().isEmpty)
        #expect(try await connection.query("SELECT count(*)::int AS n FROM org_unit")[0].decode(Int.self, "n") == 0)
    }

    @Test func migrateDistributeAgainAndMigrateANewTenantTable() async throws {
        let configuration = ConnectionConfiguration(try #require(citusCoordinator), applicationName: "govreg-tests")
        let connection = try await Connection.connect(configuration)
        defer { Task { await connection.close() } }
        try await Self.emptyPublicSchema(connection)

        let applied = try await Self.migrate(configuration, fixture: false)
        #expect(!applied.isEmpty)
        #expect(try await DistributionStatus.read(connection) == nil)

        let first = try await Distributor(connection: connection).distribute()
        let plan = first.plan
        #expect(first.changed.count == plan.count(.distributed) + plan.count(.reference) + plan.tables.filter(\.citusManaged).count)
        #expect(first.differing.isEmpty)
        let tables = try await Self.citusTables(connection)
        #expect(tables.values.filter { $0.type == "distributed" }.count == plan.count(.distributed))
        #expect(tables.values.filter { $0.type == "reference" }.count == plan.count(.reference))
        #expect(tables["govreg_migration"] == nil)
        // The account tables stay on the coordinator, told to Citus (migration 0037): local.
        let managed = try await connection.query("""
            SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition WHERE partmethod = 'n' AND repmodel = 's' ORDER BY 1
            """).map { try $0.decode(String.self, "name") }
        #expect(managed == ["account", "account_event", "account_password", "api_token", "console_session"])
        let group = try #require(tables["demand"]?.colocation)
        #expect(tables.values.filter { $0.type == "distributed" }.allSatisfy { $0.colocation == group })
        let status = try #require(try await DistributionStatus.read(connection))
        #expect(status.distributed == plan.count(.distributed) && status.reference == plan.count(.reference) && status.local == plan.count(.local))
        #expect(status.workers.count == 2)
        #expect(status.summary.hasPrefix("distributed on Citus 13.2: "))
        let settings = try await connection.query("""
            SELECT coalesce(string_agg(s, ' ' ORDER BY s), '') AS settings
            FROM pg_db_role_setting, unnest(setconfig) s WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND setrole = 0
            """)[0].decode(String.self, "settings")
        #expect(settings.contains("citus.propagate_set_commands=local") && settings.contains("citus.enable_unsafe_triggers=on"))

        let again = try await Distributor(connection: connection).distribute()
        #expect(again.changed.isEmpty)
        #expect(try await DistributionStatus.read(connection) == status)

        try await Self.triggersWorkOnShards(connection)

        let later = try await Self.migrate(configuration, fixture: true)
        #expect(later == ["zz_citus_fixture/0001_note"])
        let placed = try await Distributor.placeNewTables(connection)
        #expect(placed.map(\.table) == ["citus_fixture_note"])
        let after = try await Self.citusTables(connection)
        #expect(after["citus_fixture_note"]?.type == "distributed")
        #expect(after["citus_fixture_note"]?.colocation == group)
        let column = try await connection.query("""
            SELECT column_to_column_name(logicalrelid, partkey) AS column FROM pg_dist_partition WHERE logicalrelid = 'citus_fixture_note'::regclass
            """)[0].decode(String.self, "column")
        #expect(column == "tenant_id")
        #expect(try await Distributor.placeNewTables(connection).isEmpty)
    }
}
