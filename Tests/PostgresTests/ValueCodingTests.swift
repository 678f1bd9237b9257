import Foundation
import GovregTestSupport
import Postgres
import Testing

private struct Settings: Codable, Sendable, Equatable {
    var name: String
    var deadlineDays: Int
}

@Suite struct ValueCodingTests {
    private func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(
        _ value: T, as type: String
    ) async throws -> T {
        let connection = try await Connection.connect(TestDatabase.server)
        defer { Task { await connection.close() } }
        let rows = try await connection.query("SELECT \(value)::\(unsafeRaw: type) AS v")
        return try rows[0].decode(T.self, "v")
    }

    @Test func scalarsRoundTrip() async throws {
        #expect(try await roundTrip("岚皋县 Langao, \"quoted\" \\ back", as: "text") == "岚皋县 Langao, \"quoted\" \\ back")
        #expect(try await roundTrip(Int.max, as: "bigint") == Int.max)
        #expect(try await roundTrip(Int64.min, as: "bigint") == Int64.min)
        #expect(try await roundTrip(Int32(-7), as: "integer") == -7)
        #expect(try await roundTrip(Int16(300), as: "smallint") == 300)
        #expect(try await roundTrip(0.1 + 0.2, as: "float8") == 0.1 + 0.2)
        #expect(try await roundTrip(Double.infinity, as: "float8") == .infinity)
        #expect(try await roundTrip(true, as: "boolean") == true)
        #expect(try await roundTrip(false, as: "boolean") == false)
        let id = UUID()
        #expect(try await roundTrip(id, as: "uuid") == id)
        let bytes = Data([0, 1, 2, 0xfe, 0xff, 0x5c])
        #expect(try await roundTrip(bytes, as: "bytea") == bytes)
    }

    @Test func datesRoundTripToTheMicrosecond() async throws {
        for seconds in [0.0, 1_709_627_400.123456, -86_400.5, 4_102_444_800.000001] {
            let date = Date(timeIntervalSince1970: seconds)
            let back = try await roundTrip(date, as: "timestamptz")
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000001)
        }
        let connection = try await Connection.connect(TestDatabase.server)
        let rows = try await connection.query("SELECT date '2024-03-05' AS d, timestamptz '2024-03-05 08:00:00+08' AS t")
        #expect(try rows[0].decode(Date.self, "d") == Date(timeIntervalSince1970: 1_709_596_800))
        #expect(try rows[0].decode(Date.self, "t") == Date(timeIntervalSince1970: 1_709_596_800))
        await connection.close()
    }

    @Test func jsonDocumentsRoundTrip() async throws {
        let settings = JSONDocument(Settings(name: "板凳会", deadlineDays: 7))
        let back = try await roundTrip(settings, as: "jsonb")
        #expect(back.value == settings.value)
    }

    @Test func optionalsBindAndDecodeAsNull() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        defer { Task { await connection.close() } }
        let missing: Int? = nil
        let rows = try await connection.query("SELECT \(missing)::bigint AS n, \(Int?.some(3))::bigint AS m")
        #expect(try rows[0].decode(Int?.self, "n") == nil)
        #expect(try rows[0].decode(Int?.self, "m") == 3)
        let error = try #require(throws: PostgresError.self) { try rows[0].decode(Int.self, "n") }
        #expect(error.kind == .decoding)
        #expect(error.message.contains("\"n\" is NULL"))
    }

    @Test func arraysRoundTrip() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        defer { Task { await connection.close() } }
        let words = ["a", "b c", "逗号,", "{brace}", "quote\"", "back\\slash", "NULL", ""]
        let ids = [UUID(), UUID()]
        let rows = try await connection.query("""
            SELECT \(words) AS words, \([1, -2, 3]) AS numbers, \(ids) AS ids,
                   \([Int?.some(1), nil]) AS holes, \([String]()) AS empty, cardinality(\(words)) AS n
            """)
        #expect(try rows[0].decode([String].self, "words") == words)
        #expect(try rows[0].decode([Int].self, "numbers") == [1, -2, 3])
        #expect(try rows[0].decode([UUID].self, "ids") == ids)
        #expect(try rows[0].decode([Int?].self, "holes") == [1, nil])
        #expect(try rows[0].decode([String].self, "empty") == [])
        #expect(try rows[0].decode(Int.self, "n") == words.count)
    }

    @Test func mismatchedTypesNameTheColumnAndBothTypes() async throws {
        let connection = try await Connection.connect(TestDatabase.server)
        defer { Task { await connection.close() } }
        let rows = try await connection.query("SELECT 'x'::text AS label, 5000000000::bigint AS big")
        let wrongType = try #require(throws: PostgresError.self) { try rows[0].decode(Int.self, "label") }
        #expect(wrongType.kind == .decoding)
        #expect(wrongType.message.contains("\"label\""))
        #expect(wrongType.message.contains("text"))
        #expect(wrongType.message.contains("Int"))
        let overflow = try #require(throws: PostgresError.self) { try rows[0].decode(Int32.self, "big") }
        #expect(overflow.message.contains("out of range"))
        let missing = try #require(throws: PostgresError.self) { try rows[0].decode(Int.self, "nope") }
        #expect(missing.message.contains("no column \"nope\""))
        #expect(try rows[0].decode(String.self, at: 0) == "x")
    }

    @Test func sqlFragmentsComposeWithRenumberedParameters() async throws {
        var sql: SQL = "SELECT \(1) AS a"
        sql.append(", \(2) AS b")
        let nested: SQL = "SELECT \(10) AS x, (\("inner" as SQL)) AS y, \(20) AS z"
        #expect(sql.text == "SELECT $1 AS a, $2 AS b")
        #expect(nested.text == "SELECT $1 AS x, (inner) AS y, $2 AS z")
        let connection = try await Connection.connect(TestDatabase.server)
        let rows = try await connection.query(sql)
        #expect(try rows[0].decode(Int.self, "b") == 2)
        await connection.close()
    }
}
