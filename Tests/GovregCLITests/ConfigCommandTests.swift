import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg config` and the settings of the real binary: what each setting is and where it
/// came from, passwords never printed, a bad value refused by config and serve alike, and
/// `govreg serve` listening where GOVREG_PORT and the configuration file say.
@Suite struct ConfigCommandTests {
    private static let migrations = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations").path

    /// The `--json` listing as key → line.
    private func listing(_ outcome: GovregProcess.Outcome) throws -> [String: [String: Any]] {
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]], "\(outcome.stderr)")
        return Dictionary(uniqueKeysWithValues: lines.map { ($0["key"] as? String ?? "", $0) })
    }

    @Test func eachValueWithItsSourceAndNoPassword() async throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "govreg-config-\(UUID().uuidString.prefix(8)).json")
        try Data(#"{"serve": {"port": 7001, "pool-size": 4}, "database": {"url": "postgresql://govreg:file-pw-7731@db.example.org/govreg"}}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await GovregProcess.run(
            ["config", "--json", "--config", file.path, "--pool-size", "9"],
            environment: ["GOVREG_PORT": "7002", "GOVREG_DATABASE_URL": "postgresql://govreg:env-pw-4410@db.example.org/govreg?sslmode=require"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = try listing(outcome)
        #expect(lines["serve.port"]?["value"] as? String == "7002" && lines["serve.port"]?["source"] as? String == "environment GOVREG_PORT")
        #expect(lines["serve.pool-size"]?["value"] as? String == "9" && lines["serve.pool-size"]?["source"] as? String == "flag --pool-size")
        #expect(lines["serve.host"]?["value"] as? String == "127.0.0.1" && lines["serve.host"]?["source"] as? String == "default")
        #expect(lines["config"]?["source"] as? String == "flag --config")
        #expect(lines["database.url"]?["value"] as? String == "postgresql://govreg:***@db.example.org/govreg?sslmode=require")
        #expect(!outcome.stdout.contains("env-pw-4410") && !outcome.stderr.contains("env-pw-4410"))
        #expect(!outcome.stdout.contains("file-pw-7731"))

        // The file's URL, a conninfo with a password, in the table for people.
        let table = try await GovregProcess.run(["config", "--config", file.path, "--database-url", "host=db.example.org password='cli pw 5562' dbname=govreg"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("password=***") && table.stdout.contains("flag --database-url"), "\(table.stdout)")
        #expect(!table.stdout.contains("5562") && !table.stderr.contains("5562"))
        let fromFile = try await GovregProcess.run(["config", "--json", "--config", file.path])
        #expect(try listing(fromFile)["database.url"]?["source"] as? String == "file \(file.path)")
        #expect(!fromFile.stdout.contains("file-pw-7731") && fromFile.stdout.contains("govreg:***@db.example.org"))
    }

    @Test func libpqVariablesAreShownAsTheDatabase() async throws {
        let outcome = try await GovregProcess.run(["config", "--json"], environment: ["PGHOST": "db.example.org", "PGDATABASE": "govreg", "PGPASSWORD": "pg-pw-9917"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let database = try listing(outcome)["database.url"]
        #expect(database?["value"] as? String == "PGHOST=db.example.org PGDATABASE=govreg")
        #expect(database?["source"] as? String == "libpq PGHOST PGDATABASE")
        #expect(!outcome.stdout.contains("pg-pw-9917"))
    }

    @Test func configAndServeRefuseABadValueAlike() async throws {
        let folder = URL(filePath: "/tmp/govreg-config-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["config", "serve"] {
            let variable = try await GovregProcess.run([command, "--data-dir", folder.path], environment: ["GOVREG_PORT": "70000"])
            #expect(variable.status != 0)
            #expect(variable.stderr.contains("GOVREG_PORT=70000 (环境变量 environment): 不是端口号 not a port (1–65535)"), "\(variable.stderr)")
            let flag = try await GovregProcess.run([command, "--data-dir", folder.path, "--pool-size", "0"])
            #expect(flag.status != 0 && flag.stderr.contains("--pool-size 0: 须为整数 not a whole number 1–500"), "\(flag.stderr)")
            let missing = try await GovregProcess.run([command, "--data-dir", folder.path, "--config", folder.appending(path: "none.json").path])
            #expect(missing.status != 0 && missing.stderr.contains("none.json (--config): 文件不存在 no such file"), "\(missing.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing was started")
    }

    /// No --port and no --log-level: the port from GOVREG_PORT, the log level from the file.
    @Test func serveListensWhereTheEnvironmentSays() async throws {
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", Self.migrations]
            #expect(try await GovregProcess.run(["db", "migrate"] + common, environment: environment).status == 0)
            let file = FileManager.default.temporaryDirectory.appending(path: "govreg-serve-\(UUID().uuidString.prefix(8)).json")
            try Data(#"{"serve": {"log-level": "warning", "port": 1}}"#.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let log = FileManager.default.temporaryDirectory.appending(path: "govreg-serve-\(UUID().uuidString.prefix(8)).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }

            let port = Int.random(in: 20_000...45_000)
            let server = Process()
            server.executableURL = GovregProcess.executable
            server.arguments = ["serve"] + common
            server.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GOVREG_") }
                .merging(["GOVREG_PORT": String(port), "GOVREG_CONFIG": file.path]) { _, new in new }
            server.standardOutput = FileHandle.nullDevice
            server.standardError = try FileHandle(forWritingTo: log)
            try server.run()
            defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
            try await GovregServer.awaitReady(server, port: port, log: log)
            #expect(try RawHTTP.request(port, "GET", "/health").status == 200)
            server.terminate()
            server.waitUntilExit()
            // At level warning, the per-request info lines are not written.
            let written = try String(contentsOf: log, encoding: .utf8)
            #expect(!written.contains("/health"), "\(written)")
        }
    }
}
