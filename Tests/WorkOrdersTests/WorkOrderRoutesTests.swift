import AdminAPI
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
import WorkOrders

/// The module's routes through the real API: roles, the staff's place, bad input (never a
/// 500), and 404 where the module is not enabled.
@Suite struct WorkOrderRoutesTests {
    struct Reply {
        var status: HTTPResponse.Status
        var text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
        var list: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? [] }
    }

    /// langao with the test hierarchy and units, pingli without the module; tokens for an
    /// admin, community staff bound to C1, a viewer and pingli's admin.
    static func with(_ body: @escaping @Sendable (_ tokens: [String: String], _ client: any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { connection in
            let database = RegistryDatabase(configuration: connection, maxConnections: 8, modules: try ModuleCatalogue([WorkOrdersModule()]))
            do {
                let langao = try await TestDistrict.create("langao", "610925", in: database, actor: "test:api")
                let pingli = try await TestDistrict.create("pingli", "610926", in: database, actor: "test:api")
                _ = try await UnitStore.importRows([
                    UnitImportRow(externalID: "U001", name: "城关街道办", kind: .department, communityCodes: ["C1"]),
                    UnitImportRow(externalID: "U002", name: "县住建局", kind: .department, communityCodes: ["C1"]),
                ], on: database, tenant: langao, actor: "test:api")
                let accounts = AccountStore(database: database)
                var tokens: [String: String] = [:]
                let people: [(String, AccountRole, UUID, String?)] = [
                    ("admin", .districtAdmin, langao, nil), ("staff", .communityStaff, langao, "C1"), ("viewer", .viewer, langao, nil),
                    ("pingliAdmin", .districtAdmin, pingli, nil),
                ]
                for (name, role, tenant, org) in people {
                    let login = try AccountLogin(name.lowercased())
                    _ = try await accounts.create(AccountDraft(login: login, displayName: name, role: role, orgCode: org), tenant: tenant, actor: "cli:tests")
                    tokens[name] = try await accounts.issueToken(for: login, label: "tests", days: 1, actor: "cli:tests").secret
                }
                var logger = Logger(label: "govreg.work-orders.tests")
                logger.logLevel = .warning
                let app = buildApplication(database: database, configuration: APIConfiguration(), logger: logger, pendingMigrations: { [] })
                let frozen = tokens
                try await app.test(.router) { client in try await body(frozen, client) }
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    @Test func theRoutesRunTheFormAndTheWhistle() async throws {
        try await Self.with { tokens, client in
            func send(_ method: HTTPRequest.Method, _ path: String, as who: String, _ json: String? = nil) async throws -> Reply {
                var fields = HTTPFields()
                fields[.authorization] = "Bearer \(tokens[who]!)"
                if json != nil { fields[.contentType] = "application/json" }
                return try await client.execute(uri: "/v1/tenants/langao/modules/work_orders/" + path, method: method, headers: fields,
                                                body: json.map { ByteBuffer(string: $0) }) { Reply(status: $0.status, text: String(buffer: $0.body)) }
            }
            let order = #"{"place_code": "C1", "title": "楼道灯不亮", "category": "housing_repair", "on": "2024-05-06"}"#
            #expect(try await send(.post, "orders", as: "staff", order).status == .notFound)   // not enabled yet
            var fields = HTTPFields()
            fields[.authorization] = "Bearer \(tokens["admin"]!)"
            fields[.contentType] = "application/json"
            let enabled = try await client.execute(uri: "/v1/tenants/langao/modules/work_orders", method: .put, headers: fields,
                                                   body: ByteBuffer(string: #"{"accept_deadline_days": 3}"#)) { $0.status }
            #expect(enabled == .ok)

            let taken = try await send(.post, "orders", as: "staff", order)
            #expect(taken.status == .created, "\(taken.text)")
            let id = try #require(taken.json["id"] as? Int)
            #expect(taken.json["status"] as? String == "ordered" && taken.json["place_code"] as? String == "C1")
            #expect(try await send(.post, "orders", as: "viewer", order).status == .forbidden)
            let elsewhere = order.replacingOccurrences(of: #""C1""#, with: #""C3""#)
            #expect(try await send(.post, "orders", as: "staff", elsewhere).status == .forbidden)
            let theirs = try await send(.post, "orders", as: "admin", elsewhere)
            let theirID = try #require(theirs.json["id"] as? Int)
            #expect(try await send(.post, "orders/\(theirID)/dispatch", as: "staff", #"{"unit": "U001"}"#).status == .forbidden)

            let dispatched = try await send(.post, "orders/\(id)/dispatch", as: "staff", #"{"unit": "U001", "on": "2024-05-07"}"#)
            #expect(dispatched.status == .created && dispatched.json["due_on"] as? String == "2024-05-10")
            #expect(try await send(.post, "orders/\(id)/decline", as: "staff", #"{"reason": "无力承接", "on": "2024-05-08"}"#).status == .created)
            #expect(try await send(.post, "orders/\(id)/dispatch", as: "staff", #"{"unit": "U002", "on": "2024-05-08"}"#).status == .created)
            #expect(try await send(.post, "orders/\(id)/acceptance", as: "staff", #"{"served_by": "H-0012", "on": "2024-05-09"}"#).status == .created)
            #expect(try await send(.post, "orders/\(id)/completion", as: "staff", #"{"result": "已换灯", "on": "2024-05-10"}"#).status == .created)
            let rated = try await send(.post, "orders/\(id)/rating", as: "staff", #"{"satisfied": true, "score": 5, "on": "2024-05-11"}"#)
            #expect(rated.status == .created && rated.json["status"] as? String == "rated")
            #expect((rated.json["dispatches"] as? [[String: Any]])?.compactMap { $0["answer"] as? String } == ["declined", "accepted"])

            // Refused moves and bad input: 4xx, never 500.
            let again = try await send(.post, "orders/\(id)/rating", as: "staff", #"{"satisfied": false, "score": 1}"#)
            #expect(again.status.code / 100 == 4 && again.text.contains("已评单"), "\(again.text)")
            for bad in [#"{"satisfied": "yes", "score": 5}"#, #"{"satisfied": true}"#, #"{"satisfied": true, "score": 9}"#, #"{"satisfied": true, "score": 5, "on": "yesterday"}"#,
                        #"{"satisfied": true, "score": 5, "colour": "red"}"#, "[1, 2", ""] {
                let reply = try await send(.post, "orders/\(theirID)/rating", as: "admin", bad)
                #expect(reply.status.code / 100 == 4, "\(bad): \(reply.status) \(reply.text)")
            }
            #expect(try await send(.post, "orders/999999/dispatch", as: "admin", #"{"unit": "U001"}"#).status == .notFound)
            #expect(try await send(.post, "orders/abc/dispatch", as: "admin", #"{"unit": "U001"}"#).status == .notFound)
            #expect(try await send(.post, "orders/\(theirID)/dispatch", as: "admin", #"{"unit": "U404"}"#).status == .unprocessableContent)   // the body's unknown unit
            #expect(try await send(.get, "orders?status=lost", as: "viewer").status.code / 100 == 4)
            #expect(try await send(.get, "orders?overdue_on=never", as: "viewer").status.code / 100 == 4)
            #expect(try await send(.post, "orders", as: "admin", #"{"place_code": "C1", "title": "无类别"}"#).status.code / 100 == 4)

            let listed = try await send(.get, "orders?status=rated", as: "viewer")
            #expect(listed.status == .ok && listed.list.compactMap { $0["id"] as? Int } == [id])
            #expect(try await send(.get, "orders?overdue_on=2030-01-01", as: "viewer").list.compactMap { $0["id"] as? Int } == [theirID])
            #expect(try await send(.get, "orders/\(id)", as: "viewer").json["score"] as? Int == 5)

            // The whistle: blown by the street (not by C1's staff), reported, delayed.
            let blow = #"{"place_code": "S1", "matter": "南门口路面压坏", "departments": ["U001", "U002"], "due_on": "2024-06-04", "on": "2024-06-02"}"#
            #expect(try await send(.post, "whistles", as: "staff", blow).status == .forbidden)
            let whistle = try await send(.post, "whistles", as: "admin", blow)
            #expect(whistle.status == .created, "\(whistle.text)")
            let whistleID = try #require(whistle.json["id"] as? Int)
            #expect(try await send(.post, "whistles/\(whistleID)/reports", as: "admin", #"{"unit": "U001", "report": "已勘查", "on": "2024-06-03"}"#).status == .created)
            #expect(try await send(.post, "whistles/\(whistleID)/delays", as: "admin",
                                   #"{"unit": "U002", "until": "2024-06-09", "reason": "等方案", "on": "2024-06-04"}"#).status == .created)
            #expect(try await send(.post, "whistles/\(whistleID)/reports", as: "staff", #"{"unit": "U002", "report": "已修复"}"#).status == .forbidden)
            #expect(try await send(.post, "whistles/\(whistleID)/reports", as: "admin", #"{"unit": "U001", "report": "再报"}"#).status.code / 100 == 4)
            #expect(try await send(.post, "whistles", as: "admin", #"{"place_code": "S1", "matter": "x", "departments": []}"#).status.code / 100 == 4)
            #expect(try await send(.post, "whistles", as: "admin", #"{"place_code": "S1", "matter": "x", "departments": "U001"}"#).status.code / 100 == 4)
            let awaiting = try await send(.get, "whistles?awaiting=true", as: "viewer")
            #expect(awaiting.list.count == 1)
            let waitingCalls = (awaiting.list.first?["calls"] as? [[String: Any]])?.filter { $0["status"] as? String == "summoned" }
            #expect(waitingCalls?.compactMap { $0["due_on"] as? String } == ["2024-06-09"])

            // pingli has not enabled it; disabled in langao, the routes are gone.
            var pingli = HTTPFields()
            pingli[.authorization] = "Bearer \(tokens["pingliAdmin"]!)"
            #expect(try await client.execute(uri: "/v1/tenants/pingli/modules/work_orders/orders", method: .get, headers: pingli) { $0.status } == .notFound)
            #expect(try await client.execute(uri: "/v1/tenants/langao/modules/work_orders", method: .delete, headers: fields) { $0.status } == .ok)
            #expect(try await send(.get, "orders", as: "viewer").status == .notFound)
        }
    }
}
