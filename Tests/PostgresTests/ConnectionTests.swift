import Foundation
import GovregTestSupport
import Postgres
import Testing

@Suite struct ConnectionTests {
    @Test func connectsThroughPGEnvironmentAndRunsAQuery() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        let rows = try await connection.query("SELECT 41 + \(1) AS answer, current_setting('client_encoding') AS encoding")
        #expect(rows.count == 1)
        #expect(try rows[0].decode(Int.self, "answer") == 42)
        #expect(try rows[0].decode(String.self, "encoding") == "UTF8")
        await connection.close()
    }

    @Test func unreachableServerGivesAConnectionErrorWithLibpqsMessage() async throws {
        let configuration = ConnectionConfiguration("host=/nonexistent-govreg-socket-dir port=5999")
        let error = try await #require(throws: PostgresError.self) { try await Connection.connect(configuration) }
        #expect(error.kind == .connection)
        #expect(error.message.contains("/nonexistent-govreg-socket-dir"))
    }

    @Test func refusedLoginGivesTheServersMessage() async throws {
        let configuration = ConnectionConfiguration("user=no_such_govreg_role")
        let error = try await #require(throws: PostgresError.self) { try await Connection.connect(configuration) }
        #expect(error.kind == .connection)
        #expect(error.message.contains("role \"no_such_govreg_role\" does not exist"))
    }

    @Test func acceptsAURL() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = environment["PGHOST"] ?? "/var/run/postgresql"
        let encodedHost = host.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? host
        let url = "postgresql:///\(environment["PGDATABASE"] ?? "postgres")?host=\(encodedHost)"
        let connection = try await Connection.connect(ConnectionConfiguration(url))
        #expect(try await connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        await connection.close()
    }

    @Test func serverErrorsCarrySQLStateDetailHintAndPosition() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE tenant (slug text PRIMARY KEY)")
            try await connection.execute("INSERT INTO tenant VALUES (\("langao"))")
            let duplicate = try await #require(throws: PostgresError.self) {
                try await connection.execute("INSERT INTO tenant VALUES (\("langao"))")
            }
            #expect(duplicate.kind == .server)
            #expect(duplicate.sqlState == "23505")
            #expect(duplicate.severity == "ERROR")
            #expect(duplicate.detail == "Key (slug)=(langao) already exists.")
            #expect(!duplicate.description.contains("INSERT"))

            // A CHECK failure's detail quotes the whole row; the description leaves it out.
            try await connection.execute("CREATE TABLE person (name text, phone text CHECK (length(phone) = 11))")
            let check = try await #require(throws: PostgresError.self) {
                try await connection.execute("INSERT INTO person VALUES (\("王五"), \("1381234567"))")
            }
            #expect(check.sqlState == "23514")
            #expect(check.detail?.contains("1381234567") == true)
            #expect(!check.description.contains("1381234567") && !check.description.contains("王五"), "\(check.description)")

            let syntax = try await #require(throws: PostgresError.self) {
                try await connection.query("SELECT * FROM tenant WHERE slug = = 1")
            }
            #expect(syntax.sqlState == "42601")
            #expect(syntax.position == 35)

            let hinted = try await #require(throws: PostgresError.self) {
                try await connection.execute(
                    "DO $$ BEGIN RAISE EXCEPTION 'boom' USING ERRCODE = 'P0001', HINT = 'try later'; END $$")
            }
            #expect(hinted.hint == "try later")
            #expect(hinted.message == "boom")
        }
    }

    @Test func aNulByteInAParameterIsRefusedNotTruncated() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        let error = try await #require(throws: PostgresError.self) {
            try await connection.query("SELECT \("abc\u{0}def")::text AS t")
        }
        #expect(error.kind == .binding)
        #expect(error.sqlState == "22021")
        await connection.close()
    }

    @Test func valuesAreNeverSplicedIntoTheStatement() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        let hostile = "'); DROP TABLE pg_class; --"
        let rows = try await connection.query("SELECT \(hostile)::text AS echoed")
        #expect(try rows[0].decode(String.self, "echoed") == hostile)
        await connection.close()
    }

    @Test func cancellingTheTaskCancelsTheRunningStatement() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        let pid = try await connection.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid")
        let sleeper = Task { try await connection.query("SELECT pg_sleep(60)") }
        // Cancel once the server is really running the statement (not on a timer: a busy
        // machine may not have sent it yet).
        let admin = try await Connection.connect(TestDatabase.server)
        while try await admin.query("""
            SELECT count(*) AS n FROM pg_stat_activity WHERE pid = \(pid) AND state = 'active' AND query LIKE '%pg_sleep(60)%'
            """)[0].decode(Int.self, "n") == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        await admin.close()
        let started = ContinuousClock.now
        sleeper.cancel()
        let error = await #expect(throws: PostgresError.self) { try await sleeper.value }
        #expect(error?.sqlState == "57014")
        #expect(ContinuousClock.now - started < .seconds(30))  // far below the 60 s it would take
        // The session survives a cancel and can be used again.
        #expect(try await connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        await connection.close()
    }

    @Test func aCallCancelledWhileWaitingForTheConnectionNeverRuns() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        try await connection.execute("CREATE TEMP TABLE marks (n int)")
        let pid = try await connection.query("SELECT pg_backend_pid() AS pid")[0].decode(Int.self, "pid")
        // The first statement waits for a lock the test holds: it stays running until the
        // test lets it go, however slow the machine (a timer or a sleep would not).
        let key = Int64.random(in: 1...Int64.max)
        let admin = try await Connection.connect(TestDatabase.server)
        try await admin.execute("SELECT pg_advisory_lock(\(key))")
        let first = Task { try await connection.query("SELECT pg_advisory_lock(\(key))") }
        while try await admin.query("""
            SELECT count(*) AS n FROM pg_stat_activity WHERE pid = \(pid) AND wait_event_type = 'Lock'
            """)[0].decode(Int.self, "n") == 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        // Queued behind the first statement on the connection's queue, then cancelled.
        let second = Task { try await connection.execute("INSERT INTO marks VALUES (1)") }
        try await Task.sleep(for: .milliseconds(100))
        second.cancel()
        // Let the first statement finish; the cancelled call then never runs.
        try await admin.execute("SELECT pg_advisory_unlock(\(key))")
        await admin.close()
        await #expect(throws: CancellationError.self) { try await second.value }
        _ = try await first.value  // the cancel reached the waiting call, not the running one
        #expect(try await connection.query("SELECT count(*) AS n FROM marks")[0].decode(Int.self, "n") == 0)
        await connection.close()
    }
}
