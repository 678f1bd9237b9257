import Foundation
import GovregTestSupport
import Postgres
import Testing

/// Behind a transaction pooler (`pooler: .transaction`) nothing is pinned at connect: the
/// settings the decoders rely on travel with each transaction and each lone statement, and
/// end with them. The database here has defaults that would break decoding if they leaked
/// through: a DateStyle that writes `05/03/2024`, a time zone eight hours from UTC.
@Suite struct TransactionPoolerTests {
    /// The database's own defaults, as every new session on it (and every pooled one) starts.
    private static let defaults = [
        ("DateStyle", "SQL, DMY"), ("TimeZone", "Asia/Shanghai"), ("IntervalStyle", "postgres"), ("statement_timeout", "0"),
    ]

    private static func withUnfriendlyDatabase(_ body: (ConnectionConfiguration) async throws -> Void) async throws {
        try await TestDatabase.withFresh { configuration in
            let owner = try await Connection.connect(TestDatabase.directly(configuration))
            let name = try await owner.query("SELECT current_database() AS name")[0].decode(String.self, "name")
            for (setting, value) in defaults {
                try await owner.execute("ALTER DATABASE \(identifier: name) SET \(unsafeRaw: setting) = \(unsafeRaw: "'\(value)'")")
            }
            await owner.close()
            var pooled = configuration
            pooled.pooler = .transaction
            pooled.statementTimeout = .milliseconds(1500)
            try await body(pooled)
        }
    }

    private static let probe: SQL = """
        SELECT current_setting('DateStyle') AS style, current_setting('TimeZone') AS zone,
               current_setting('statement_timeout') AS timeout,
               timestamptz '2024-03-05 08:30:00.25+00' AS at, date '2024-03-05' AS day,
               (timestamptz '2024-03-05 23:30:00+00')::date AS day_of_late_evening
        """

    private static func expectPinned(_ rows: QueryResult) throws {
        let row = rows[0]
        #expect(try row.decode(String.self, "style") == "ISO, DMY")
        #expect(try row.decode(String.self, "zone") == "UTC")
        #expect(try row.decode(String.self, "timeout") == "1500ms")
        #expect(try row.decode(Date.self, "at") == Date(timeIntervalSince1970: 1_709_627_400.25))
        #expect(try row.decode(Date.self, "day") == Date(timeIntervalSince1970: 1_709_596_800))
        // In Shanghai it would already be the 6th.
        #expect(try row.decode(Date.self, "day_of_late_evening") == Date(timeIntervalSince1970: 1_709_596_800))
    }

    /// Fails the script (PQexec, which sends no pins) unless the session shows the database's
    /// defaults: proof that nothing pinned for a transaction outlived it.
    private static func expectSessionUntouched(_ connection: Connection) async throws {
        let checks = defaults.map { setting, value in
            "IF current_setting('\(setting)') <> '\(value)' THEN RAISE EXCEPTION 'leaked: % = %', '\(setting)', current_setting('\(setting)'); END IF;"
        }
        try await connection.executeScript(unsafeRaw: "DO $$ BEGIN \(checks.joined(separator: " ")) END $$")
    }

    @Test func aLoneStatementDecodesWhateverTheServerDefaultsAre() async throws {
        try await Self.withUnfriendlyDatabase { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await Self.expectSessionUntouched(connection)
            try Self.expectPinned(try await connection.query(Self.probe))
            try await Self.expectSessionUntouched(connection)
        }
    }

    @Test func aTransactionPinsTheSettingsForItselfOnly() async throws {
        try await Self.withUnfriendlyDatabase { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.transaction(isolation: .serializable, readOnly: true) { tx in
                try Self.expectPinned(try await tx.query(Self.probe))
                #expect(try await tx.query("SELECT current_setting('transaction_isolation') AS level")[0]
                    .decode(String.self, "level") == "serializable")
                try Self.expectPinned(try await tx.query(Self.probe))  // still pinned at the second statement
            }
            try await Self.expectSessionUntouched(connection)
        }
    }

    @Test func thePinnedStatementTimeoutCancelsALongStatement() async throws {
        try await Self.withUnfriendlyDatabase { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            let error = try await #require(throws: PostgresError.self) {
                try await connection.execute("SELECT pg_sleep(5)")
            }
            #expect(error.sqlState == "57014")
            #expect(try await connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        }
    }

    @Test func aFailingLoneStatementLeavesTheConnectionReady() async throws {
        try await Self.withUnfriendlyDatabase { configuration in
            let pool = ConnectionPool(configuration: configuration, maxConnections: 1)
            let error = try await #require(throws: PostgresError.self) {
                try await pool.query("SELECT 1 / \(0) AS boom")
            }
            #expect(error.sqlState == "22012")
            #expect(error.message.contains("division by zero"))
            try Self.expectPinned(try await pool.query(Self.probe))
            await pool.close()
        }
    }

    @Test func noStartupOptionsAreSent() async throws {
        try await Self.withUnfriendlyDatabase { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            // What the session started with, seen from the server: the database's defaults,
            // not a `-c TimeZone=UTC` that PgBouncer would have refused.
            let sources = try await connection.query("""
                SELECT count(*) AS n FROM pg_settings
                WHERE name IN ('DateStyle', 'TimeZone', 'IntervalStyle', 'statement_timeout') AND source = 'client'
                """)
            #expect(try sources[0].decode(Int.self, "n") == 0)
        }
    }
}
