import AdminAPI
import Foundation
import GovregTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Points
import Postgres
import Registry
import RegistryStore
import Testing

/// The points routes through the real API: langao has the module (the fixture's rules and
/// households: H001 in G11 under C1, H002 in C2), pingli has not; tokens for an admin, a
/// community staff member bound to C1, a viewer, and pingli's admin.
@Suite struct PointsHTTPTests {
    struct Reply {
        var status: HTTPResponse.Status
        var text: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    static func with(_ body: @escaping @Sendable (PointsFixture, [String: String], [String: Int64], any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration, maxConnections: 12)
            do {
                let pingli = try await TestDistrict.create("pingli", "610926", in: f.database, actor: "test:api")
                let accounts = AccountStore(database: f.database)
                var tokens: [String: String] = [:]
                for (name, role, tenant, org) in [("admin", AccountRole.districtAdmin, f.tenant, nil), ("staff", .communityStaff, f.tenant, "C1"),
                                                  ("viewer", .viewer, f.tenant, nil), ("pingliadmin", .districtAdmin, pingli, nil)] as [(String, AccountRole, UUID, String?)] {
                    let login = try AccountLogin(name)
                    _ = try await accounts.create(AccountDraft(login: login, displayName: name, role: role, orgCode: org), tenant: tenant, actor: "cli:tests")
                    tokens[name] = try await accounts.issueToken(for: login, label: "tests", days: 1, actor: "cli:tests").secret
                }
                let ids = try await f.read { tx in
                    Dictionary(uniqueKeysWithValues: try await PointsStore.holders(in: tx).map { ($0.code, $0.id) })
                }
                var logger = Logger(label: "govreg.points.tests")
                logger.logLevel = .critical
                let app = buildApplication(database: f.database, configuration: APIConfiguration(), logger: logger, pendingMigrations: { [] })
                let secrets = tokens
                try await app.test(.router) { client in try await body(f, secrets, ids, client) }
                await f.close()
            } catch {
                await f.close()
                throw error
            }
        }
    }

    @Test func awardRedeemStatementAndRulesOverHTTP() async throws {
        try await Self.with { f, tokens, ids, client in
            func send(_ method: HTTPRequest.Method, _ path: String, as who: String, _ json: String? = nil) async throws -> Reply {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(tokens[who] ?? who)"
                if json != nil { headers[.contentType] = "application/json" }
                let uri = path.hasPrefix("/") ? path : "/v1/tenants/langao/modules/points/" + path
                let reply = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
                    Reply(status: response.status, text: String(buffer: response.body))
                }
                #expect(reply.status.code < 500, "\(method) \(uri): \(reply.text)")
                return reply
            }
            let h1 = ids["H001"]!, h2 = ids["H002"]!

            // Rules: anyone of the district reads them; only an admin sets them.
            let rules = try await send(.get, "rules", as: "viewer")
            #expect(rules.status == .ok && (rules.json as? [[String: Any]])?.count == 2)
            let rule = #"{"kind": "litter_picking", "chinese_name": "义务捡拾垃圾", "points_per_unit": 1, "cap_per_period": 10}"#
            #expect(try await send(.post, "rules", as: "staff", rule).status == .forbidden)
            #expect(try await send(.post, "rules", as: "admin", rule).status == .created)
            for bad in [#"{"kind": "Litter", "chinese_name": "垃圾", "points_per_unit": 1}"#, #"{"kind": "litter_picking", "chinese_name": "垃圾", "points_per_unit": 0}"#,
                        #"{"kind": "litter_picking", "chinese_name": "垃圾"}"#, #"{"kind": "litter_picking", "chinese_name": "垃圾", "points_per_unit": 1, "colour": "red"}"#,
                        #"{"kind": "litter_picking", "chinese_name": "垃圾", "points_per_unit": "many"}"#, "[1, 2]"] {
                #expect(try await send(.post, "rules", as: "admin", bad).status == .unprocessableContent, "\(bad)")
            }

            // Registering: staff only within their community.
            #expect(try await send(.post, "holders", as: "staff", #"{"code": "H010", "place": "G12", "display_name": "李桂兰"}"#).status == .created)
            #expect(try await send(.post, "holders", as: "staff", #"{"code": "H011", "place": "C2"}"#).status == .forbidden)
            #expect(try await send(.post, "holders", as: "admin", #"{"code": "H010", "place": "C2"}"#).status == .conflict)
            #expect(try await send(.post, "holders", as: "admin", #"{"code": "H 012", "place": "C2"}"#).status == .unprocessableContent)
            #expect([404, 422].contains(try await send(.post, "holders", as: "admin", #"{"code": "H012", "place": "NOPE"}"#).status.code))
            #expect([400, 422].contains(try await send(.post, "rules", as: "admin", "{").status.code))
            #expect(try await send(.get, "holders", as: "viewer").status == .forbidden)   // names are for those who serve
            #expect(try await send(.get, "holders?place=C1", as: "staff").text.contains("H010"))

            // Awards: by the rule table, once per occasion; staff only for households they serve.
            let award = try await send(.post, "holders/\(h1)/awards", as: "staff", #"{"kind": "volunteer_hours", "quantity": 3, "occasion": "sweep:2024-05-04", "on": "2024-05-04"}"#)
            #expect(award.status == .created && (award.object["line"] as? [String: Any])?["points"] as? Int == 6, "\(award.text)")
            let replay = try await send(.post, "holders/\(h1)/awards", as: "staff", #"{"kind": "volunteer_hours", "quantity": 3, "occasion": "sweep:2024-05-04", "on": "2024-05-04"}"#)
            #expect(replay.status == .ok && replay.object["already_heard"] as? Bool == true, "\(replay.text)")
            #expect(try await send(.post, "holders/\(h2)/awards", as: "staff", #"{"kind": "volunteer_hours"}"#).status == .forbidden)
            #expect(try await send(.post, "holders/\(h2)/awards", as: "admin", #"{"kind": "micro_wish_fulfilled", "on": "2024-05-06"}"#).status == .created)
            #expect(try await send(.post, "holders/\(h1)/awards", as: "admin", #"{"kind": "volunteer_hours", "quantity": 20, "on": "2024-05-07"}"#).status == .created)   // capped to 14
            #expect(try await send(.post, "holders/\(h1)/awards", as: "admin", #"{"kind": "volunteer_hours", "on": "2024-05-08"}"#).status == .conflict)   // cap reached
            #expect(try await send(.post, "holders/\(h1)/awards", as: "admin", #"{"kind": "no_such_kind"}"#).status == .unprocessableContent)
            for bad in [#"{}"#, #"{"kind": "volunteer_hours", "quantity": 0}"#, #"{"kind": "volunteer_hours", "quantity": "two"}"#,
                        #"{"kind": "volunteer_hours", "on": "2024-13-01"}"#, #"{"kind": "volunteer_hours", "extra": 1}"#] {
                #expect(try await send(.post, "holders/\(h1)/awards", as: "admin", bad).status == .unprocessableContent, "\(bad)")
            }
            #expect(try await send(.post, "holders/abc/awards", as: "admin", #"{"kind": "volunteer_hours"}"#).status == .notFound)
            #expect(try await send(.post, "holders/999999/awards", as: "admin", #"{"kind": "volunteer_hours"}"#).status == .notFound)

            // Redemptions never overdraw: H001 holds 20.
            let over = try await send(.post, "holders/\(h1)/redemptions", as: "staff", #"{"points": 21, "item": "大米 5kg", "on": "2024-06-01"}"#)
            #expect(over.status == .conflict && over.text.contains("20"), "\(over.text)")
            let redeemed = try await send(.post, "holders/\(h1)/redemptions", as: "staff", #"{"points": 15, "item": "大米 5kg", "on": "2024-06-01"}"#)
            #expect(redeemed.status == .created && redeemed.object["balance_after"] as? Int == 5, "\(redeemed.text)")
            for bad in [#"{"points": 0, "item": "油"}"#, #"{"points": 1}"#, #"{"points": 1, "item": ""}"#, #"{"points": -5, "item": "油"}"#] {
                #expect(try await send(.post, "holders/\(h1)/redemptions", as: "admin", bad).status == .unprocessableContent, "\(bad)")
            }

            // Statements: by month, by code only.
            let may = try await send(.get, "holders/\(h1)/statement?month=2024-05", as: "viewer")
            #expect(may.status == .ok && may.object["opening"] as? Int == 0 && may.object["closing"] as? Int == 20, "\(may.text)")
            let june = try await send(.get, "holders/\(h1)/statement?month=2024-06", as: "viewer")
            #expect(june.object["opening"] as? Int == 20 && june.object["closing"] as? Int == 5 && june.object["redeemed"] as? Int == 15)
            #expect(!may.text.contains("王秀英") && !june.text.contains("王秀英"))
            #expect(try await send(.get, "holders/\(h1)/statement?month=May", as: "viewer").status == .unprocessableContent)
            #expect(try await send(.get, "holders/999999/statement", as: "viewer").status == .notFound)

            // The period's totals: by kind, no holder in them.
            let summary = try await send(.get, "summary?from=2024-05-01&to=2024-06-30", as: "viewer")
            #expect(summary.status == .ok && summary.object["issued"] as? Int == 25 && summary.object["redeemed"] as? Int == 15, "\(summary.text)")
            #expect(!summary.text.contains("H00") && !summary.text.contains("王秀英"))
            #expect(try await send(.get, "summary?from=someday", as: "viewer").status == .unprocessableContent)

            // Another district: its admin cannot reach langao's, and where the module is off it is not there.
            #expect(try await send(.get, "rules", as: "pingliadmin").status.code >= 400)
            #expect(try await send(.get, "/v1/tenants/pingli/modules/points/rules", as: "pingliadmin").status == .notFound)
            #expect(try await f.count("points_ledger") == 4)
        }
    }

    @Test func theReportAndTheConsolePageShowTotalsByKindAndNoHolder() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            try await f.emit(CivicAct(kind: "volunteer_hours", holder: "H001", quantity: 4, occasion: "hours:1"),
                             CivicAct(kind: "micro_wish_fulfilled", holder: "H002", occasion: "wish:1"),
                             CivicAct(kind: "micro_wish_fulfilled", holder: "H404", occasion: "wish:2"))
            try await f.write { tx in _ = try await PointsStore.redeem(holder: "H001", points: 3, item: "毛巾", in: tx) }
            let today = try await f.read { tx in try tx.today() }
            let sections = try await f.read { tx in try await ModuleStore.reportSections(from: today, to: today, in: tx) }
            let figures = Dictionary(uniqueKeysWithValues: sections[0].figures.map { ($0.label, $0.value) })
            #expect(sections.map(\.module) == [PointsModule.moduleID])
            #expect(figures["发放积分 points issued"] == "13" && figures["兑换积分 points redeemed"] == "3" && figures["未发放事项 acts not paid"] == "1")
            #expect(figures["发放·志愿服务（小时） issued for volunteer_hours"] == "8 (1 次 awards)")
            let page = try #require(PointsModule().contributions.compactMap { $0 as? any ModuleConsolePages }.first?.pages.first)
            let content = try await f.read { tx in try await page.read([:], tx) }
            let text = content.sections.flatMap { $0.rows.flatMap { $0 } + $0.facts.map(\.value) }.joined(separator: " ")
            #expect(content.sections.count == 2 && content.sections[0].rows.count == 2 && text.contains("13"))
            for personal in ["H001", "H002", "王秀英"] {
                #expect(!text.contains(personal) && !sections.description.contains(personal))
            }
            await #expect(throws: RegistryError.self) { try await f.read { tx in try await page.read(["month": "soon"], tx) } }
        }
    }
}
