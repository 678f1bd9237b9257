import GovregTestSupport
import Migrations
import Postgres
import Testing

/// Through a transaction pooler the migration lock (a session advisory lock) would be taken
/// on one server session while the files run on others: `migrate` refuses, before
/// connecting, and says to use the server's own address.
@Suite struct MigratorPoolerTests {
    @Test func migrateThroughATransactionPoolerIsRefusedAndChangesNothing() async throws {
        try await TestDatabase.withFresh { configuration in
            var pooled = configuration
            pooled.pooler = .transaction
            let migrator = Migrator(configuration: pooled, source: try MigrationSource(root: TestDatabase.shippedMigrations))
            let error = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
            guard case .needsDirectConnection = error else {
                Issue.record("expected needsDirectConnection, got \(error)")
                return
            }
            #expect(error.description.contains("direct connection"))
            #expect(error.description.contains("--database-url"))
            // Reading the plan is fine through the pooler; nothing was created.
            let plan = try await migrator.plan()
            #expect(plan.statuses.allSatisfy { $0.state == .pending })
            let connection = try await Connection.connect(TestDatabase.directly(configuration))
            let history = try await connection.query("SELECT to_regclass('govreg_migration') IS NULL AS absent")
            #expect(try history[0].decode(Bool.self, "absent"))
            await connection.close()
        }
    }
}
