import AdminAPI
import Deliberation
import Foundation
import GovregTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Postgres
import Registry
import RegistryStore
import Testing

/// The module's HTTP routes through the real API: langao (module enabled) with an admin and
/// a community staff member bound to C1, and pingli (module not enabled).
@Suite struct DeliberationRoutesTests {
    struct Reply {
        var status: HTTPResponse.Status
        var text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    }

    func withAPI(_ body: @escaping @Sendable (RegistryDatabase, [String: String], any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { connection in
            let database = RegistryDatabase(configuration: connection, maxConnections: 8, modules: try ModuleCatalogue([DeliberationModule()]))
            do {
                let langao = try await TestDistrict.create("langao", "610925", in: database, actor: "test:api")
                let pingli = try await TestDistrict.create("pingli", "610926", in: database, actor: "test:api")
                try await database.withTenant(langao, actor: "test:api") { tx in try await ModuleStore.enable(DeliberationModule.moduleID, in: tx) }
                let accounts = AccountStore(database: database)
                var tokens: [String: String] = [:]
                for (name, role, tenant, org) in [("admin", AccountRole.districtAdmin, langao, nil), ("staff", .communityStaff, langao, "C1"),
                                                  ("viewer", .viewer, langao, nil), ("pingli", .districtAdmin, pingli, nil)] as [(String, AccountRole, UUID, String?)] {
                    let login = try AccountLogin(name)
                    _ = try await accounts.create(AccountDraft(login: login, displayName: name, role: role, orgCode: org), tenant: tenant, actor: "cli:tests")
                    tokens[name] = try await accounts.issueToken(for: login, label: "tests", days: 1, actor: "cli:tests").secret
                }
                let issued = tokens
                var logger = Logger(label: "govreg.deliberation.tests")
                logger.logLevel = .warning
                let app = buildApplication(database: database, configuration: APIConfiguration(), logger: logger, pendingMigrations: { [] })
                try await app.test(.router) { client in try await body(database, issued, client) }
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    @Test func listSettingsTravelThroughTheAPIAndTheOpenAPIDocument() async throws {
        try await withAPI { _, tokens, client in
            func put(_ json: String) async throws -> Reply {
                var fields = HTTPFields()
                fields[.authorization] = "Bearer \(tokens["admin"]!)"
                fields[.contentType] = "application/json"
                return try await client.execute(uri: "/v1/tenants/langao/modules/deliberation", method: .put, headers: fields,
                                                body: ByteBuffer(string: json)) { Reply(status: $0.status, text: String(buffer: $0.body)) }
            }
            let changed = try await put(#"{"steps": ["问题采集", "分析研判", "联动处理", "结果反馈", "居民评价"], "matter_kinds": ["楼院事"]}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.text.contains("分析研判") && changed.text.contains("党组织书记"))   // roles kept their value
            for bad in [#"{"steps": []}"#, #"{"roles": "居民"}"#, #"{"matter_kinds": ["楼院事", "楼院事"]}"#, #"{"steps": [1]}"#] {
                let reply = try await put(bad)
                #expect((400..<500).contains(reply.status.code), "\(bad) → \(reply.status) \(reply.text)")
            }
            let openAPI = try await client.execute(uri: "/v1/openapi.json", method: .get) { String(buffer: $0.body) }
            #expect(openAPI.contains("/v1/tenants/{tenant}/modules/deliberation/cases/{id}/rounds"))
            #expect(openAPI.contains("/v1/tenants/{tenant}/modules/deliberation/results"))
        }
    }

    @Test func theRoutesRunACaseFromOpeningToADemand() async throws {
        try await withAPI { _, tokens, client in
            func send(_ method: HTTPRequest.Method, _ path: String, as who: String = "staff", tenant: String = "langao", _ json: String? = nil) async throws -> Reply {
                var fields = HTTPFields()
                fields[.authorization] = "Bearer \(tokens[who]!)"
                if json != nil { fields[.contentType] = "application/json" }
                return try await client.execute(uri: "/v1/tenants/\(tenant)/modules/deliberation/\(path)", method: method, headers: fields,
                                                body: json.map { ByteBuffer(string: $0) }) { Reply(status: $0.status, text: String(buffer: $0.body)) }
            }
            let opened = try await send(.post, "cases", #"{"place_code": "G11", "kind": "邻里事", "title": "7号楼楼顶老化漏雨", "opened_on": "2024-03-01"}"#)
            #expect(opened.status == .created, "\(opened.text)")
            let id = try #require(opened.json["id"] as? Int)
            #expect(opened.json["step"] as? String == "征集议题")

            // Community staff write only under their community; a viewer not at all; pingli has no such module.
            #expect(try await send(.post, "cases", #"{"place_code": "C3", "kind": "邻里事", "title": "x", "opened_on": "2024-03-01"}"#).status == .forbidden)
            #expect(try await send(.post, "cases", as: "viewer", #"{"place_code": "G11", "kind": "邻里事", "title": "x", "opened_on": "2024-03-01"}"#).status == .forbidden)
            #expect(try await send(.get, "cases", as: "pingli", tenant: "pingli").status == .notFound)

            // Bad bodies and ids are refused, never a 500.
            for (path, body) in [("cases", #"{"place_code": "G11", "kind": "家务事", "title": "x", "opened_on": "2024-03-01"}"#),
                                 ("cases", #"{"place_code": "G11", "kind": "邻里事", "title": "", "opened_on": "2024-03-01"}"#),
                                 ("cases", #"{"place_code": "G11"}"#), ("cases", "not json"),
                                 ("cases/\(id)/advance", #"{"to": "公示结果"}"#), ("cases/\(id)/advance", #"{"to": 3}"#),
                                 ("cases/\(id)/rounds", #"{"held_on": "2024-03-05", "attendance": [{"role": "路人", "attendees": 1}]}"#),
                                 ("cases/\(id)/rounds", #"{"held_on": "2024-03-05", "attendance": [{"role": "居民代表", "attendees": 1.5}]}"#),
                                 ("cases/\(id)/result", #"{"result": "settled", "agreement": "各担", "split": [{"party": "物业企业", "basis_points": 5000}, {"party": "居民", "basis_points": 4000}]}"#),
                                 ("cases/\(id)/result", #"{"result": "maybe", "agreement": "x"}"#),
                                 ("cases/\(id)/demand", #"{"category": "roads", "quantity": {"amount": "100", "unit": "yuan"}}"#),
                                 ("cases/abc/advance", #"{"to": "组织协商"}"#), ("cases/424242/advance", #"{"to": "组织协商"}"#)] {
                let reply = try await send(.post, path, body)
                #expect((400..<500).contains(reply.status.code), "\(path) \(body) → \(reply.status) \(reply.text)")
            }
            #expect(try await send(.get, "cases/424242").status == .notFound)
            #expect(try await send(.get, "cases?open=maybe").status.code >= 400)

            let advanced = try await send(.post, "cases/\(id)/advance", #"{"to": "组织协商"}"#)
            #expect(advanced.status == .created && advanced.json["step"] as? String == "组织协商")
            let refused = try await send(.post, "cases/\(id)/advance", #"{"to": "反馈评议"}"#)
            #expect(refused.status.code == 409 || refused.status.code == 422, "\(refused.text)")
            #expect(refused.text.contains("公示结果"))
            let round = try await send(.post, "cases/\(id)/rounds", #"""
                {"held_on": "2024-03-05", "note": "第一次协商",
                 "attendance": [{"role": "物业企业", "attendees": 1, "position": "愿承担一半"}, {"role": "居民代表", "names": ["张三丰", "李四"]}]}
                """#)
            #expect(round.status == .created, "\(round.text)")
            #expect(!round.text.contains("张三丰") && round.text.contains("张**"))
            let settled = try await send(.post, "cases/\(id)/result", #"""
                {"result": "settled", "agreement": "楼顶防水翻新", "split": [{"party": "物业企业", "basis_points": 5000}, {"party": "居民", "basis_points": 5000}]}
                """#)
            #expect(settled.status == .created, "\(settled.text)")
            let demand = try await send(.post, "cases/\(id)/demand", #"{"category": "roads", "quantity": {"amount": "24000", "unit": "yuan"}}"#)
            #expect(demand.status == .created, "\(demand.text)")
            #expect((demand.json["demand_external_id"] as? String)?.isEmpty == false, "\(demand.text)")
            let published = try await send(.post, "cases/\(id)/publication", #"{"public_text": "费用物业企业与居民各担一半", "on": "2024-05-25"}"#)
            #expect(published.status == .created, "\(published.text)")
            let results = try await send(.get, "results", as: "viewer")
            #expect(results.status == .ok && results.text.contains("各担一半") && !results.text.contains("张"))
            let list = try await send(.get, "cases?open=true&step=%E7%BB%84%E7%BB%87%E5%8D%8F%E5%95%86", as: "viewer")
            #expect(list.status == .ok && list.text.contains("7号楼楼顶老化漏雨"), "\(list.text)")
            let detail = try await send(.get, "cases/\(id)", as: "viewer")
            #expect(detail.status == .ok && !detail.text.contains("张三丰"))
        }
    }
}
