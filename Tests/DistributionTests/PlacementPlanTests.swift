@testable import Distribution
import GovregTestSupport
import Postgres
import Testing

/// The placement rules on a schema given by hand (no server), and on the shipped schema as
/// plain PostgreSQL migrates it.
@Suite struct PlacementPlanTests {
    static func table(_ name: String, tenant: Bool? = nil, keysHoldID: Bool = true) -> CatalogueTable {
        CatalogueTable(name: name, relname: name, hasTenant: tenant != nil, tenantNotNull: tenant == true, keysHoldID: keysHoldID)
    }

    @Test func tenantTablesFollowTheirParentsAndLocalTablesPassDown() {
        let plan = PlacementPlan.plan(
            tables: [
                Self.table("tenant"), Self.table("category"), Self.table("govreg_migration"),
                Self.table("demand_event", tenant: true), Self.table("demand", tenant: true), Self.table("org_unit", tenant: true),
                Self.table("account", tenant: false), Self.table("session", tenant: true),
            ],
            keys: [
                .init(table: "demand_event", references: "demand", name: "demand_event_demand_fkey"),
                .init(table: "demand", references: "org_unit", name: "demand_org_unit_fkey"),
                .init(table: "org_unit", references: "tenant", name: "org_unit_tenant_id_fkey"),
                .init(table: "account", references: "tenant", name: "account_tenant_id_fkey"),
                .init(table: "session", references: "account", name: "session_account_id_fkey"),
            ])
        #expect(plan.tables.map(\.table) == ["category", "tenant", "org_unit", "demand", "demand_event", "account", "govreg_migration", "session"])
        #expect(plan.tables.map(\.placement) == [.reference, .distributed, .distributed, .distributed, .distributed, .local, .local, .local])
        #expect(plan.tables[1].column == "id" && plan.tables[1].colocateWith == nil)
        #expect(plan.tables[2...4].allSatisfy { $0.column == "tenant_id" && $0.colocateWith == "tenant" })
        #expect(plan.tables.last?.reason.contains("local table account") == true)
        #expect(plan.unenforceableKeys == [.init(table: "account", constraint: "account_tenant_id_fkey", references: "tenant", referencedPlacement: .distributed)])
    }

    @Test func aTenantTableWithKeysUniqueAcrossDistrictsIsAReferenceTable() {
        let plan = PlacementPlan.plan(
            tables: [Self.table("tenant", keysHoldID: false), Self.table("unit", tenant: true), Self.table("org_unit", tenant: true)],
            keys: [.init(table: "unit", references: "tenant", name: "unit_tenant_id_fkey")])
        #expect(plan.tables.map(\.table) == ["tenant", "org_unit", "unit"])
        #expect(plan.tables.map(\.placement) == [.reference, .distributed, .distributed])
        // No distributed root to co-locate with: the first distributed table anchors the group.
        #expect(plan.tables[1].colocateWith == nil && plan.tables[2].colocateWith == "org_unit")
    }

    /// The shipped migrations on plain PostgreSQL: where each table of the real schema lands.
    @Test func theShippedSchema() async throws {
        let plan = try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            return try await PlacementPlan.read(connection)
        }
        func tables(_ placement: Placement) -> [String] { plan.tables.filter { $0.placement == placement }.map(\.table).sorted() }
        #expect(tables(.reference) == ["category", "tenant"])
        #expect(tables(.local) == ["account", "account_event", "account_password", "api_token", "console_session", "govreg_migration", "govreg_table_placement"])
        // The account tables are local by the schema's decision (migration 0037) and told to
        // Citus, which then enforces their keys to the reference table tenant.
        #expect(plan.tables.filter(\.citusManaged).map(\.table).sorted() == ["account", "account_event", "account_password", "api_token", "console_session"])
        #expect(plan.tables.first { $0.table == "api_token" }?.reason.contains("before the district is known") == true)
        #expect(plan.count(.distributed) == 56)
        #expect(plan.tables.filter { $0.placement == .distributed }.allSatisfy { $0.column == "tenant_id" })
        // Each distributed table comes after every table it points at.
        let position = Dictionary(uniqueKeysWithValues: plan.tables.enumerated().map { ($1.table, $0) })
        #expect(position["demand"]! > position["org_unit"]! && position["demand_event"]! > position["demand"]!)
        #expect(position["tenant_category"]! > position["category"]!)
        // No key from the coordinator to a distributed table is left (0037 dropped the one to org_unit).
        #expect(plan.unenforceableKeys.isEmpty)
    }

    @Test func distributingPlainPostgreSQLSaysWhatToDo() async throws {
        try await TestDatabase.withMigrated { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            let error = await #expect(throws: DistributionError.self) {
                _ = try await Distributor(connection: connection).distribute(dryRun: true)
            }
            // Whether Citus is installed on the test server or not, the message says what to do.
            #expect(error == .citusMissing(installed: true) || error == .citusMissing(installed: false))
            #expect(error.map { "\($0)".contains("shared_preload_libraries") } == true)
            #expect(try await DistributionStatus.read(connection) == nil)
        }
    }

    @Test func anEmptyDatabaseIsNotGovregs() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            await #expect(throws: DistributionError.notMigrated) { _ = try await PlacementPlan.read(connection) }
        }
    }
}
