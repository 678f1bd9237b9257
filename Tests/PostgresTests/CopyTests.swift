import GovregTestSupport
import Postgres
import Testing

private struct Interrupted: Error {}

@Suite struct CopyTests {
    @Test func streamsManyRowsWithEscapesAndNulls() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (n int NOT NULL, title text, note text)")
            let copied = try await connection.copyIn("COPY demand (n, title, note) FROM STDIN") { writer in
                for n in 0..<50_000 {
                    try await writer.writeRow([String(n), "需求 \(n)\ttab\nline\\back", n % 2 == 0 ? nil : "r\r"])
                }
            }
            #expect(copied == 50_000)
            let rows = try await connection.query("""
                SELECT count(*) AS n, count(note) AS notes, max(title) FILTER (WHERE n = 7) AS seventh FROM demand
                """)
            #expect(try rows[0].decode(Int.self, "n") == 50_000)
            #expect(try rows[0].decode(Int.self, "notes") == 25_000)
            #expect(try rows[0].decode(String.self, "seventh") == "需求 7\ttab\nline\\back")
        }
    }

    @Test func aThrowingWriterAbortsTheCopyAndLeavesNothing() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (n int NOT NULL)")
            await #expect(throws: Interrupted.self) {
                try await connection.copyIn("COPY demand FROM STDIN") { writer in
                    for n in 0..<100_000 { try await writer.writeRow([String(n)]) }
                    throw Interrupted()
                }
            }
            #expect(try await connection.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n") == 0)
            #expect(try await connection.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        }
    }

    @Test func badDataIsReportedWithItsSQLStateAndLine() async throws {
        try await TestDatabase.withFresh { configuration in
            let connection = try await Connection.connect(configuration)
            defer { Task { await connection.close() } }
            try await connection.execute("CREATE TABLE demand (n int NOT NULL)")
            let error = try await #require(throws: PostgresError.self) {
                try await connection.copyIn("COPY demand FROM STDIN (FORMAT csv)") { writer in
                    try await writer.write("1\n2\nthree\n4\n".utf8)
                }
            }
            #expect(error.sqlState == "22P02")
            #expect(error.message.contains("three"))
            #expect(try await connection.query("SELECT count(*) AS n FROM demand")[0].decode(Int.self, "n") == 0)
        }
    }

    @Test func copyRefusesBoundParameters() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        defer { Task { await connection.close() } }
        let error = try await #require(throws: PostgresError.self) {
            try await connection.copyIn("COPY t FROM STDIN WHERE x = \(1)") { _ in }
        }
        #expect(error.kind == .binding)
    }
}
