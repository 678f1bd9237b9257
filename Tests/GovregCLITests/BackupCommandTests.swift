import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg backup` and `govreg restore`, driven as an operator would, against real servers.
@Suite(.serialized) struct BackupCommandTests {
    /// The demo district, backed up from the test server and restored into a fresh embedded
    /// cluster: every table holds the same rows, and govreg reads them as its application role.
    @Test func theDemoDistrictRoundTripsIntoAFreshEmbeddedCluster() async throws {
        let folder = try backupScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataDir = folder.appending(path: ".govreg").path
        try await TestDatabase.withFresh { source in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let url = ["--database-url", source.connectionString]
            let migrate = try await GovregProcess.run(["db", "migrate"] + url + migrationsOption, environment: environment)
            try #require(migrate.status == 0, "\(migrate.stderr)")
            let demo = try await GovregProcess.run(["demo", "--json"] + url + migrationsOption, environment: environment)
            try #require(demo.status == 0, "\(demo.stderr)")

            let dump = folder.appending(path: "demo.dump")
            let backup = try await GovregProcess.run(["backup", "--out", dump.path, "--json"] + url, environment: environment)
            try #require(backup.status == 0, "\(backup.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [String: Any])
            #expect((summary["rows"] as? Int ?? 0) > 1_000)
            #expect((summary["migration_head"] as? [String])?.first?.hasPrefix("core/") == true)
            // Only the dump and its manifest: no partial file left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["demo.dump", "demo.dump.manifest.json"])
            // Every district's personal data and the accounts' hashes: readable by their owner alone.
            for name in ["demo.dump", "demo.dump.manifest.json"] {
                let mode = try FileManager.default.attributesOfItem(atPath: folder.appending(path: name).path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) has mode \(String(mode ?? 0, radix: 8))")
            }
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: "demo.dump.manifest.json"))) as? [String: Any])
            #expect((manifest["dump_sha256"] as? String)?.count == 64)
            #expect((manifest["tables"] as? [[String: Any]])?.contains { $0["name"] as? String == "demand" && ($0["rows"] as? Int ?? 0) >= 1_200 } == true)

            do {
                let start = try await GovregProcess.run(["db", "start", "--data-dir", dataDir])
                try #require(start.status == 0, "\(start.stderr)")
                let restore = try await GovregProcess.run(["restore", dump.path, "--data-dir", dataDir, "--json"] + migrationsOption)
                try #require(restore.status == 0, "\(restore.stderr)")
                #expect(restore.stdout.contains("\"created_application_role\": true"))

                let target = ConnectionConfiguration("host=\(dataDir)/run port=5432 dbname=govreg user=postgres")
                let before = try await tableFingerprints(source)
                let after = try await tableFingerprints(target)
                #expect(before.count > 30)
                #expect(after == before)

                // The application role reads through row-level security: one district's rows
                // with its tenant set, none without.
                let owner = try await Connection.connect(target)
                let tenantID = try await owner.query("SELECT id::text AS id FROM tenant WHERE slug = 'langao'")[0].decode(String.self, "id")
                await owner.close()
                let app = try await Connection.connect(target.loggingIn(as: "govreg_app"))
                let langao = try await app.transaction { session in
                    _ = try await session.query("SELECT set_config('app.tenant_id', \(tenantID), true)")
                    return try await session.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n")
                }
                let unscoped = try await app.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n")
                await app.close()
                #expect(langao >= 1_200)
                #expect(unscoped == 0)
                // And govreg itself works on the restored cluster.
                let list = try await GovregProcess.run(["demand", "list", "--tenant", "langao", "--data-dir", dataDir] + migrationsOption)
                #expect(list.status == 0, "\(list.stderr)")
                #expect(list.stdout.split(whereSeparator: \.isNewline).count > 20, "\(list.stdout)")  // a page of the 1,200

                // A second restore into the same, now full, database is refused.
                let again = try await GovregProcess.run(["restore", dump.path, "--data-dir", dataDir] + migrationsOption)
                #expect(again.status != 0)
                #expect(again.stderr.contains("is not empty"), "\(again.stderr)")
                _ = try await GovregProcess.run(["db", "stop", "--data-dir", dataDir])
            } catch {
                _ = try? await GovregProcess.run(["db", "stop", "--data-dir", dataDir])
                throw error
            }
        }
    }

    /// A changed dump, a schema newer than this govreg and a non-empty target are refused
    /// before anything is restored; a backup into a missing folder leaves nothing.
    @Test func refusesWhatItCannotStandBehind() async throws {
        let folder = try backupScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
        try await TestDatabase.withFresh { source in
            let url = ["--database-url", source.connectionString]
            let migrate = try await GovregProcess.run(["db", "migrate"] + url + migrationsOption, environment: environment)
            try #require(migrate.status == 0, "\(migrate.stderr)")
            let dump = folder.appending(path: "schema.dump")
            let backup = try await GovregProcess.run(["backup", "--out", dump.path] + url, environment: environment)
            try #require(backup.status == 0, "\(backup.stderr)")

            let missing = try await GovregProcess.run(["backup", "--out", "/nonexistent-\(UUID().uuidString)/x.dump"] + url, environment: environment)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("--out"), "\(missing.stderr)")

            // Into the database it came from: not empty.
            let full = try await GovregProcess.run(["restore", dump.path] + url + migrationsOption, environment: environment)
            #expect(full.status != 0)
            #expect(full.stderr.contains("is not empty"), "\(full.stderr)")

            // One byte changed in the middle of the dump.
            let tampered = folder.appending(path: "tampered.dump")
            var bytes = try Data(contentsOf: dump)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: tampered)
            try FileManager.default.copyItem(at: folder.appending(path: "schema.dump.manifest.json"), to: folder.appending(path: "tampered.dump.manifest.json"))

            // A manifest naming a migration this govreg does not have.
            let future = folder.appending(path: "future.dump")
            try FileManager.default.copyItem(at: dump, to: future)
            var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appending(path: "schema.dump.manifest.json"))) as? [String: Any])
            var migrations = try #require(manifest["migrations"] as? [[String: Any]])
            migrations.append(["group": "core", "version": 9999, "name": "from_the_future", "checksum": "0"])
            manifest["migrations"] = migrations
            try JSONSerialization.data(withJSONObject: manifest).write(to: folder.appending(path: "future.dump.manifest.json"))

            try await TestDatabase.withFresh { empty in
                let into = ["--database-url", empty.connectionString]
                let changed = try await GovregProcess.run(["restore", tampered.path] + into + migrationsOption, environment: environment)
                #expect(changed.status != 0)
                #expect(changed.stderr.contains("SHA-256"), "\(changed.stderr)")
                let newer = try await GovregProcess.run(["restore", future.path] + into + migrationsOption, environment: environment)
                #expect(newer.status != 0)
                #expect(newer.stderr.contains("core/9999_from_the_future"), "\(newer.stderr)")
                let connection = try await Connection.connect(empty)
                let objects = try await connection.query("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
                await connection.close()
                #expect(try objects[0].decode(Int.self, "n") == 0)

                // The untouched dump restores into the same database.
                let good = try await GovregProcess.run(["restore", dump.path] + into + migrationsOption, environment: environment)
                #expect(good.status == 0, "\(good.stderr)")
            }
        }
    }
}

private let migrationsOption = ["--migrations", TestDatabase.shippedMigrations.path]

/// A scratch folder that the `postgres` user may enter (the embedded server runs as it under root).
private func backupScratchFolder() throws -> URL {
    let folder = URL(filePath: "/tmp/govreg-backup-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    return folder
}

/// Each table's row count and an MD5 of its rows as text, in order: equal fingerprints mean
/// equal contents.
private func tableFingerprints(_ configuration: ConnectionConfiguration) async throws -> [String: String] {
    let connection = try await Connection.connect(configuration)
    var fingerprints: [String: String] = [:]
    do {
        let tables = try await connection.query("""
            SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            """)
        for table in tables {
            let schema = try table.decode(String.self, "schema")
            let name = try table.decode(String.self, "name")
            let row = try await connection.query("""
                SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum
                FROM \(identifier: schema).\(identifier: name) t
                """)[0]
            fingerprints["\(schema).\(name)"] = "\(try row.decode(Int.self, "n")) \(try row.decode(String.self, "sum"))"
        }
    } catch {
        await connection.close()
        throw error
    }
    await connection.close()
    return fingerprints
}
