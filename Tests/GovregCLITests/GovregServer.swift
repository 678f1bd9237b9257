import Foundation
import Testing

/// A `govreg serve` process for tests that compare the command line with the API: started
/// on a free port against the test's database, stopped when the body returns.
enum GovregServer {
    /// Runs `body` with the port of a ready server started with `arguments` (the database
    /// options) and `environment`.
    static func with<T>(
        _ arguments: [String], environment: [String: String], _ body: (_ port: Int) async throws -> T
    ) async throws -> T {
        let port = Int.random(in: 20_000...45_000)
        let server = Process()
        server.executableURL = GovregProcess.executable
        server.arguments = ["serve", "--port", String(port), "--log-level", "warning"] + arguments
        server.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GOVREG_") && !$0.key.hasPrefix("PG") }
            .merging(environment) { _, new in new }
        let log = FileManager.default.temporaryDirectory.appending(path: "govreg-serve-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        server.standardOutput = FileHandle.nullDevice
        server.standardError = try FileHandle(forWritingTo: log)
        try server.run()
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        try await awaitReady(server, port: port, log: log)
        return try await body(port)
    }

    /// Waits until `server` answers `/ready` on `port`, for up to five minutes: this checks
    /// that it starts, not how fast. On two cores running the whole suite in parallel a start
    /// has taken over a minute (CI and a full run here both saw four servers miss a one-minute
    /// wait). Each probe runs on a thread of its own, so that its blocking read holds none of
    /// the cooperative pool's two threads. Stops at once if the process exits, with its log.
    static func awaitReady(_ server: Process, port: Int, log: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(300)
        var ready = false
        while !ready, server.isRunning, ContinuousClock.now < deadline {
            ready = (try? await RawHTTP.requestOnThread(port, "GET", "/ready"))?.status == 200
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(ready, "govreg serve did not become ready on port \(port) (running: \(server.isRunning)): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }
}
