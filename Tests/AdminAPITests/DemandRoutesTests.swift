import Foundation
import HTTPTypes
import Testing

@Suite struct DemandRoutesTests {
    static let streetLight = #"{"title": "楼道灯不亮", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1", "unit": "job"}}"#

    @Test func fileReadListAndEditWithTheRowVersion() async throws {
        try await APIFixture.with { f, client in
            let created = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: Self.streetLight)
            #expect(created.status == .created)
            let demand = try #require(created.json["demand"] as? [String: Any])
            let id = try #require(demand["id"] as? Int)
            #expect(demand["state"] as? String == "submitted")
            // The demand under the names its input uses, without internal keys (the district is
            // the caller's own; org_code names the place beside).
            #expect(demand["tenant"] == nil && demand["org_unit"] == nil && demand["details"] == nil)
            #expect(created.json["org_code"] as? String == "G11")
            #expect(created.headers[.location] == "/v1/tenants/langao/demands/\(id)")
            let etag = try #require(created.headers[.eTag])

            let read = try await client.send(.get, "/v1/tenants/langao/demands/\(id)", as: "viewer", f)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == etag)
            // By its external id too, as resources and projects are; an unknown one is a 404.
            let external = try #require((read.json["demand"] as? [String: Any])?["external_id"] as? String)
            let byKey = try await client.send(.get, "/v1/tenants/langao/demands/\(external)", as: "viewer", f)
            #expect(byKey.status == .ok && (byKey.json["demand"] as? [String: Any])?["id"] as? Int == id)
            #expect(try await client.send(.get, "/v1/tenants/langao/demands/NO-SUCH", as: "viewer", f).status == .notFound)

            let list = try await client.send(.get, "/v1/tenants/langao/demands?state=submitted&under=C1", as: "viewer", f)
            #expect((list.json["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            // Only partly served demands have an unmet remainder (DemandRemainderTests): none yet.
            let unmet = try await client.send(.get, "/v1/tenants/langao/demands?unmet=true", as: "viewer", f)
            #expect(unmet.status == .ok && (unmet.json["items"] as? [Any])?.isEmpty == true)

            // No If-Match: 428. A stale one: 412 and nothing changes. The current one: 200 and a new ETag.
            let edit = #"{"title": "楼道灯和门禁都坏了", "priority": 4}"#
            let unconditional = try await client.send(.patch, "/v1/tenants/langao/demands/\(id)", as: "admin", f, json: edit)
            #expect(unconditional.status == .preconditionRequired)
            let stale = try await client.send(.patch, "/v1/tenants/langao/demands/\(id)", as: "admin", f, json: edit, headers: ["If-Match": "\"99\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.problem == "stale-version")
            let edited = try await client.send(.patch, "/v1/tenants/langao/demands/\(id)", as: "admin", f, json: edit, headers: ["If-Match": etag])
            #expect(edited.status == .ok)
            #expect((edited.json["demand"] as? [String: Any])?["title"] as? String == "楼道灯和门禁都坏了")
            #expect(edited.headers[.eTag] != etag)
            let again = try await client.send(.patch, "/v1/tenants/langao/demands/\(id)", as: "admin", f, json: edit, headers: ["If-Match": etag])
            #expect(again.status == .preconditionFailed)
        }
    }

    @Test func workflowAndEscalationOverHTTP() async throws {
        try await APIFixture.with { f, client in
            let created = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: Self.streetLight)
            let id = try #require((created.json["demand"] as? [String: Any])?["id"] as? Int)
            let path = "/v1/tenants/langao/demands/\(id)"
            let illegal = try await client.send(.post, "\(path)/transitions", as: "admin", f, json: #"{"to": "rated"}"#)
            #expect(illegal.status == .conflict)
            #expect(illegal.problem == "illegal-transition")
            let noReason = try await client.send(.post, "\(path)/transitions", as: "admin", f, json: #"{"to": "rejected"}"#)
            #expect(noReason.status == .unprocessableContent)
            let accepted = try await client.send(.post, "\(path)/transitions", as: "admin", f, json: #"{"to": "accepted", "note": "列入清单"}"#)
            #expect(accepted.status == .ok)
            #expect((accepted.json["demand"] as? [String: Any])?["state"] as? String == "accepted")
            let up = try await client.send(.post, "\(path)/escalations", as: "staff", f, json: #"{"to": "street", "reason": "涉及多个部门"}"#)
            #expect(up.status == .ok)
            #expect((up.json["demand"] as? [String: Any])?["escalation_level"] as? String == "street")
            // Escalation has no row version to compare: an If-Match is refused, not ignored.
            let conditional = try await client.send(.post, "\(path)/escalations", as: "admin", f,
                                                    json: #"{"to": "district", "reason": "区级统筹"}"#, headers: ["If-Match": "\"1\""])
            #expect(conditional.fieldErrors == ["header:If-Match"])
            let down = try await client.send(.post, "\(path)/escalations", as: "admin", f, json: #"{"to": "grid", "reason": "退回"}"#)
            #expect(down.status == .conflict)
            // Frozen once matched or later: the edit is refused by state.
            _ = try await client.send(.post, "\(path)/transitions", as: "admin", f, json: #"{"to": "matched"}"#)
            let read = try await client.send(.get, path, as: "admin", f)
            let late = try await client.send(.patch, path, as: "admin", f, json: #"{"title": "改"}"#, headers: ["If-Match": read.headers[.eTag] ?? ""])
            #expect(late.status == .conflict)
        }
    }

    @Test func keysetPagesNeitherRepeatNorSkipWhileDemandsArrive() async throws {
        try await APIFixture.with { f, client in
            for n in 1...7 {
                let body = Self.streetLight.replacingOccurrences(of: "楼道灯不亮", with: "需求\(n)")
                #expect(try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: body).status == .created)
            }
            var seen: [Int] = []
            var cursor: Int?
            repeat {
                let page = try await client.send(.get, "/v1/tenants/langao/demands?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), as: "viewer", f)
                #expect(page.status == .ok)
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                cursor = page.json["next_cursor"] as? Int
                // A demand filed between pages lands on a fresh first page, not in this walk.
                _ = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: Self.streetLight)
            } while cursor != nil
            #expect(seen.count == 7)
            #expect(seen == seen.sorted(by: >))
            #expect(Set(seen).count == 7)
            let badLimit = try await client.send(.get, "/v1/tenants/langao/demands?limit=5000", as: "viewer", f)
            #expect(badLimit.status == .unprocessableContent)
            #expect(badLimit.fieldErrors == ["query:limit"])
        }
    }

    @Test func communityStaffWriteOnlyInTheirSubtree() async throws {
        try await APIFixture.with { f, client in
            let inside = try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: Self.streetLight)
            #expect(inside.status == .created)
            let elsewhere = Self.streetLight.replacingOccurrences(of: "G11", with: "C3")
            let outside = try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: elsewhere)
            #expect(outside.status == .forbidden)
            #expect(outside.problem == "outside-subtree")
            let theirs = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: elsewhere)
            let id = try #require((theirs.json["demand"] as? [String: Any])?["id"] as? Int)
            let move = try await client.send(.post, "/v1/tenants/langao/demands/\(id)/transitions", as: "staff", f, json: #"{"to": "accepted"}"#)
            #expect(move.status == .forbidden)
            // Reading is not limited.
            #expect(try await client.send(.get, "/v1/tenants/langao/demands/\(id)", as: "staff", f).status == .ok)
            let viewer = try await client.send(.post, "/v1/tenants/langao/demands", as: "viewer", f, json: Self.streetLight)
            #expect(viewer.status == .forbidden)
            #expect(viewer.problem == "forbidden")
        }
    }
}

/// An escalation reaches someone: `assigned_to_me` is the caller's desk (open demands under
/// their org unit at its level), and `level` filters by escalation level.
@Suite struct DemandDeskTests {
    @Test func anEscalatedDemandIsOnTheDeskOfTheLevelItWasEscalatedTo() async throws {
        try await APIFixture.with { f, client in
            let base = "/v1/tenants/langao/demands"
            var ids: [Int] = []
            for _ in 0..<3 {
                let filed = try await client.send(.post, base, as: "admin", f, json: DemandRoutesTests.streetLight)
                ids.append(try #require((filed.json["demand"] as? [String: Any])?["id"] as? Int))
            }
            // One escalated to the community (C1, whose staff the fixture binds), one to the district.
            let toCommunity = try await client.send(.post, "\(base)/\(ids[0])/escalations", as: "admin", f,
                                                    json: #"{"to": "community", "reason": "网格无法解决"}"#)
            #expect(toCommunity.status.code < 300, "\(toCommunity.text)")
            let toDistrict = try await client.send(.post, "\(base)/\(ids[1])/escalations", as: "admin", f,
                                                   json: #"{"to": "district", "reason": "跨部门"}"#)
            #expect(toDistrict.status.code < 300, "\(toDistrict.text)")
            func listed(_ query: String, as role: String) async throws -> [Int] {
                let page = try await client.send(.get, "\(base)?\(query)", as: role, f)
                #expect(page.status == .ok, "\(query): \(page.text)")
                return ((page.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
            }
            #expect(try await listed("assigned_to_me=true", as: "staff") == [ids[0]])
            #expect(try await listed("assigned_to_me=true", as: "admin") == [ids[1]])
            #expect(try await listed("level=grid", as: "viewer") == [ids[2]])
            #expect(try await listed("level=community&open=true", as: "viewer") == [ids[0]])
        }
    }
}
