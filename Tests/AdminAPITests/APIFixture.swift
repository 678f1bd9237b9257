import BenchTalk
import Foundation
@testable import AdminAPI
import GovregTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MediationRoom
import Migrations
import NIOCore
import Postgres
import RedProperty
import Registry
import RegistryStore

/// A migrated database with two districts (langao 610925 and pingli 610926, the same
/// hierarchy as the store tests: S1 ─ C1 ─ G11/G12, S1 ─ C2 ─ G21, S2 ─ C3), one account and
/// token per role in langao, an admin in pingli, and the API over it.
struct APIFixture {
    let database: RegistryDatabase
    let langao: UUID
    let pingli: UUID
    /// Token secrets by role name: operator, admin, staff (bound to C1), viewer, pingliAdmin.
    let tokens: [String: String]

    /// The modules govreg ships, as the executable registers them.
    static let shipped = try! ModuleCatalogue([BenchTalkModule(), RedPropertyModule(), MediationRoomModule()])

    /// Runs `body` with the fixture and a test client of the application.
    static func with(
        configuration: APIConfiguration = APIConfiguration(), figures: RegistryFigures = RegistryFigures(), logger given: Logger? = nil,
        pending: @escaping @Sendable () async throws -> [String] = { [] },
        _ body: @escaping @Sendable (APIFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.withMigrated { connection in
            let database = RegistryDatabase(configuration: connection, maxConnections: 12, modules: shipped, figures: figures)
            do {
                let fixture = try await make(database)
                var logger = Logger(label: "govreg.http.tests")
                logger.logLevel = .warning
                if let given { logger = given }
                let app = buildApplication(database: database, configuration: configuration, logger: logger, pendingMigrations: pending)
                try await app.test(.router) { client in try await body(fixture, client) }
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    private static func make(_ database: RegistryDatabase) async throws -> APIFixture {
        let langao = try await TestDistrict.create("langao", "610925", in: database, actor: "test:api")
        let pingli = try await TestDistrict.create("pingli", "610926", in: database, actor: "test:api")
        let accounts = AccountStore(database: database)
        var tokens: [String: String] = [:]
        let people: [(String, AccountRole, UUID?, String?)] = [
            ("operator", .operator, nil, nil), ("admin", .districtAdmin, langao, nil), ("staff", .communityStaff, langao, "C1"),
            ("viewer", .viewer, langao, nil), ("pingliAdmin", .districtAdmin, pingli, nil),
        ]
        for (name, role, tenant, org) in people {
            let login = try AccountLogin(name.lowercased())
            _ = try await accounts.create(AccountDraft(login: login, displayName: name, role: role, orgCode: org), tenant: tenant, actor: "cli:tests")
            tokens[name] = try await accounts.issueToken(for: login, label: "tests", days: 1, actor: "cli:tests").secret
        }
        return APIFixture(database: database, langao: langao, pingli: pingli, tokens: tokens)
    }

    /// Rows of `table` in every tenant (as the owner).
    func total(_ table: String) async throws -> Int {
        try await database.operatorPool.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n")
    }
}

/// A response, with its body parsed when it is JSON.
struct APIReply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    /// The problem's kind (the part after `urn:govreg:problem:`), if this is a problem.
    var problem: String? { (json["type"] as? String)?.replacingOccurrences(of: "urn:govreg:problem:", with: "") }
    var fieldErrors: [String] { (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
}

extension TestClientProtocol {
    /// Sends a request as `token` (a role name of the fixture, or nil for none).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as token: String?, _ fixture: APIFixture,
        json: String? = nil, headers: [String: String] = [:]
    ) async throws -> APIReply {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(fixture.tokens[token] ?? token)" }
        if json != nil { fields[.contentType] = "application/json" }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return try await execute(uri: uri, method: method, headers: fields, body: json.map { ByteBuffer(string: $0) }) { response in
            APIReply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }
}
