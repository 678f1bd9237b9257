import GovregTestSupport
import Postgres
import Testing

private struct Refusal: Error {}

@Suite struct TransactionTests {
    @Test func commitsOnReturnAndRollsBackOnThrow() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (title text NOT NULL)")
            try await connection.transaction { tx in
                try await tx.execute("INSERT INTO demand VALUES (\("修路"))")
            }
            await #expect(throws: Refusal.self) {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO demand VALUES (\("漏水"))")
                    throw Refusal()
                }
            }
            let titles = try await connection.query("SELECT title FROM demand").map { try $0.decode(String.self, "title") }
            #expect(titles == ["修路"])
        }
    }

    @Test func isolationLevelAndReadOnlyAreApplied() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        defer { Task { await connection.close() } }
        let level = try await connection.transaction(isolation: .serializable, readOnly: true) { tx in
            try await tx.query("SELECT current_setting('transaction_isolation') AS level")[0].decode(String.self, "level")
        }
        #expect(level == "serializable")
        let error = try await #require(throws: PostgresError.self) {
            try await connection.transaction(readOnly: true) { tx in
                try await tx.execute("CREATE TEMP TABLE t (x int)")
            }
        }
        #expect(error.sqlState == "25006")
    }

    @Test func aSwallowedErrorInsideTheTransactionIsNotReportedAsACommit() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (title text NOT NULL)")
            let error = try await #require(throws: PostgresError.self) {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO demand VALUES (\("kept?"))")
                    _ = try? await tx.execute("INSERT INTO demand VALUES (NULL)")
                }
            }
            #expect(error.sqlState == "25P02")
            #expect(try await connection.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n") == 0)
        }
    }
}
