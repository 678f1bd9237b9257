import AdminAPI
import Foundation
import GovregTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MicroWishes
import NIOCore
import Postgres
import Registry
import RegistryStore
import Testing

/// The real API over the fixture's district (langao, micro_wishes enabled) and a second one
/// (pingli, not enabled), with tokens for an admin, community staff bound to C1, and a viewer.
struct MicroWishAPI {
    let fixture: MicroWishFixture
    let tokens: [String: String]

    static func with(_ body: @escaping @Sendable (MicroWishAPI, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)
            defer { Task { await f.close() } }
            _ = try await TestDistrict.create("pingli", "610926", in: f.database, actor: "test:setup")
            let accounts = AccountStore(database: f.database)
            var tokens: [String: String] = [:]
            for (name, role, org) in [("admin", AccountRole.districtAdmin, nil), ("staff", .communityStaff, "C1"), ("viewer", .viewer, nil)] as [(String, AccountRole, String?)] {
                let login = try AccountLogin(name)
                _ = try await accounts.create(AccountDraft(login: login, displayName: name, role: role, orgCode: org), tenant: f.tenant, actor: "cli:tests")
                tokens[name] = try await accounts.issueToken(for: login, label: "tests", days: 1, actor: "cli:tests").secret
            }
            var logger = Logger(label: "govreg.micro-wishes.tests")
            logger.logLevel = .warning
            let app = buildApplication(database: f.database, configuration: APIConfiguration(), logger: logger, pendingMigrations: { [] })
            let api = MicroWishAPI(fixture: f, tokens: tokens)
            try await app.test(.router) { client in try await body(api, client) }
        }
    }
}

/// An answer: its status and body.
struct Reply {
    var status: HTTPResponse.Status
    var text: String
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
}

extension TestClientProtocol {
    func send(_ method: HTTPRequest.Method, _ path: String, as role: String, _ api: MicroWishAPI, json: String? = nil, tenant: String = "langao") async throws -> Reply {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(api.tokens[role]!)"
        if json != nil { fields[.contentType] = "application/json" }
        // A path of the module's, or (starting with `/`) any of the API's.
        let uri = path.hasPrefix("/") ? path : "/v1/tenants/\(tenant)/modules/micro_wishes/\(path)"
        return try await execute(uri: uri, method: method, headers: fields,
                                 body: json.map { ByteBuffer(string: $0) }) { response in
            Reply(status: response.status, text: String(buffer: response.body))
        }
    }
}

@Suite struct MicroWishHTTPTests {
    static let wish = #"{"place_code": "G11", "title": "一个新书包", "category": "学习用品", "estimated_value": "120.00", "posted_on": "2024-03-01", "wisher_name": "王小明", "wisher_phone": "13912345678"}"#

    @Test func aWishGoesThroughTheRoutesAndAViewerSeesNoPersonalData() async throws {
        try await MicroWishAPI.with { api, client in
            let posted = try await client.send(.post, "wishes", as: "staff", api, json: Self.wish)
            #expect(posted.status == .created, "\(posted.text)")
            let id = try #require(posted.object["id"] as? Int)
            #expect(!posted.text.contains("王小明") && !posted.text.contains("13912345678"))

            let claimed = try await client.send(.post, "wishes/\(id)/claim", as: "staff", api,
                                                json: #"{"volunteer": "李四", "holder": "H-0042", "on": "2024-03-02"}"#)
            #expect(claimed.status == .created && claimed.object["state"] as? String == "claimed", "\(claimed.text)")
            #expect(try await client.send(.post, "wishes/\(id)/fulfil", as: "staff", api, json: #"{"note": "已送到", "on": "2024-03-04"}"#).status == .created)
            let confirmed = try await client.send(.post, "wishes/\(id)/confirm", as: "admin", api, json: #"{"by": "resident", "on": "2024-03-05"}"#)
            #expect(confirmed.status == .created && confirmed.object["state"] as? String == "confirmed", "\(confirmed.text)")
            #expect(ActRecorderModule.acts(of: api.fixture.tenant).map(\.holder) == ["H-0042"])
            let again = try await client.send(.post, "wishes/\(id)/confirm", as: "admin", api, json: #"{"by": "resident"}"#)
            #expect(again.status.code >= 400 && again.status.code < 500 && again.text.contains("confirmed"), "\(again.text)")

            for path in ["wishes", "wishes?state=confirmed", "wishes?open=false&aging=false", "wishes/\(id)"] {
                let read = try await client.send(.get, path, as: "viewer", api)
                #expect(read.status == .ok, "\(path): \(read.text)")
                #expect(read.text.contains("一个新书包"), "\(path)")
                for secret in ["王小明", "13912345678", "李四", "H-0042"] { #expect(!read.text.contains(secret), "\(path) shows \(secret)") }
            }
            let list = try await client.send(.get, "wishes?open=true", as: "viewer", api)
            #expect((list.json as? [Any])?.isEmpty == true)

            // The quarterly report carries the module's section: counts, no one's name.
            let report = try await client.send(.get, "/v1/tenants/langao/reports/quarterly/2024Q1", as: "viewer", api)
            #expect(report.status == .ok && report.text.contains("微心愿") && report.text.contains("实现天数中位数"), "\(report.text.prefix(500))")
            for secret in ["王小明", "13912345678", "李四", "H-0042"] { #expect(!report.text.contains(secret), "the report shows \(secret)") }
        }
    }

    @Test func rolesPlacesAndAnotherDistrictAreHeldToTheirOwn() async throws {
        try await MicroWishAPI.with { api, client in
            #expect(try await client.send(.post, "wishes", as: "viewer", api, json: Self.wish).status == .forbidden)
            let elsewhere = Self.wish.replacingOccurrences(of: "G11", with: "G21")   // C2: not the staff's community
            #expect(try await client.send(.post, "wishes", as: "staff", api, json: elsewhere).status == .forbidden)
            let posted = try await client.send(.post, "wishes", as: "admin", api, json: elsewhere)
            #expect(posted.status == .created)
            let id = try #require(posted.object["id"] as? Int)
            #expect(try await client.send(.post, "wishes/\(id)/claim", as: "staff", api, json: #"{"unit": "U001"}"#).status == .forbidden)
            #expect(try await client.send(.post, "wishes/\(id)/claim", as: "viewer", api, json: #"{"unit": "U001"}"#).status == .forbidden)
            #expect(try await client.send(.post, "wishes/\(id)/claim", as: "admin", api, json: #"{"unit": "U001"}"#).status == .created)
            #expect(try await client.send(.post, "wishes/\(id)/release", as: "admin", api).status == .created)
            #expect(try await client.send(.post, "wishes/\(id)/withdraw", as: "admin", api, json: #"{"reason": "已由家人解决"}"#).status == .created)
            // pingli has not enabled the module: its path leads nowhere.
            #expect(try await client.send(.get, "wishes", as: "admin", api, tenant: "pingli").status.code >= 400)
        }
    }

    @Test func badBodiesAndIdsAreRefusedNeverA500AndNothingIsWritten() async throws {
        try await MicroWishAPI.with { api, client in
            let bodies = [
                #"{"place_code": "G11", "title": "书包", "category": "学习用品", "estimated_value": 120}"#,          // money is a decimal string
                #"{"place_code": "G11", "title": "书包", "category": "学习用品", "estimated_value": "300.01"}"#,    // above the ceiling
                #"{"place_code": "G11", "title": "书包", "category": "电器"}"#,
                #"{"place_code": "G11", "title": "书包", "category": "学习用品", "colour": "red"}"#,               // an unknown key
                #"{"place_code": "G11", "title": "书包", "category": "学习用品", "wisher_phone": "12345"}"#,
                #"{"place_code": "G11", "title": "书包", "category": "学习用品", "posted_on": "2024-02-30"}"#,
                #"{"place_code": "G11", "category": "学习用品"}"#,
                #"{"place_code": "NOPE", "title": "书包", "category": "学习用品"}"#,
                #"["书包"]"#, #"{"#,
            ]
            for body in bodies {
                let reply = try await client.send(.post, "wishes", as: "admin", api, json: body)
                #expect(reply.status.code >= 400 && reply.status.code < 500, "\(body): \(reply.status) \(reply.text)")
            }
            #expect(try await api.fixture.count() == 0)

            let posted = try await client.send(.post, "wishes", as: "admin", api, json: Self.wish)
            let id = try #require(posted.object["id"] as? Int)
            let claims = [
                #"{"unit": "U001", "volunteer": "李四"}"#, #"{}"#, #"{"unit": "U001", "holder": "H1"}"#, #"{"volunteer": "李四", "holder": "13812345678"}"#,
                #"{"volunteer": "李四1"}"#, #"{"unit": "U999"}"#, #"{"unit": "U001", "on": "2024-01-01"}"#,
            ]
            for body in claims {
                let reply = try await client.send(.post, "wishes/\(id)/claim", as: "admin", api, json: body)
                #expect(reply.status.code >= 400 && reply.status.code < 500, "\(body): \(reply.status) \(reply.text)")
            }
            #expect(try await client.send(.post, "wishes/\(id)/confirm", as: "admin", api, json: #"{"by": "mayor"}"#).status.code == 422)
            for path in ["wishes/abc", "wishes/0", "wishes/99999", "wishes?state=lost", "wishes?aging=maybe"] {
                let reply = try await client.send(.get, path, as: "viewer", api)
                #expect(reply.status.code >= 400 && reply.status.code < 500, "\(path): \(reply.status) \(reply.text)")
            }
            for path in ["wishes/abc/claim", "wishes/99999/claim"] {
                let reply = try await client.send(.post, path, as: "admin", api, json: #"{"unit": "U001"}"#)
                #expect(reply.status.code >= 400 && reply.status.code < 500, "\(path): \(reply.status) \(reply.text)")
            }
            let still = try await client.send(.get, "wishes/\(id)", as: "viewer", api)
            #expect(still.object["state"] as? String == "posted" && still.object["claimant"] as? String == nil)
        }
    }
}
