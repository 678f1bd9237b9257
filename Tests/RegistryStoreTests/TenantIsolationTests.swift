import Foundation
import GovregTestSupport
import Postgres
import RegistryStore
import Testing

/// Two tenants with an org unit each, created the way operators and the application do.
private struct TwoTenants {
    let database: RegistryDatabase
    let a: UUID
    let b: UUID
    let unitOfA: Int
    let unitOfB: Int

    static func make(_ configuration: ConnectionConfiguration) async throws -> TwoTenants {
        let database = RegistryDatabase(configuration: configuration)
        func tenant(_ slug: String, _ code: String) async throws -> UUID {
            try await database.operatorPool.query("""
                INSERT INTO tenant (slug, name, division_code) VALUES (\(slug), \(slug), \(code)) RETURNING id
                """)[0].decode(UUID.self, "id")
        }
        let a = try await tenant("langao", "610925"), b = try await tenant("shangjie", "410106")
        func street(_ tenant: UUID, _ code: String) async throws -> Int {
            try await database.withTenant(tenant, actor: "test") { tx in
                try await tx.connection.query("""
                    INSERT INTO org_unit (tenant_id, kind, code, name) VALUES (\(tenant), 'street', \(code), \(code)) RETURNING id
                    """)[0].decode(Int.self, "id")
            }
        }
        return TwoTenants(database: database, a: a, b: b, unitOfA: try await street(a, "A-1"), unitOfB: try await street(b, "B-1"))
    }
}

private func count(_ connection: Connection, _ table: String) async throws -> Int {
    try await connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n")
}

@Suite struct TenantIsolationTests {
    @Test func theApplicationRoleCannotBypassRowLevelSecurity() async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration)
            let row = try await database.tenantPool.query("""
                SELECT rolsuper, rolbypassrls, current_user AS me FROM pg_roles WHERE rolname = current_user
                """)[0]
            #expect(try row.decode(String.self, "me") == "govreg_app")
            #expect(try !row.decode(Bool.self, "rolsuper"))
            #expect(try !row.decode(Bool.self, "rolbypassrls"))
            await database.close()
        }
    }

    @Test func anotherTenantsRowsAreInvisibleAndUntouchable() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            try await t.database.withTenant(t.a, actor: "test") { tx in
                let c = tx.connection
                // Even without a WHERE clause only A's rows come back.
                let codes = try await c.query("SELECT code FROM org_unit").map { try $0.decode(String.self, "code") }
                #expect(codes == ["A-1"])
                #expect(try await c.query("SELECT id FROM org_unit WHERE id = \(t.unitOfB)").isEmpty)
                #expect(try await c.execute("UPDATE org_unit SET name = 'hijacked' WHERE id = \(t.unitOfB)") == 0)
                #expect(try await c.execute("DELETE FROM org_unit WHERE id = \(t.unitOfB)") == 0)
                #expect(try await c.query("SELECT slug FROM tenant").map { try $0.decode(String.self, "slug") } == ["langao"])
                // Categories were seeded per tenant; A sees only its own copy.
                #expect(try await count(c, "tenant_category") == 14)
            }
            try await t.database.withTenant(t.b, actor: "test") { tx in
                let name = try await tx.connection.query("SELECT name FROM org_unit WHERE id = \(t.unitOfB)")[0]
                #expect(try name.decode(String.self, "name") == "B-1")
            }
            await t.database.close()
        }
    }

    @Test func writesIntoAnotherTenantFail() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            let insert = try await #require(throws: PostgresError.self) {
                try await t.database.withTenant(t.a, actor: "test") { tx in
                    try await tx.connection.execute("""
                        INSERT INTO org_unit (tenant_id, kind, code, name) VALUES (\(t.b), 'street', 'X', 'X')
                        """)
                }
            }
            #expect(insert.sqlState == "42501")
            let move = try await #require(throws: PostgresError.self) {
                try await t.database.withTenant(t.a, actor: "test") { tx in
                    try await tx.connection.execute("UPDATE org_unit SET tenant_id = \(t.b) WHERE id = \(t.unitOfA)")
                }
            }
            // Citus refuses a change of the distribution column before row-level security
            // sees it ("modifying the partition value"): as safe, another code.
            #expect(move.sqlState == (TestDatabase.onCitus ? "0A000" : "42501"))
            await t.database.close()
        }
    }

    @Test func aForeignKeyCannotPointAtAnotherTenantsRow() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            func childUnder(_ parent: Int) async throws -> PostgresError {
                try await #require(throws: PostgresError.self) {
                    try await t.database.withTenant(t.a, actor: "test") { tx in
                        try await tx.connection.execute("""
                            INSERT INTO org_unit (tenant_id, parent_id, kind, code, name) VALUES (\(t.a), \(parent), 'community', 'C', 'C')
                            """)
                    }
                }
            }
            let foreign = try await childUnder(t.unitOfB)
            let missing = try await childUnder(999_999)
            #expect(foreign.sqlState == "23503")
            // Another tenant's row and no row at all are indistinguishable.
            #expect(foreign.message.replacingOccurrences(of: "\(t.unitOfB)", with: "N")
                    == missing.message.replacingOccurrences(of: "999999", with: "N"))
            await t.database.close()
        }
    }

    @Test func noTenantMeansNoRowsNeverAllOfThem() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            let pool = ConnectionPool(configuration: configuration.loggingIn(as: RegistryDatabase.applicationRole), maxConnections: 1)
            try await pool.withConnection { c in
                #expect(try await count(c, "org_unit") == 0)  // never set in this session: NULL
                for setting in ["", "garbage", "00000000-0000-0000-0000-00000000000g", "'; SELECT 1; --"] {
                    try await c.transaction { tx in
                        try await tx.execute("SELECT govreg_set_local('app.tenant_id', \(setting))")
                        #expect(try await count(tx, "org_unit") == 0)
                        #expect(try await count(tx, "tenant") == 0)
                    }
                }
                try await c.transaction { tx in
                    try await tx.execute("SELECT govreg_set_local('app.tenant_id', \(t.a.uuidString.lowercased()))")
                    #expect(try await count(tx, "org_unit") == 1)
                }
                // After the transaction the setting reads as '' in this session: still nothing.
                #expect(try await count(c, "org_unit") == 0)
            }
            await pool.close()
            await t.database.close()
        }
    }

    @Test func theAuditLogRecordsChangesAndCannotBeRewritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            try await t.database.withTenant(t.a, actor: "staff:wang") { tx in
                try await tx.connection.execute("UPDATE org_unit SET name = 'renamed' WHERE id = \(t.unitOfA)")
            }
            try await t.database.withTenant(t.a, actor: "test", readOnly: true) { tx in
                let rows = try await tx.connection.query("""
                    SELECT action, actor, before->>'name' AS before, after->>'name' AS after
                    FROM audit_log WHERE table_name = 'org_unit' ORDER BY id
                    """)
                #expect(try rows.map { try $0.decode(String.self, "action") } == ["insert", "update"])
                #expect(try rows[1].decode(String.self, "actor") == "staff:wang")
                #expect(try rows[1].decode(String.self, "before") == "A-1")
                #expect(try rows[1].decode(String.self, "after") == "renamed")
            }
            for statement: SQL in ["UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log", "TRUNCATE audit_log", "TRUNCATE org_unit"] {
                let error = try await #require(throws: PostgresError.self) {
                    try await t.database.withTenant(t.a, actor: "test") { tx in try await tx.connection.execute(statement) }
                }
                #expect(error.sqlState == "42501", "\(statement.text)")
            }
            await t.database.close()
        }
    }

    @Test func anArchivedTenantIsReadOnly() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            try await t.database.operatorPool.execute("""
                UPDATE tenant SET status = 'archived', archived_at = now() WHERE id = \(t.a)
                """)
            await #expect(throws: RegistryStoreError.tenantArchived(t.a.uuidString)) {
                try await t.database.withTenant(t.a, actor: "test") { _ in }
            }
            let visible = try await t.database.withTenant(t.a, actor: "test", readOnly: true) { tx in
                try await count(tx.connection, "org_unit")
            }
            #expect(visible == 1)
            await t.database.close()
        }
    }

    @Test func archivingWaitsForTheWritesInFlightAndLaterWritesAreRefused() async throws {
        try await TestDatabase.withMigrated { configuration in
            let t = try await TwoTenants.make(configuration)
            // The write waits, mid-transaction, for a lock the test holds: every state below
            // lasts until the test releases it, however slow the machine.
            let key = Int64.random(in: 1...Int64.max)
            // A session lock: the test's own session, directly (a transaction pooler would
            // hand its server session to the writer, for which the lock is then its own).
            let admin = try await Connection.connect(TestDatabase.directly(configuration))
            try await admin.execute("SELECT pg_advisory_lock(\(key))")
            func waiting(_ pattern: String) async throws -> Bool {
                try await admin.query("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE \(pattern)
                    """)[0].decode(Int.self, "n") == 1
            }
            let writer = Task {
                try await t.database.withTenant(t.a, actor: "test") { tx in
                    try await tx.connection.execute("SELECT pg_advisory_xact_lock(\(key))")
                    try await tx.connection.execute("UPDATE org_unit SET name = '改名' WHERE tenant_id = \(t.a)")
                }
            }
            while try await !waiting("SELECT pg_advisory_xact_lock($1)%") { try await Task.sleep(for: .milliseconds(20)) }
            let archiving = Task { try await TenantStore(database: t.database).archive(t.a.uuidString) }
            // The archive waits for the write's shared lock on the tenant.
            while try await !waiting("SELECT pg_advisory_xact_lock(hashtextextended%") { try await Task.sleep(for: .milliseconds(20)) }
            try await admin.execute("SELECT pg_advisory_unlock(\(key))")
            await admin.close()
            try await writer.value
            _ = try await archiving.value
            let renamed = try await t.database.withTenant(t.a, actor: "test", readOnly: true) { tx in
                try await tx.connection.query("SELECT name FROM org_unit WHERE tenant_id = \(t.a)")[0].decode(String.self, "name")
            }
            #expect(renamed == "改名")   // committed before the archive
            await #expect(throws: RegistryStoreError.tenantArchived(t.a.uuidString)) {
                try await t.database.withTenant(t.a, actor: "test") { _ in }
            }
            await t.database.close()
        }
    }
}

@Suite struct ApplicationRoleCheckTests {
    @Test func theApplicationRolePassesAndABypassingRoleIsRefused() async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration)
            try await database.checkApplicationRole()
            await database.close()
            // A login that bypasses row-level security must be refused, whatever its name.
            let role = "govreg_test_bypass_" + UUID().uuidString.prefix(8).lowercased()
            let admin = try await Connection.connect(configuration)
            try await admin.execute("CREATE ROLE \(identifier: role) LOGIN BYPASSRLS")
            let pool = ConnectionPool(configuration: configuration.loggingIn(as: role), maxConnections: 1)
            await #expect(throws: RegistryStoreError.unsafeApplicationRole("\(role) has BYPASSRLS")) {
                try await RegistryDatabase.checkRowLevelSecurityApplies(on: pool)
            }
            let owner = ConnectionPool(configuration: configuration, maxConnections: 1)  // the superuser owner
            await #expect(throws: RegistryStoreError.self) { try await RegistryDatabase.checkRowLevelSecurityApplies(on: owner) }
            await pool.close()
            await owner.close()
            try await admin.execute("DROP ROLE \(identifier: role)")
            await admin.close()
        }
    }
}
