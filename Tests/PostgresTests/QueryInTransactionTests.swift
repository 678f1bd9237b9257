import GovregTestSupport
import Postgres
import Testing

/// `queryInTransaction`: one statement in a transaction block of its own, one round trip. (That
/// it is a block, which on Citus carries `SET LOCAL` to the workers, the intake's tests show
/// there: without one the workers see no district.)
@Suite struct QueryInTransactionTests {
    @Test func theStatementsRowsComeBackCommitted() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (title text NOT NULL)")
            let rows = try await connection.queryInTransaction("""
                WITH written AS (INSERT INTO demand VALUES (\("修路")) RETURNING title) SELECT title FROM written
                """)
            #expect(try rows.map { try $0.decode(String.self, "title") } == ["修路"])
            // committed: another session sees it
            let other = try await Connection.connect(configuration)
            #expect(try await other.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n") == 1)
            await other.close()
        }
    }

    @Test func aFailingStatementLeavesNothingAndTheConnectionReady() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (title text NOT NULL CHECK (title <> ''))")
            let refused = try await #require(throws: PostgresError.self) {
                try await connection.queryInTransaction("INSERT INTO demand VALUES (\("修路")), (\(""))")
            }
            #expect(refused.sqlState == "23514")
            #expect(try await connection.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n") == 0)
            // Inside an open transaction it refuses: its COMMIT would end the caller's.
            let nested = try await #require(throws: PostgresError.self) {
                try await connection.transaction { tx in try await tx.queryInTransaction("SELECT 1") }
            }
            #expect(nested.sqlState == "25001")
        }
    }
}
