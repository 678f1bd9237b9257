import Foundation
import HTTPTypes
import Postgres
import RegistryStore
import Testing

@Suite struct IdempotencyTests {
    @Test func aRetriedPostGivesTheFirstAnswerAndCreatesNothingNew() async throws {
        try await APIFixture.with { f, client in
            let key = ["Idempotency-Key": "intake-7f3a"]
            let first = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key)
            let retry = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key)
            #expect(first.status == .created)
            #expect(retry.status == .created)
            // The same answer: the same JSON (keys come in no fixed order).
            #expect(try retry.canonicalJSON == first.canonicalJSON)
            #expect(retry.headers[.location] == first.headers[.location])
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await f.total("demand") == 1)
            // The same key with another body is a mistake, not a retry.
            let other = DemandRoutesTests.streetLight.replacingOccurrences(of: "楼道灯不亮", with: "另一件事")
            let misuse = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: other, headers: key)
            #expect(misuse.status == .conflict)
            // Keys are per account: the staff member's identical key is a different write.
            let staff = try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: DemandRoutesTests.streetLight, headers: key)
            #expect(staff.status == .created)
            #expect(try await f.total("demand") == 2)
        }
    }

    @Test func concurrentRetriesCreateOneDemand() async throws {
        try await APIFixture.with { f, client in
            let replies = try await withThrowingTaskGroup(of: APIReply.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight,
                                              headers: ["Idempotency-Key": "burst-1"])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == .created })
            #expect(Set(try replies.map { try $0.canonicalJSON }).count == 1)
            #expect(try await f.total("demand") == 1)
        }
    }

    @Test func aFailedWriteLeavesNoKeySoTheRetryRunsAgain() async throws {
        try await APIFixture.with { f, client in
            let key = ["Idempotency-Key": "after-fix"]
            let wrongPlace = DemandRoutesTests.streetLight.replacingOccurrences(of: "G11", with: "NOPE")
            let failed = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: wrongPlace, headers: key)
            // An unknown place in the body is the body's fault (422 at the field), not a 404.
            #expect(failed.status == .unprocessableContent)
            #expect(failed.fieldErrors == ["/org_code"])
            #expect(try await f.total("idempotency_key") == 0)
            let moved = try await client.send(.post, "/v1/tenants/langao/demands/1/transitions", as: "admin", f, json: #"{"to": "accepted"}"#, headers: key)
            #expect(moved.status == .notFound)
            let filed = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key)
            #expect(filed.status == .created)
            #expect(try await f.total("idempotency_key") == 1)
        }
    }

    @Test func concurrentStaleUpdatesLetExactlyOneThrough() async throws {
        try await APIFixture.with { f, client in
            let created = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight)
            let id = try #require((created.json["demand"] as? [String: Any])?["id"] as? Int)
            let etag = try #require(created.headers[.eTag])
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for n in 0..<6 {
                    group.addTask {
                        try await client.send(.patch, "/v1/tenants/langao/demands/\(id)", as: "admin", f,
                                              json: #"{"priority": \#(n % 5 + 1)}"#, headers: ["If-Match": etag]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 5)
        }
    }

    @Test func expiredKeysAreSweptAndCanBeUsedAgain() async throws {
        try await APIFixture.with { f, client in
            let key = ["Idempotency-Key": "old-key"]
            #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key).status == .created)
            #expect(try await IdempotencyKeys.sweep(f.database) == 0)
            try await f.database.operatorPool.execute("UPDATE idempotency_key SET created_at = now() - interval '25 hours'")
            #expect(try await IdempotencyKeys.sweep(f.database) == 1)
            #expect(try await f.total("idempotency_key") == 0)
            #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight, headers: key).status == .created)
            #expect(try await f.total("demand") == 2)
        }
    }
}

extension APIReply {
    /// The body's JSON with its keys sorted: two answers are the same when these are.
    var canonicalJSON: String {
        get throws { String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self) }
    }
}
