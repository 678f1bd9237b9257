import Foundation
import GovregTestSupport
import Postgres
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `govreg serve` process: JSON log lines on standard error, the request's id in
/// them, and `/metrics` served by the bootstrapped Prometheus backend.
@Suite struct ServeObservabilityTests {
    private static let migrations = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations").path

    @Test func jsonLogsAndMetricsFromTheRunningServer() async throws {
        let log = FileManager.default.temporaryDirectory.appending(path: "govreg-serve-json-\(UUID().uuidString.prefix(8)).log")
        defer { try? FileManager.default.removeItem(at: log) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", Self.migrations]
            #expect(try await GovregProcess.run(["db", "migrate"] + common, environment: environment).status == 0)
            let refused = try await GovregProcess.run(["serve", "--log-format", "yaml"] + common, environment: environment)
            #expect(refused.status != 0 && refused.stderr.contains("--log-format"), "\(refused.stderr)")

            let port = Int.random(in: 20_000...45_000)
            let server = Process()
            server.executableURL = GovregProcess.executable
            server.arguments = ["serve", "--port", String(port), "--log-format", "json", "--log-level", "info"] + common
            server.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GOVREG_") }
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            server.standardOutput = FileHandle.nullDevice
            server.standardError = try FileHandle(forWritingTo: log)
            try server.run()
            defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
            try await GovregServer.awaitReady(server, port: port, log: log)

            let fd = try RawHTTP.connect(port)
            RawHTTP.send(fd, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: cli-trace-1\r\nConnection: close\r\n\r\n")
            let health = RawHTTP.readAll(fd)
            close(fd)
            #expect(health.hasPrefix("HTTP/1.1 200") && health.lowercased().contains("x-request-id: cli-trace-1"), "\(health)")
            let metrics = try RawHTTP.request(port, "GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains(#"govreg_http_requests_total{route="/health",method="GET",status="200"}"#), "\(metrics.body)")
            #expect(metrics.body.contains(#"govreg_db_pool_connections_open{pool="tenant"}"#))

            server.terminate()
            server.waitUntilExit()
            let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
            let objects = lines.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
            #expect(!lines.isEmpty && objects.allSatisfy { $0 != nil }, "lines that are not JSON objects: \(lines)")
            let request = objects.compactMap { $0 }.first { $0["request_id"] as? String == "cli-trace-1" }
            #expect(request?["route"] as? String == "/health" && request?["status"] as? Int == 200, "\(lines)")
            #expect(objects.compactMap { $0?["message"] as? String }.contains { $0.contains("/metrics") })
        }
    }
}
