import Foundation
import Synchronization
import GovregTestSupport
import Postgres
import Testing

@testable import Migrations

/// A throwaway `migrations/` folder.
struct MigrationsFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "govreg-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "core"), withIntermediateDirectories: true)
    }

    func write(_ name: String, _ sql: String, group: String = "core") throws {
        let folder = group == "core" ? root.appending(path: "core") : root.appending(path: "modules/\(group)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(sql.utf8).write(to: folder.appending(path: name))
    }

    func source() throws -> MigrationSource { try MigrationSource(root: root) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

private func tables(_ configuration: ConnectionConfiguration) async throws -> [String] {
    let connection = try await Connection.connect(configuration)
    defer { Task { await connection.close() } }
    return try await connection.query("""
        SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'govreg_migration' ORDER BY 1
        """).map { try $0.decode(String.self, "tablename") }
}

@Suite struct MigratorTests {
    @Test func appliesInOrderRecordsHistoryAndIsIdempotent() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        try folder.write("0001_tenants.sql", "CREATE TABLE tenant (id bigint PRIMARY KEY);")
        try folder.write("0002_demands.sql", "CREATE TABLE demand (tenant_id bigint REFERENCES tenant);")
        try folder.write("0001_meetings.sql", "CREATE TABLE bench_talk (id int);", group: "benchtalk")
        try await TestDatabase.withFresh { configuration in
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            let first = try await migrator.migrate()
            #expect(first.applied.map(\.identifier) == ["core/0001_tenants", "core/0002_demands", "benchtalk/0001_meetings"])
            #expect(try await tables(configuration) == ["bench_talk", "demand", "tenant"])
            let second = try await migrator.migrate()
            #expect(second.applied.isEmpty)
            let plan = try await migrator.verify()
            #expect(plan.statuses.allSatisfy { $0.state == .applied })
            let history = try #require(plan.statuses.first?.applied)
            #expect(history.appliedBy.contains(" as "))
            #expect(history.checksum.count == 64)
        }
    }

    @Test func migratesUpToATargetVersion() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        for version in 1...3 { try folder.write(String(format: "%04d_t%d.sql", version, version), "CREATE TABLE t\(version) ();") }
        try await TestDatabase.withFresh { configuration in
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            #expect(try await migrator.migrate(to: "2").applied.count == 2)
            #expect(try await tables(configuration) == ["t1", "t2"])
            let plan = try await migrator.plan()
            #expect(plan.statuses.map(\.state) == [.applied, .applied, .pending])
        }
    }

    @Test func aFailingFileLeavesNothingOfItselfAndKeepsEarlierFiles() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        try folder.write("0001_ok.sql", "CREATE TABLE kept (id int);")
        try folder.write("0002_broken.sql", "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELECT * FROM no_such_table;\n")
        try folder.write("0003_never.sql", "CREATE TABLE never (id int);")
        try await TestDatabase.withFresh { configuration in
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            let error = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
            guard case .failed(let file, let line, let column, let sqlState, _, _, let partial) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file.hasSuffix("core/0002_broken.sql"))
            #expect(line == 3)
            #expect(column == 15)
            #expect(sqlState == "42P01")
            #expect(!partial)
            #expect("\(error)".contains("0002_broken.sql:3:15"))
            #expect(try await tables(configuration) == ["kept"])
            #expect(try await migrator.plan().statuses.map(\.state) == [.applied, .pending, .pending])
        }
    }

    @Test func anEditedAppliedFileIsRefusedByMigrateAndVerify() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        try folder.write("0001_tenants.sql", "CREATE TABLE tenant (id int);")
        try await TestDatabase.withFresh { configuration in
            _ = try await Migrator(configuration: configuration, source: try folder.source()).migrate()
            try folder.write("0001_tenants.sql", "CREATE TABLE tenant (id bigint);")
            try folder.write("0002_more.sql", "CREATE TABLE more ();")
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            let refused = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
            #expect("\(refused)".contains("0001_tenants.sql was changed after it was applied"))
            await #expect(throws: MigrationError.self) { try await migrator.verify() }
            #expect(try await tables(configuration) == ["tenant"])  // 0002 was not applied either
        }
    }

    @Test func twoMigratorsAtOnceApplyExactlyOnce() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        // Slow enough that the second migrator certainly finds the lock taken.
        try folder.write("0001_slow.sql", "CREATE TABLE counter (n int); SELECT pg_sleep(1); INSERT INTO counter VALUES (1);")
        try await TestDatabase.withFresh { configuration in
            let waited = Mutex(false)
            let migrators = (0..<2).map { _ in
                Migrator(configuration: configuration, source: try! folder.source()) { event in
                    if case .waitingForLock = event { waited.withLock { $0 = true } }
                }
            }
            async let first = migrators[0].migrate()
            async let second = migrators[1].migrate()
            let counts = try await [first.applied.count, second.applied.count].sorted()
            #expect(counts == [0, 1])
            #expect(waited.withLock { $0 })
            let connection = try await Connection.connect(configuration)
            #expect(try await connection.query("SELECT count(*) AS n FROM counter")[0].decode(Int.self, "n") == 1)
            await connection.close()
        }
    }

    @Test func aDryRunReportsErrorsAndChangesNothing() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        try folder.write("0001_ok.sql", "CREATE TABLE ok (id int);")
        try await TestDatabase.withFresh { configuration in
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            #expect(try await migrator.migrate(dryRun: true).applied.count == 1)
            #expect(try await tables(configuration).isEmpty)
            try folder.write("0002_bad.sql", "CREATE TABLE bad (id nosuchtype);")
            let failing = Migrator(configuration: configuration, source: try folder.source())
            let error = try await #require(throws: MigrationError.self) { try await failing.migrate(dryRun: true) }
            #expect("\(error)".contains("0002_bad.sql:1:"))
            #expect("\(error)".contains("42704"))
            #expect(try await tables(configuration).isEmpty)
            #expect(try await failing.plan().pending.count == 2)
        }
    }

    @Test func noTransactionFilesRunStatementByStatement() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        try folder.write("0001_table.sql", "CREATE TABLE demand (id int, title text);")
        try folder.write("0002_index.sql", "-- govreg: no-transaction\nCREATE INDEX CONCURRENTLY demand_title ON demand (title);\nCREATE INDEX CONCURRENTLY demand_id ON demand (id);\n")
        try await TestDatabase.withFresh { configuration in
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            #expect(try await migrator.migrate().applied.count == 2)
            let connection = try await Connection.connect(configuration)
            let indexes = try await connection.query("SELECT indexname FROM pg_indexes WHERE tablename = 'demand' ORDER BY 1")
            #expect(try indexes.map { try $0.decode(String.self, "indexname") } == ["demand_id", "demand_title"])
            await connection.close()
        }
    }

    @Test func anInvalidIndexIsReported() async throws {
        let folder = try MigrationsFolder()
        defer { folder.remove() }
        try folder.write("0001_table.sql", "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (1);")
        // A unique index built concurrently over duplicates fails and stays behind, invalid,
        // just as one interrupted by a kill would.
        try folder.write("0002_index.sql", "-- govreg: no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_x ON t (x);\n")
        try await TestDatabase.withFresh { configuration in
            let migrator = Migrator(configuration: configuration, source: try folder.source())
            let failure = try await #require(throws: MigrationError.self) { try await migrator.migrate() }
            #expect("\(failure)".contains("23505"))
            let error = try await #require(throws: MigrationError.self) { try await migrator.verify() }
            #expect("\(error)".contains("invalid indexes"))
            #expect("\(error)".contains("t_x"))
        }
    }
}
