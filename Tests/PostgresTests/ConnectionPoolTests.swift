import Dispatch
import GovregTestSupport
@testable import Postgres
import Synchronization
import Testing

private struct Failure: Error {}

@Suite struct ConnectionPoolTests {
    private func backendPID(_ connection: Connection) async throws -> Int {
        try await connection.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid")
    }

    @Test func neverOpensMoreThanItsBound() async throws {
        // A long acquire timeout: this checks the bound, not speed, and the full suite runs
        // CPU-heavy matching tests beside it on two cores.
        let pool = ConnectionPool(configuration: TestDatabase.server, maxConnections: 3, acquireTimeout: .seconds(120))
        let pids = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    try await pool.withConnection { connection in
                        _ = try await connection.query("SELECT pg_sleep(0.02)")
                        return try await backendPID(connection)
                    }
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(pids.count <= 3)
        #expect(await pool.openConnections <= 3)
        await pool.close()
    }

    @Test func waitingLongerThanTheAcquireTimeoutFails() async throws {
        let pool = ConnectionPool(configuration: TestDatabase.server, maxConnections: 1, acquireTimeout: .milliseconds(200))
        // The holder keeps the only connection until the test lets it go: no sleeps to race
        // against on a busy machine.
        let (acquired, signalAcquired) = AsyncStream<Void>.makeStream()
        let (release, signalRelease) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { _ in
                signalAcquired.yield()
                for await _ in release { break }
            }
        }
        for await _ in acquired { break }
        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error.kind == .acquireTimeout)
        signalRelease.yield()
        try await holder.value
        await pool.close()
    }

    @Test func aBrokenConnectionIsReplaced() async throws {
        let pool = ConnectionPool(configuration: TestDatabase.server, maxConnections: 1)
        let first = try await pool.withConnection { try await backendPID($0) }
        let admin = try await Connection.connect(TestDatabase.server)
        _ = try await admin.query("SELECT pg_terminate_backend(\(first)::integer)")
        try await Task.sleep(for: .milliseconds(200))
        let second = try await pool.withConnection { try await backendPID($0) }
        #expect(second != first)
        #expect(await pool.openConnections == 1)
        await admin.close()
        await pool.close()
    }

    @Test func aConnectionReturnedMidTransactionComesBackClean() async throws {
        let pool = ConnectionPool(configuration: TestDatabase.server, maxConnections: 1)
        let pid = Mutex(0)
        await #expect(throws: Failure.self) {
            try await pool.withConnection { connection in
                pid.withLock { $0 = 0 }
                let backend = try await backendPID(connection)
                pid.withLock { $0 = backend }
                try await connection.execute("BEGIN")
                try await connection.execute("SELECT set_config('app.tenant_id', \("tenant-a"), true)")
                throw Failure()
            }
        }
        let admin = try await Connection.connect(TestDatabase.server)
        let state = try await admin.query(
            "SELECT state FROM pg_stat_activity WHERE pid = \(pid.withLock { $0 })")[0].decode(String.self, "state")
        #expect(state == "idle")
        await admin.close()
        let (samePID, tenant) = try await pool.withConnection { connection in
            let row = try await connection.query("""
                SELECT pg_backend_pid() AS pid, current_setting('app.tenant_id', true) AS tenant
                """)[0]
            return (try row.decode(Int.self, "pid"), try row.decode(String?.self, "tenant"))
        }
        #expect(samePID == pid.withLock { $0 })  // the same session was reused, not replaced
        #expect(tenant == nil || tenant == "")
        await pool.close()
    }

    @Test func statementTimeoutIsEnforced() async throws {
        let configuration = ConnectionConfiguration(statementTimeout: .milliseconds(200))
        let pool = ConnectionPool(configuration: configuration, maxConnections: 1)
        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT pg_sleep(5)") }
        #expect(error.sqlState == "57014")
        #expect(try await pool.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        await pool.close()
    }

    @Test func blockingCallsRunOnTheConnectionsOwnQueue() async throws {
        // Every libpq call goes through `withHandle`; the closure it runs must find itself on
        // the connection's serial queue, never on a thread of Swift's cooperative pool.
        let connection = try await Connection.connect(TestDatabase.server)
        let onOwnQueue = try await connection.withHandle { _ in DispatchQueue.getSpecific(key: Connection.queueMarker) == true }
        #expect(onOwnQueue)
        #expect(DispatchQueue.getSpecific(key: Connection.queueMarker) == nil)  // and the test itself is not
        await connection.close()
    }

    @Test func aClosedPoolRefusesWork() async throws {
        let pool = ConnectionPool(configuration: TestDatabase.server, maxConnections: 1)
        await pool.close()
        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error.kind == .poolClosed)
    }
}
