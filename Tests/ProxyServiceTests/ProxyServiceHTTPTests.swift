import AdminAPI
import Foundation
import GovregTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ProxyService
import Registry
import RegistryStore
import Testing

/// The module's routes end to end, through the real API: roles, the place check for community
/// staff, bad bodies and ids (never a 500), and a tenant that has not enabled the module.
@Suite struct ProxyServiceHTTPTests {
    struct Reply {
        var status: HTTPResponse.Status
        var text: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    /// Runs `body` with the API over two districts (langao with the module enabled, pingli
    /// without) and tokens for langao's admin, community staff (bound to C1) and viewer.
    static func with(_ body: @escaping @Sendable (_ send: @escaping @Sendable (HTTPRequest.Method, String, String, String?) async throws -> Reply) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { connection in
            let database = RegistryDatabase(configuration: connection, maxConnections: 8, modules: try ModuleCatalogue([ProxyServiceModule()]))
            do {
                let langao = try await TestDistrict.create("langao", "610925", in: database, actor: "test:api")
                let pingli = try await TestDistrict.create("pingli", "610926", in: database, actor: "test:api")
                try await database.withTenant(langao, actor: "test:api") { tx in try await ModuleStore.enable(ProxyServiceModule.moduleID, in: tx) }
                let accounts = AccountStore(database: database)
                var tokens: [String: String] = [:]
                for (name, role, tenant, org) in [("admin", AccountRole.districtAdmin, langao, nil), ("staff", .communityStaff, langao, "C1"),
                                                  ("viewer", .viewer, langao, nil), ("pingli", .districtAdmin, pingli, nil)] as [(String, AccountRole, UUID, String?)] {
                    let login = try AccountLogin(name)
                    _ = try await accounts.create(AccountDraft(login: login, displayName: name, role: role, orgCode: org), tenant: tenant, actor: "cli:tests")
                    tokens[name] = try await accounts.issueToken(for: login, label: "tests", days: 1, actor: "cli:tests").secret
                }
                var logger = Logger(label: "govreg.proxy-service.tests")
                logger.logLevel = .critical
                let app = buildApplication(database: database, configuration: APIConfiguration(), logger: logger, pendingMigrations: { [] })
                let secrets = tokens
                try await app.test(.router) { client in
                    try await body { method, uri, token, json in
                        var fields = HTTPFields()
                        fields[.authorization] = "Bearer \(secrets[token] ?? token)"
                        if json != nil { fields[.contentType] = "application/json" }
                        return try await client.execute(uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) }) { response in
                            Reply(status: response.status, text: String(buffer: response.body))
                        }
                    }
                }
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    static let base = "/v1/tenants/langao/modules/proxy_service"
    static let catalogue = #"""
        {"items": [
          {"code": "GH-T001", "name": "城乡居民养老保险参保登记", "level": "town", "department": "县人社局", "deadline_days": 5, "documents": ["身份证", "户口簿"]},
          {"code": "GH-V001", "name": "居住证明开具", "level": "village", "department": "村委会", "deadline_days": 3, "deadline_kind": "calendar", "documents": ["身份证"]}
        ]}
        """#

    @Test func theRoutesCarryARequestThroughItsSteps() async throws {
        try await Self.with { send in
            let base = Self.base
            #expect(try await send(.post, "\(base)/items", "staff", Self.catalogue).status == .forbidden)   // admins keep the catalogue
            let imported = try await send(.post, "\(base)/items", "admin", Self.catalogue)
            #expect(imported.status == .ok && imported.object["inserted"] as? Int == 2, "\(imported.text)")
            let items = try await send(.get, "\(base)/items?level=village", "viewer", nil)
            #expect((items.json as? [[String: Any]])?.map { $0["code"] as? String } == ["GH-V001"])

            let request = #"{"item_code": "GH-T001", "place_code": "G11", "agent": "罗贤兵", "resident_name": "陈寿生", "resident_phone": "13812345678", "received_on": "2024-05-06", "documents": ["身份证"]}"#
            let taken = try await send(.post, "\(base)/requests", "staff", request)
            #expect(taken.status == .created, "\(taken.text)")
            #expect(taken.object["resident"] as? String == "陈**" && taken.object["due_on"] as? String == "2024-05-13")
            #expect(!taken.text.contains("陈寿生") && !taken.text.contains("13812345678"))
            let id = try #require(taken.object["id"] as? Int)
            // Community staff (bound to C1) take requests in C1's subtree only.
            let elsewhere = try await send(.post, "\(base)/requests", "staff", request.replacingOccurrences(of: "G11", with: "C3"))
            #expect(elsewhere.status == .forbidden)

            let missing = try await send(.post, "\(base)/requests/\(id)/moves", "staff", #"{"to": "submitted", "on": "2024-05-07"}"#)
            #expect(missing.status.code == 409 || missing.status.code == 422, "\(missing.status) \(missing.text)")
            #expect(missing.text.contains("户口簿"))
            let ticked = try await send(.post, "\(base)/requests/\(id)/documents", "staff", #"{"documents": ["户口簿"], "on": "2024-05-07"}"#)
            #expect(ticked.status == .created)
            #expect(try await send(.post, "\(base)/requests/\(id)/moves", "staff", #"{"to": "submitted", "on": "2024-05-07"}"#).status == .created)
            let skipped = try await send(.post, "\(base)/requests/\(id)/moves", "staff", #"{"to": "returned", "on": "2024-05-08"}"#)
            #expect(skipped.status.code == 409 || skipped.status.code == 422, "\(skipped.status)")
            #expect(try await send(.post, "\(base)/requests/\(id)/moves", "staff", #"{"to": "completed", "on": "2024-05-10"}"#).status == .created)
            #expect(try await send(.post, "\(base)/requests/\(id)/moves", "viewer", #"{"to": "returned"}"#).status == .forbidden)

            let shown = try await send(.get, "\(base)/requests/\(id)", "viewer", nil)
            #expect(shown.status == .ok && shown.object["step"] as? String == "completed")
            let overdue = try await send(.get, "\(base)/requests?overdue_on=2024-06-01", "viewer", nil)
            #expect((overdue.json as? [Any])?.isEmpty == true)
        }
    }

    @Test func badBodiesIdsAndDisabledTenantsAreAnsweredWithoutAServerError() async throws {
        try await Self.with { send in
            let base = Self.base
            _ = try await send(.post, "\(base)/items", "admin", Self.catalogue)
            let badLine = try await send(.post, "\(base)/items", "admin",
                                         #"{"items": [{"code": "GH-T009", "name": "临时救助", "level": "town", "department": "民政办", "deadline_days": 10}, {"code": "GH-T010", "name": "x", "level": "town", "department": "民政办", "deadline_days": 900}]}"#)
            #expect(badLine.status.code == 422 && badLine.text.contains("deadline_days"), "\(badLine.status) \(badLine.text)")
            let items = try await send(.get, "\(base)/items", "viewer", nil)
            #expect((items.json as? [Any])?.count == 2)   // nothing of the refused import was written

            let good = #"{"item_code": "GH-T001", "place_code": "G11", "agent": "罗贤兵", "resident_name": "陈寿生", "received_on": "2024-05-06"}"#
            for body in [
                "not json", "{}", #"{"item_code": 7}"#,
                good.replacingOccurrences(of: "2024-05-06", with: "2024-02-30"),
                good.replacingOccurrences(of: "陈寿生", with: "138"),
                good.replacingOccurrences(of: "{", with: #"{"tenant_id": "x", "#),
                good.replacingOccurrences(of: "GH-T001", with: "NOPE"),
                good.replacingOccurrences(of: "}", with: #", "documents": ["护照"]}"#),
            ] {
                let reply = try await send(.post, "\(base)/requests", "admin", body)
                #expect((400..<500).contains(reply.status.code), "\(body): \(reply.status) \(reply.text)")
            }
            for path in ["requests/0", "requests/abc", "requests/99999999999999999999", "requests/12345"] {
                #expect(try await send(.get, "\(base)/\(path)", "viewer", nil).status == .notFound, "\(path)")
            }
            for body in [#"{"to": "sideways"}"#, #"{"to": "submitted", "on": "tomorrow"}"#, "[]"] {
                let reply = try await send(.post, "\(base)/requests/12345/moves", "admin", body)
                #expect((400..<500).contains(reply.status.code), "\(body): \(reply.status)")
            }
            #expect(try await send(.get, "\(base)/requests?step=lost", "viewer", nil).status.code == 422)
            let nul = try await send(.post, "\(base)/items", "admin",
                                     #"{"items": [{"code": "GH-T011", "name": "a\u0000b", "level": "town", "department": "x", "deadline_days": 1, "documents": ["c\u0000"]}]}"#)
            #expect((400..<500).contains(nul.status.code), "\(nul.status) \(nul.text)")
            let noDocuments = try await send(.post, "\(base)/requests/12345/documents", "admin", #"{"documents": []}"#)
            #expect((400..<500).contains(noDocuments.status.code), "\(noDocuments.status)")
            #expect(try await send(.get, "/v1/tenants/pingli/modules/proxy_service/items", "pingli", nil).status == .notFound)
        }
    }
}
