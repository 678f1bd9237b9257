import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import AdminAPI
import GovregTestSupport
import Logging
import Postgres
import RegistryStore
import Synchronization
import Testing

/// A request's id: answered in `X-Request-Id`, present in its log lines (JSON ones
/// included), and carried by its transactions as `application_name`.
@Suite struct RequestTracingTests {
    @Test func aSaneRequestIDIsKeptAndAnyOtherReplaced() async throws {
        try await APIFixture.with { f, client in
            let kept = try await client.send(.get, "/health", as: nil, f, headers: ["X-Request-Id": "lb-7.a_b-42"])
            #expect(kept.headers[.requestID] == "lb-7.a_b-42")
            let longest = String(repeating: "a", count: 52)
            #expect(try await client.send(.get, "/health", as: nil, f, headers: ["X-Request-Id": longest]).headers[.requestID] == longest)
            for unsafe in ["has space", "semi;colon", String(repeating: "a", count: 53), "引号"] {
                let replaced = try await client.send(.get, "/health", as: nil, f, headers: ["X-Request-Id": unsafe])
                let given = try #require(replaced.headers[.requestID])
                #expect(given != unsafe && UUID(uuidString: given) != nil)
            }
            let none = try await client.send(.get, "/health", as: nil, f)
            #expect(UUID(uuidString: none.headers[.requestID] ?? "") != nil)
        }
    }

    @Test func transactionsInsideARequestCarryItsIDAsApplicationName() async throws {
        try await TestDatabase.withMigrated { connection in
            let database = RegistryDatabase(configuration: connection, maxConnections: 2)
            do {
                let tenant = try await TestDistrict.create("langao", "610925", in: database, actor: "test:tracing")
                let show: SQL = "SELECT current_setting('application_name') AS name"
                func names() async throws -> [String] {
                    let read = try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in
                        try await tx.connection.query(show)[0].decode(String.self, "name")
                    }
                    let write = try await database.withTenant(tenant, actor: "test") { tx in
                        try await tx.connection.query(show)[0].decode(String.self, "name")
                    }
                    let plain = try await database.operatorPool.transaction { try await $0.query(show)[0].decode(String.self, "name") }
                    return [read, write, plain]
                }
                let inside = try await TransactionLabel.$current.withValue("govreg req=trace-1") { try await names() }
                #expect(inside == ["govreg req=trace-1", "govreg req=trace-1", "govreg req=trace-1"])
                // Transaction-local: the same pooled sessions afterwards show their own name again.
                let outside = try await names()
                #expect(outside == Array(repeating: connection.applicationName, count: 3))
                let session = try await database.tenantPool.query(show)[0].decode(String.self, "name")
                #expect(session == connection.applicationName)
                // A label longer than PostgreSQL keeps is cut, not refused.
                let long = "govreg req=" + String(repeating: "x", count: 64)
                let cut = try await TransactionLabel.$current.withValue(long) { try await names() }
                #expect(cut.allSatisfy { $0.utf8.count == TransactionLabel.maximumLength && long.hasPrefix($0) })
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    @Test func jsonLogLinesAreObjectsWithTheRequestIDAndNoSecrets() async throws {
        let lines = LogLines()
        var logger = Logger(label: "govreg.http") { label in JSONLogHandler(label: label) { lines.append($0) } }
        logger.logLevel = .info
        try await APIFixture.with(logger: logger) { f, client in
            let reply = try await client.send(.get, "/v1/tenants/langao/demands?q=secret-query", as: "admin", f, headers: ["X-Request-Id": "json-log-1"])
            #expect(reply.status == .ok)
            let entries = lines.objects
            #expect(!entries.isEmpty)
            let request = try #require(entries.first { $0["request_id"] as? String == "json-log-1" })
            #expect(request["level"] as? String == "info" && request["label"] as? String == "govreg.http")
            #expect(request["message"] as? String == "request")
            #expect(request["route"] as? String == "/v1/tenants/{tenant}/demands")
            #expect(request["status"] as? Int == 200)
            #expect((request["time"] as? String)?.hasSuffix("Z") == true)
            // Neither the token nor the query string reaches the log.
            let text = lines.text
            #expect(!text.contains(try #require(f.tokens["admin"])) && !text.contains("secret-query"))
        }
    }

    @Test func theHandlerEscapesWhatItWrites() throws {
        let lines = LogLines()
        var logger = Logger(label: "govreg.test") { label in JSONLogHandler(label: label) { lines.append($0) } }
        logger[metadataKey: "request_id"] = "r-1"
        logger.warning("两行\n\"quoted\"\u{1}", metadata: ["count": .stringConvertible(3), "message": "shadowed", "list": ["a", "b"]])
        let text = lines.text
        #expect(text.filter { $0 == "\n" }.count == 1)
        // The fixed fields first, in this order, then the metadata by key.
        #expect(text.hasPrefix(#"{"time":""#) && text.contains(#""level":"warning","label":"govreg.test","message":"#))
        #expect(text.hasSuffix(#""request_id":"r-1"}"# + "\n"))
        let entry = try #require(lines.objects.first)
        #expect(entry["message"] as? String == "两行\n\"quoted\"\u{1}")
        #expect(entry["metadata.message"] as? String == "shadowed")
        #expect(entry["level"] as? String == "warning" && entry["request_id"] as? String == "r-1")
        #expect(entry["count"] as? Int == 3 && entry["list"] as? [String] == ["a", "b"])
    }
}

/// Log lines as a handler wrote them.
final class LogLines: Sendable {
    private let lines = Mutex<[Data]>([])

    func append(_ line: Data) { lines.withLock { $0.append(line) } }

    var text: String { lines.withLock { $0.map { String(decoding: $0, as: UTF8.self) }.joined() } }

    /// Each line parsed as a JSON object (a line that is not one fails the test).
    var objects: [[String: Any]] {
        lines.withLock { $0 }.compactMap { line in
            let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(String(decoding: line, as: UTF8.self))")
            return object
        }
    }
}
