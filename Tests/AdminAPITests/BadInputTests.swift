import Foundation
@testable import AdminAPI
import HTTPTypes
import Testing

@Suite struct BadInputTests {
    @Test func malformedJSONWrongTypesAndMissingFieldsAreNamed() async throws {
        try await APIFixture.with { f, client in
            let path = "/v1/tenants/langao/demands"
            let broken = try await client.send(.post, path, as: "admin", f, json: #"{"title": "灯"#)
            #expect(broken.status == .badRequest)
            #expect(broken.problem == "malformed-request")
            #expect(broken.headers[.contentType] == "application/problem+json")
            let array = try await client.send(.post, path, as: "admin", f, json: "[1, 2]")
            #expect(array.status == .unprocessableContent)
            let missing = try await client.send(.post, path, as: "admin", f, json: #"{"title": "灯"}"#)
            #expect(Set(missing.fieldErrors) == ["/category", "/org_code", "/quantity"])
            let wrongType = DemandRoutesTests.streetLight.replacingOccurrences(of: #""amount": "1""#, with: #""amount": "one""#)
            let typed = try await client.send(.post, path, as: "admin", f, json: wrongType)
            #expect(typed.status == .unprocessableContent)
            #expect(typed.fieldErrors == ["/quantity/amount"])
            // An amount is a decimal string in its unit: a JSON number (it used to mean fen) is
            // refused at its field, not read a hundredfold wrong.
            let number = DemandRoutesTests.streetLight.replacingOccurrences(of: #""amount": "1""#, with: #""amount": 1"#)
            #expect(try await client.send(.post, path, as: "admin", f, json: number).fieldErrors == ["/quantity/amount"])
            let fen = #"{"title": "修路", "category": "roads", "org_code": "G11", "quantity": {"amount": 150000, "unit": "yuan"}}"#
            #expect(try await client.send(.post, path, as: "admin", f, json: fen).fieldErrors == ["/quantity/amount"])
            let fraction = DemandRoutesTests.streetLight.replacingOccurrences(of: #""amount": "1""#, with: #""amount": "1.5""#)
            #expect(try await client.send(.post, path, as: "admin", f, json: fraction).fieldErrors == ["/quantity/amount"])
            let badUnit = DemandRoutesTests.streetLight.replacingOccurrences(of: #""job""#, with: #""bushels""#)
            #expect(try await client.send(.post, path, as: "admin", f, json: badUnit).fieldErrors == ["/quantity/unit"])
            let zero = DemandRoutesTests.streetLight.replacingOccurrences(of: #""amount": "1""#, with: #""amount": "0""#)
            #expect(try await client.send(.post, path, as: "admin", f, json: zero).status == .unprocessableContent)
            let badDate = #"{"due_on": "2026-02-30", "# + DemandRoutesTests.streetLight.dropFirst()
            #expect(try await client.send(.post, path, as: "admin", f, json: badDate).fieldErrors == ["/due_on"])
            let longTitle = DemandRoutesTests.streetLight.replacingOccurrences(of: "楼道灯不亮", with: String(repeating: "长", count: 201))
            let long = try await client.send(.post, path, as: "admin", f, json: longTitle)
            #expect(long.status == .unprocessableContent)
            #expect(long.fieldErrors == ["/title"])
            let nested = DemandRoutesTests.streetLight.replacingOccurrences(of: #""unit": "job""#, with: #""unit": "job", "colour": "red""#)
            #expect(try await client.send(.post, path, as: "admin", f, json: nested).fieldErrors == ["/quantity/colour"])
            // A key holding "/" or "~" is named as RFC 6901 escapes it (the JSON fuzzer's find).
            let slashed = #"{"a/b~c": 1, "# + DemandRoutesTests.streetLight.dropFirst()
            #expect(try await client.send(.post, path, as: "admin", f, json: slashed).fieldErrors == ["/a~1b~0c"])
            let badQuery = try await client.send(.get, "\(path)?filed_from=yesterday", as: "admin", f)
            #expect(badQuery.fieldErrors == ["query:filed_from"])
            // None of it wrote anything, and no answer leaked SQL.
            #expect(try await f.total("demand") == 0)
            for reply in [broken, array, missing, typed, long] { #expect(!reply.text.contains("INSERT") && !reply.text.contains("SELECT")) }
        }
    }

    /// 404 is for the record the path names; a key in the body or the query that names no
    /// record is a 422 at that field, as the import names its column.
    @Test func anUnknownReferenceIsTheFieldsFaultNotAMissingRoute() async throws {
        try await APIFixture.with { f, client in
            let base = "/v1/tenants/langao"
            let project = try await client.send(.post, "\(base)/projects", as: "admin", f,
                                                json: #"{"title": "修路", "responsible_unit": "NO-UNIT", "demands": ["NO-DEMAND"]}"#)
            #expect(project.status == .unprocessableContent)
            #expect(project.fieldErrors == ["/responsible_unit"])
            #expect(project.text.contains("NO-UNIT"))
            let demand = try await client.send(.post, "\(base)/demands", as: "admin", f,
                                               json: DemandRoutesTests.streetLight.replacingOccurrences(of: "G11", with: "NO-PLACE"))
            #expect(demand.fieldErrors == ["/org_code"])
            let listed = try await client.send(.get, "\(base)/resources?unit=NO-UNIT", as: "viewer", f)
            #expect(listed.status == .unprocessableContent)
            #expect(listed.fieldErrors == ["query:unit"])
            // The path's own record stays a 404, even when the body repeats its key.
            let milestone = try await client.send(.post, "\(base)/projects/NO-PROJECT/milestones", as: "admin", f, json: #"{"title": "NO-PROJECT"}"#)
            #expect(milestone.status == .notFound)
            #expect(try await f.total("project") == 0)
        }
    }

    @Test func injectionPayloadsAreStoredVerbatimAndNeverRun() async throws {
        try await APIFixture.with { f, client in
            let payloads = [
                "'); DROP TABLE demand; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x}", "\\x00\\' ; SELECT pg_sleep(5)",
                "Robert'); DELETE FROM audit_log; --",
            ]
            for payload in payloads {
                let body: [String: Any] = [
                    "title": payload, "description": payload, "category": "housing_repair", "org_code": "G11",
                    "external_id": "x" + payload, "quantity": ["amount": "1", "unit": "job"],
                ]
                let data = try JSONSerialization.data(withJSONObject: body)
                let created = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: String(decoding: data, as: UTF8.self))
                #expect(created.status == .created, "\(payload): \(created.text)")
                let demand = created.json["demand"] as? [String: Any]
                #expect(demand?["title"] as? String == payload)
                #expect(demand?["description"] as? String == payload)
                let search = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let found = try await client.send(.get, "/v1/tenants/langao/demands?q=\(search)", as: "viewer", f)
                #expect((found.json["items"] as? [[String: Any]])?.contains { $0["title"] as? String == payload } == true, "\(payload)")
            }
            #expect(try await f.total("demand") == payloads.count)
        }
    }

    @Test func bodiesOverTheLimitAre413AndNothingIsRead() async throws {
        try await APIFixture.with(configuration: APIConfiguration(bodyLimit: 4096)) { f, client in
            let huge = DemandRoutesTests.streetLight.replacingOccurrences(of: "楼道灯不亮", with: String(repeating: "a", count: 10_000))
            let reply = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: huge)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.problem == "too-large")
            #expect(try await f.total("demand") == 0)
        }
    }

    @Test func aTokenOverItsRateGets429WithRetryAfter() async throws {
        try await APIFixture.with(configuration: APIConfiguration(rateBurst: 3, ratePerSecond: 0.01)) { f, client in
            for _ in 0..<3 { #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: "viewer", f).status == .ok) }
            let limited = try await client.send(.get, "/v1/tenants/langao/demands", as: "viewer", f)
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Another token has its own bucket.
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: "admin", f).status == .ok)
        }
    }

    @Test func guessingTokensIsLimitedToo() async throws {
        try await APIFixture.with(configuration: APIConfiguration(failedLoginBurst: 5, failedLoginsPerSecond: 0.001)) { f, client in
            var statuses: [HTTPResponse.Status] = []
            for n in 0..<8 {
                statuses.append(try await client.send(.get, "/v1/tenants/langao/demands", as: "grt_guess\(n)", f).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.suffix(3).allSatisfy { $0 == .tooManyRequests })
            // A valid token is not held back by someone else's guessing.
            #expect(try await client.send(.get, "/v1/tenants/langao/demands", as: "viewer", f).status == .ok)
        }
    }

    @Test func readyIsServiceUnavailableWhileMigrationsArePending() async throws {
        try await APIFixture.with(pending: { ["core/0099_future"] }) { f, client in
            #expect(try await client.send(.get, "/health", as: nil, f).status == .ok)
            let ready = try await client.send(.get, "/ready", as: nil, f)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.json["pending_migrations"] as? [String] == ["core/0099_future"])
        }
    }
}

/// A new record's problems come all at once, its unknown references among them.
@Suite struct AllProblemsAtOnceTests {
    @Test func aDemandsAndAResourcesUnknownReferencesComeWithTheirOtherProblems() async throws {
        try await APIFixture.with { f, client in
            let demand = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: """
                {"title": "路灯", "category": "no_such", "org_code": "NOPE", "quantity": {"amount": "1", "unit": "job"}}
                """)
            #expect(demand.status == .unprocessableContent)
            #expect(Set(demand.fieldErrors) == ["/category", "/org_code"], "\(demand.text)")
            let resource = try await client.send(.post, "/v1/tenants/langao/resources", as: "admin", f, json: """
                {"unit": "NO-UNIT", "title": "资金", "category": "no_such", "kind": "funds", "capacity": "1.00", "measure_unit": "yuan",
                 "service_area": ["C1", "NOPE"]}
                """)
            #expect(resource.status == .unprocessableContent)
            #expect(Set(resource.fieldErrors) == ["/unit", "/category", "/service_area"], "\(resource.text)")
            #expect(try await f.total("demand") == 0)
            #expect(try await f.total("resource") == 0)
        }
    }
}
