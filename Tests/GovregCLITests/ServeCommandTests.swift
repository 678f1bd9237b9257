import Foundation
import GovregTestSupport
import Postgres
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `govreg serve` as a real process: graceful shutdown on SIGTERM and slow clients.
@Suite struct ServeCommandTests {
    private static let migrations = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations").path

    /// A migrated database with district langao (grid G11), an admin's token, and a running
    /// `govreg serve` on a free port.
    private func withServer(
        serving options: [String] = [],
        _ body: (_ port: Int, _ token: String, _ server: Process, _ database: ConnectionConfiguration) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", Self.migrations]
            let govreg = { (arguments: [String]) async throws -> GovregProcess.Outcome in try await GovregProcess.run(arguments + common, environment: environment) }
            #expect(try await govreg(["db", "migrate"]).status == 0)
            #expect(try await govreg(["tenant", "create", "langao", "--name", "岚皋县", "--division-code", "610925"]).status == 0)
            let org = folder.appending(path: "org.csv")
            try Data("code,name,kind,parent_code\nS1,城关镇,town,\nC1,东坡社区,community,S1\nG11,东坡一网格,grid,C1\n".utf8).write(to: org)
            #expect(try await govreg(["org", "import", org.path, "--tenant", "langao"]).status == 0)
            #expect(try await govreg(["account", "create", "wang.min", "--name", "王敏", "--role", "district_admin", "--tenant", "langao"]).status == 0)
            let token = try await govreg(["token", "issue", "wang.min"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("grt_"))
            let history = try await govreg(["account", "events", "wang.min", "--json"])
            let events = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]], "\(history.stderr)")
            #expect(events.map { $0["action"] as? String } == ["token_issued", "account_created"])
            #expect(events.allSatisfy { ($0["actor"] as? String)?.hasPrefix("cli:") == true })
            // Logins are per district: a second district may have wang.min too, and then the
            // operator names whose is meant.
            #expect(try await govreg(["tenant", "create", "pingli", "--name", "平利县", "--division-code", "610926"]).status == 0)
            #expect(try await govreg(["account", "create", "wang.min", "--name", "王敏", "--role", "viewer", "--tenant", "pingli"]).status == 0)
            let ambiguous = try await govreg(["token", "list", "wang.min"])
            #expect(ambiguous.status != 0 && ambiguous.stderr.contains("--tenant") && ambiguous.stderr.contains("pingli"), "\(ambiguous.stderr)")
            let named = try await govreg(["token", "list", "wang.min", "--tenant", "langao", "--json"])
            #expect(named.status == 0 && named.stdout.contains(String(token.prefix(12))), "\(named.stderr)")

            let port = Int.random(in: 20_000...45_000)
            let server = Process()
            server.executableURL = GovregProcess.executable
            server.arguments = ["serve", "--port", String(port), "--idle-timeout", "1", "--log-level", "warning"] + options + common
            server.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GOVREG_") }
            let log = folder.appending(path: "serve.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            server.standardOutput = FileHandle.nullDevice
            server.standardError = try FileHandle(forWritingTo: log)
            try server.run()
            defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
            try await GovregServer.awaitReady(server, port: port, log: log)
            try await body(port, token, server, configuration)
        }
    }

    /// SIGTERM while a request waits on a lock the test holds: the server stops accepting at
    /// once, answers the request in flight when the lock is released, then exits 0.
    @Test func sigtermFinishesTheRequestInFlightThenExits() async throws {
        try await withServer { port, token, server, database in
            let blocker = try await Connection.connect(database)
            try await blocker.execute("BEGIN")
            try await blocker.execute("LOCK TABLE demand IN SHARE MODE")
            let intake = #"{"title": "楼道灯不亮", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1", "unit": "job"}}"#
            let inFlight = Task { try await RawHTTP.requestOnThread(port, "POST", "/v1/tenants/langao/demands", token: token, json: intake) }
            // The request is in flight once its INSERT waits on the test's lock.
            try #require(try await Self.aRequestWaitsOnDemand(blocker))
            kill(server.processIdentifier, SIGTERM)
            // No new connections: the listening socket closes before the request in flight ends.
            var refused = false
            for _ in 0..<200 where !refused {
                do {
                    close(try RawHTTP.connect(port))
                    try await Task.sleep(for: .milliseconds(25))
                } catch {
                    refused = true
                }
            }
            #expect(refused)
            #expect(server.isRunning)
            try await blocker.execute("COMMIT")
            await blocker.close()
            let reply = try await inFlight.value
            #expect(reply.status == 201)
            #expect(reply.body.contains("楼道灯不亮"))
            server.waitUntilExit()
            #expect(server.terminationReason == .exit)
            #expect(server.terminationStatus == 0)
        }
    }

    /// Whether, within 10 s, a request's statement waits on the lock `blocker` holds on `demand`:
    /// the sign that the request is in flight.
    private static func aRequestWaitsOnDemand(_ blocker: Connection) async throws -> Bool {
        for _ in 0..<400 {
            let rows = try await blocker.query("SELECT count(*) AS n FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND relation = 'demand'::regclass AND NOT granted")
            if try rows[0].decode(Int.self, "n") > 0 { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    /// A request still running when --shutdown-grace runs out is cut off: the server exits
    /// instead of waiting for it, and the request's transaction is rolled back.
    @Test func aRequestPastTheShutdownGraceIsCutOff() async throws {
        try await withServer(serving: ["--shutdown-grace", "2"]) { port, token, server, database in
            let blocker = try await Connection.connect(database)
            try await blocker.execute("BEGIN")
            try await blocker.execute("LOCK TABLE demand IN SHARE MODE")
            let intake = #"{"title": "停止时仍在等待", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1", "unit": "job"}}"#
            let inFlight = Task { try? await RawHTTP.requestOnThread(port, "POST", "/v1/tenants/langao/demands", token: token, json: intake) }
            try #require(try await Self.aRequestWaitsOnDemand(blocker))
            let signalled = ContinuousClock.now
            kill(server.processIdentifier, SIGTERM)
            // The lock is never released while the server stops: only the grace can end it.
            while server.isRunning && ContinuousClock.now - signalled < .seconds(30) { try await Task.sleep(for: .milliseconds(50)) }
            let stopped = ContinuousClock.now - signalled
            #expect(!server.isRunning)
            #expect(stopped >= .seconds(2) && stopped < .seconds(15), "stopped after \(stopped)")
            let reply = await inFlight.value
            #expect(reply?.status != 201)
            try await blocker.execute("COMMIT")
            let written = try await blocker.query("SELECT count(*) AS n FROM demand WHERE title = '停止时仍在等待'")
            #expect(try written[0].decode(Int.self, "n") == 0)
            await blocker.close()
        }
    }

    /// A client that sends half a request and stops is disconnected after the idle timeout.
    @Test func aSlowClientIsDisconnected() async throws {
        try await withServer { port, _, _, _ in
            let fd = try RawHTTP.connect(port, receiveTimeout: 20)
            defer { close(fd) }
            RawHTTP.send(fd, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let started = ContinuousClock.now
            let answer = RawHTTP.readAll(fd)
            let waited = ContinuousClock.now - started
            #expect(answer.isEmpty || answer.contains("408"))
            #expect(waited < .seconds(10))
            #expect(try RawHTTP.request(port, "GET", "/health").status == 200)
        }
    }
}
