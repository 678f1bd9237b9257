import Foundation
import GovregTestSupport
import Postgres
import Testing

/// The repository's own `migrations/` folder.
private let shippedMigrations = URL(filePath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "migrations").path

/// A scratch folder that the `postgres` user may enter (the embedded server runs as it under root).
private func scratchFolder() throws -> URL {
    let folder = URL(filePath: "/tmp/govreg-cli-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    return folder
}

private func migrationsFolder(_ files: [String: String]) throws -> URL {
    let root = try scratchFolder()
    try FileManager.default.createDirectory(at: root.appending(path: "core"), withIntermediateDirectories: true)
    for (name, sql) in files { try Data(sql.utf8).write(to: root.appending(path: "core/\(name)")) }
    return root
}

@Suite(.serialized) struct DatabaseCommandTests {
    @Test func theEmbeddedDefaultStartsMigratesReportsAndStops() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataDir = folder.appending(path: ".govreg").path
        do {
            try await migrateReportAndStop(dataDir)
        } catch {
            _ = try? await GovregProcess.run(["db", "stop", "--data-dir", dataDir])
            throw error
        }
    }

    private func migrateReportAndStop(_ dataDir: String) async throws {
        let migrate = try await GovregProcess.run(["db", "migrate", "--data-dir", dataDir, "--migrations", shippedMigrations])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("core/0001_tenant"))

        let again = try await GovregProcess.run(["db", "migrate", "--data-dir", dataDir, "--migrations", shippedMigrations])
        #expect(again.stdout.contains("nothing to do"))

        let status = try await GovregProcess.run(["db", "status", "--json", "--data-dir", dataDir, "--migrations", shippedMigrations])
        #expect(status.status == 0, "\(status.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let migrations = try #require(report?["migrations"] as? [[String: Any]])
        #expect(!migrations.isEmpty)
        #expect(migrations.allSatisfy { $0["state"] as? String == "applied" })

        let stop = try await GovregProcess.run(["db", "stop", "--data-dir", dataDir])
        #expect(stop.status == 0)
        let stopped = try await GovregProcess.run(["db", "status", "--data-dir", dataDir, "--migrations", shippedMigrations])
        #expect(stopped.stdout.contains("stopped"))
    }

    @Test func migratesAnEmptyExternalDatabaseGivenByURL() async throws {
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment
            let url = "host=\(environment["PGHOST"] ?? "/var/run/postgresql") port=\(environment["PGPORT"] ?? "5432") user=\(environment["PGUSER"] ?? "postgres") \(configuration.connectionString)"
            let migrate = try await GovregProcess.run(["db", "migrate", "--database-url", url, "--migrations", shippedMigrations])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            let verify = try await GovregProcess.run(["db", "verify", "--database-url", url, "--migrations", shippedMigrations])
            #expect(verify.status == 0, "\(verify.stderr)")
            let connection = try await Connection.connect(configuration)
            let rows = try await connection.query("SELECT count(*) AS n FROM govreg_migration")
            #expect(try rows[0].decode(Int.self, "n") >= 1)
            await connection.close()
        }
    }

    @Test func aFailingFileExitsNonZeroNamingFilePositionAndSQLState() async throws {
        let migrations = try migrationsFolder([
            "0001_ok.sql": "CREATE TABLE ok (id int);",
            "0002_broken.sql": "CREATE TABLE half (id int);\nSELECT missing_column FROM half;\n",
        ])
        defer { try? FileManager.default.removeItem(at: migrations) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let failed = try await GovregProcess.run(
                ["db", "migrate", "--database-url", configuration.connectionString, "--migrations", migrations.path],
                environment: environment)
            #expect(failed.status != 0)
            #expect(failed.stderr.contains("0002_broken.sql:2:8"))
            #expect(failed.stderr.contains("SQLSTATE 42703"))
            let connection = try await Connection.connect(configuration)
            let tables = try await connection.query("SELECT to_regclass('ok') IS NOT NULL AS ok, to_regclass('half') IS NOT NULL AS half")
            #expect(try tables[0].decode(Bool.self, "ok"))
            #expect(try !tables[0].decode(Bool.self, "half"))
            await connection.close()
        }
    }

    @Test func twoConcurrentMigratesApplyOnce() async throws {
        let migrations = try migrationsFolder([
            "0001_slow.sql": "CREATE TABLE applied_once (n int); SELECT pg_sleep(1); INSERT INTO applied_once VALUES (1);",
        ])
        defer { try? FileManager.default.removeItem(at: migrations) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let arguments = ["db", "migrate", "--json", "--database-url", configuration.connectionString, "--migrations", migrations.path]
            async let first = Task.detached { try await GovregProcess.run(arguments, environment: environment) }.value
            async let second = Task.detached { try await GovregProcess.run(arguments, environment: environment) }.value
            let outcomes = try await [first, second]
            #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.stderr))")
            let appliedCounts = outcomes.map { $0.stdout.components(separatedBy: "core/0001_slow").count - 1 }.sorted()
            #expect(appliedCounts == [0, 1])
            let connection = try await Connection.connect(configuration)
            #expect(try await connection.query("SELECT count(*) AS n FROM applied_once")[0].decode(Int.self, "n") == 1)
            await connection.close()
        }
    }

    @Test func anEditedAppliedFileIsRefusedByName() async throws {
        let migrations = try migrationsFolder(["0001_t.sql": "CREATE TABLE t (id int);"])
        defer { try? FileManager.default.removeItem(at: migrations) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let base = ["--database-url", configuration.connectionString, "--migrations", migrations.path]
            #expect(try await GovregProcess.run(["db", "migrate"] + base, environment: environment).status == 0)
            try Data("CREATE TABLE t (id bigint);".utf8).write(to: migrations.appending(path: "core/0001_t.sql"))
            for command in ["migrate", "verify"] {
                let refused = try await GovregProcess.run(["db", command] + base, environment: environment)
                #expect(refused.status != 0)
                #expect(refused.stderr.contains("0001_t.sql was changed after it was applied"))
            }
        }
    }

    @Test func newCreatesTheNextNumberedFile() async throws {
        let migrations = try migrationsFolder(["0001_t.sql": "SELECT 1;"])
        defer { try? FileManager.default.removeItem(at: migrations) }
        let created = try await GovregProcess.run(["db", "new", "Demand workflow", "--migrations", migrations.path])
        #expect(created.status == 0)
        #expect(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("core/0002_demand_workflow.sql"))
        let module = try await GovregProcess.run(["db", "new", "meetings", "--module", "benchtalk", "--migrations", migrations.path])
        #expect(module.stdout.contains("modules/benchtalk/0001_meetings.sql"))
    }
}
