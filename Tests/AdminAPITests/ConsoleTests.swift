import AdminAPI
import Console
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Postgres
import Registry
import RegistryStore
import Testing

/// The console through the application's router: sign-in, lock-out, sessions, CSRF and the
/// tenant and subtree limits, against the real database (the browser tests drive the same
/// pages in Chromium: scripts/browser-check).
@Suite struct ConsoleTests {
    static let password = "Ziyang-2024-river"

    @Test func fiveWrongPasswordsLockTheAccountAndTheRightOneThenOpensASession() async throws {
        try await APIFixture.with { f, client in
            try await Self.setPassword("admin", f)
            var browser = ConsoleBrowser()
            var answers: Set<String> = []
            for attempt in 1...5 {
                let reply = try await browser.signIn("langao", "admin", "wrong-password-\(attempt)", client)
                #expect(reply.status == .unauthorized)
                answers.insert(Self.refusal(reply.text))
            }
            let locked = try await f.database.operatorPool.query("SELECT locked_until > now() AS locked FROM account_password p JOIN account a ON a.id = p.account_id WHERE a.login = 'admin'")
            #expect(try locked[0].decode(Bool.self, "locked"))
            // Locked: even the right password is refused, and nothing is opened.
            let refused = try await browser.signIn("langao", "admin", Self.password, client)
            #expect(refused.status == .unauthorized)
            answers.insert(Self.refusal(refused.text))
            #expect(try await f.total("console_session") == 0)
            // An unknown login, and one without a password, are told exactly the same.
            for login in ["nobody", "viewer"] {
                let reply = try await browser.signIn("langao", login, Self.password, client)
                #expect(reply.status == .unauthorized)
                answers.insert(Self.refusal(reply.text))
            }
            #expect(answers.count == 1 && answers.first?.contains("锁定") == true, "\(answers)")
            // The operator sets a new password: the lock is lifted.
            try await Self.setPassword("admin", f)
            let signedIn = try await browser.signIn("langao", "admin", Self.password, client)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/console/langao/")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("govreg_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console") && cookie.contains("Max-Age="))
            #expect(!cookie.contains("Secure"))
            let dashboard = try await browser.get("/console/langao/", client)
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("admin（区县管理员）"))
            #expect(dashboard.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(dashboard.headers[.cacheControl] == "no-store")
            // The history names each step; only a hash of the session is stored.
            let events = try await AccountStore(database: f.database).events(of: try AccountLogin("admin"))
            #expect(events.map(\.action).prefix(3) == [.passwordSet, .accountLocked, .passwordSet])
            let secret = try #require(browser.cookies["govreg_session"])
            let stored = try await f.database.operatorPool.query("SELECT count(*) AS n FROM console_session WHERE position(\(Data(secret.utf8)) in secret_hash) > 0")
            #expect(try stored[0].decode(Int.self, "n") == 0)
            // Signing out ends the session in the database, not only in the browser.
            let signOut = try await browser.post("/console/sign-out", ["csrf": browser.csrf], client)
            #expect(signOut.status == .seeOther)
            browser.cookies["govreg_session"] = secret
            #expect(try await browser.get("/console/langao/", client).status == .seeOther)
        }
    }

    @Test func aFormNeedsItsCSRFTokenAndStaffWriteOnlyInsideTheirSubtree() async throws {
        try await APIFixture.with { f, client in
            let filed = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight)
            let inC1 = try #require(filed.json["demand"] as? [String: Any])["id"] as! Int
            let outside = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f,
                                                json: DemandRoutesTests.streetLight.replacingOccurrences(of: "G11", with: "G21"))
            let inC2 = try #require(outside.json["demand"] as? [String: Any])["id"] as! Int
            try await Self.setPassword("staff", f)
            var staff = ConsoleBrowser()
            #expect(try await staff.signIn("langao", "staff", Self.password, client).status == .seeOther)
            _ = try await staff.get("/console/langao/demands/\(inC1)", client)
            // Without the token: refused, nothing changed.
            let forged = try await staff.post("/console/langao/demands/\(inC1)/transitions", ["to": "accepted"], client)
            #expect(forged.status == .forbidden)
            #expect(try await Self.state(inC1, f) == "submitted")
            // With it: moved, and the history says who.
            let moved = try await staff.post("/console/langao/demands/\(inC1)/transitions", ["to": "accepted", "csrf": staff.csrf], client)
            #expect(moved.status == .seeOther)
            #expect(try await Self.state(inC1, f) == "accepted")
            let page = try await staff.get("/console/langao/demands/\(inC1)", client)
            #expect(page.text.contains("account:staff") && page.text.contains("id=\"move-resolved\""))
            #expect(!page.text.contains("id=\"move-rated\""), "only the workflow's allowed moves are offered")
            // Outside C1: read, but no action, and a post is refused.
            let other = try await staff.get("/console/langao/demands/\(inC2)", client)
            #expect(other.status == .ok && !other.text.contains("id=\"move-accepted\""))
            let refused = try await staff.post("/console/langao/demands/\(inC2)/transitions", ["to": "accepted", "csrf": staff.csrf], client)
            #expect(refused.status == .forbidden)
            #expect(try await Self.state(inC2, f) == "submitted")
            // A refused move comes back beside its form, with what was typed.
            let noReason = try await staff.post("/console/langao/demands/\(inC1)/transitions", ["to": "rejected", "note": "已核实", "csrf": staff.csrf], client)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("value=\"已核实\""))
        }
    }

    @Test func aSessionOpensNothingOfAnotherDistrict() async throws {
        try await APIFixture.with { f, client in
            _ = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight)
            try await Self.setPassword("pingliadmin", f, tenant: f.pingli)
            var pingli = ConsoleBrowser()
            #expect(try await pingli.signIn("pingli", "pingliadmin", Self.password, client).status == .seeOther)
            for path in ["/console/langao/", "/console/langao/demands", "/console/langao/demands/1"] {
                let reply = try await pingli.get(path, client)
                #expect(reply.status == .notFound, "\(path)")
                #expect(!reply.text.contains("楼道灯不亮"))
            }
            // Signing in to langao with pingli's login and password is a wrong password.
            var wrong = ConsoleBrowser()
            #expect(try await wrong.signIn("langao", "pingliadmin", Self.password, client).status == .unauthorized)
            // Without a session, a console page sends the browser to sign in.
            var stranger = ConsoleBrowser()
            let anonymous = try await stranger.get("/console/langao/demands", client)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/console/sign-in?tenant=langao") == true)
        }
    }

    /// The page's refusal, as the person reads it.
    static func refusal(_ page: String) -> String {
        guard let start = page.range(of: "id=\"page-error\">") else { return "" }
        return String(page[start.upperBound...].prefix { $0 != "<" })
    }

    @Test func anAdminMayNotActAsAnotherAdminNorStaffCloseProjects() async throws {
        try await APIFixture.with { f, client in
            let other = try await client.send(.post, "/v1/tenants/langao/accounts", as: "admin", f,
                                              json: #"{"login": "zhao.admin", "display_name": "赵", "role": "district_admin"}"#)
            let otherID = try #require(other.json["id"] as? Int)
            try await Self.setPassword("admin", f)
            var admin = ConsoleBrowser()
            #expect(try await admin.signIn("langao", "admin", Self.password, client).status == .seeOther)
            _ = try await admin.get("/console/langao/accounts", client)
            for path in ["/console/langao/accounts/password", "/console/langao/accounts/tokens"] {
                let refused = try await admin.post(path, ["account": "\(otherID)", "csrf": admin.csrf], client)
                #expect(refused.status == .forbidden, "\(path)")
            }
            #expect(try await f.database.operatorPool.query("SELECT count(*) AS n FROM account_password WHERE account_id = \(Int64(otherID))")[0].decode(Int.self, "n") == 0)
            // Staff may report progress but not cancel a project, whatever they post.
            try await Self.setPassword("staff", f)
            var staff = ConsoleBrowser()
            #expect(try await staff.signIn("langao", "staff", Self.password, client).status == .seeOther)
            _ = try await staff.get("/console/langao/", client)
            let cancel = try await staff.post("/console/langao/projects/P1/steps", ["step": "cancel", "reason": "x", "csrf": staff.csrf], client)
            #expect(cancel.status == .forbidden)
            // A file sent to a page that takes none is refused unread.
            var fields = HTTPFields()
            fields[.contentType] = "multipart/form-data; boundary=x"
            fields[.cookie] = staff.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let upload = try await client.execute(uri: "/console/langao/demands/1/transitions", method: .post, headers: fields,
                                                  body: ByteBuffer(string: "--x--")) { $0.status }
            #expect(upload == .unsupportedMediaType)
        }
    }

    @Test func anAdminAddsAndRenamesOrgUnitsAsTheImportWould() async throws {
        try await APIFixture.with { f, client in
            try await Self.setPassword("admin", f)
            var admin = ConsoleBrowser()
            #expect(try await admin.signIn("langao", "admin", Self.password, client).status == .seeOther)
            _ = try await admin.get("/console/langao/org?under=C1", client)
            // A town under a community turns the levels over: refused beside the kind, as typed.
            let refused = try await admin.post("/console/langao/org/nodes", [
                "mode": "add", "code": "G13", "name": "东坡三网格", "kind": "town", "parent_code": "C1", "csrf": admin.csrf], client)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("f-kind-error") && refused.text.contains("value=\"G13\""))
            #expect(try await f.database.operatorPool.query("SELECT count(*) AS n FROM org_unit WHERE code = 'G13'")[0].decode(Int.self, "n") == 0)
            let added = try await admin.post("/console/langao/org/nodes", [
                "mode": "add", "code": "G13", "name": "东坡三网格", "kind": "grid", "parent_code": "C1", "csrf": admin.csrf], client)
            #expect(added.status == .seeOther)
            let renamed = try await admin.post("/console/langao/org/nodes", [
                "mode": "rename", "code": "G13", "name": "东坡新三网格", "kind": "grid", "parent_code": "C1", "csrf": admin.csrf], client)
            #expect(renamed.status == .seeOther)
            let rows = try await f.database.operatorPool.query("SELECT name FROM org_unit WHERE tenant_id = \(f.langao) AND code = 'G13'")
            #expect(try rows.map { try $0.decode(String.self, "name") } == ["东坡新三网格"])
        }
    }

    @Test func signInsFromOneAddressAreLimited() async throws {
        try await APIFixture.with(configuration: APIConfiguration(failedLoginBurst: 3, failedLoginsPerSecond: 0.01)) { f, client in
            try await Self.setPassword("admin", f)
            var browser = ConsoleBrowser()
            for _ in 1...3 { #expect(try await browser.signIn("langao", "admin", "wrong-password-x", client).status == .unauthorized) }
            // The fourth is refused before any password is checked, even the right one.
            let refused = try await browser.signIn("langao", "admin", Self.password, client)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] != nil)
            #expect(try await f.total("console_session") == 0)
        }
    }

    static func setPassword(_ login: String, _ f: APIFixture, tenant: UUID? = nil) async throws {
        let hash = try await ConsolePassword.hash(password)
        _ = try await AccountStore(database: f.database).setPassword(try AccountLogin(login), tenant: tenant ?? f.langao, hash: hash, actor: "cli:tests")
    }

    static func state(_ id: Int, _ f: APIFixture) async throws -> String {
        try await f.database.operatorPool.query("SELECT state FROM demand WHERE id = \(Int64(id))")[0].decode(String.self, "state")
    }
}

/// Just enough of a browser for the router tests: a cookie jar and the page's CSRF token.
struct ConsoleBrowser {
    var cookies: [String: String] = [:]
    /// The CSRF token of the last page that had a form.
    var csrf = ""

    mutating func get(_ path: String, _ client: any TestClientProtocol) async throws -> APIReply {
        try await send(.get, path, body: nil, client)
    }

    mutating func post(_ path: String, _ form: [String: String], _ client: any TestClientProtocol) async throws -> APIReply {
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await send(.post, path, body: body, client)
    }

    mutating func signIn(_ tenant: String, _ login: String, _ password: String, _ client: any TestClientProtocol) async throws -> APIReply {
        _ = try await get("/console/sign-in?tenant=\(tenant)", client)
        return try await post("/console/sign-in", ["tenant": tenant, "login": login, "password": password, "csrf": csrf], client)
    }

    private mutating func send(_ method: HTTPRequest.Method, _ path: String, body: String?, _ client: any TestClientProtocol) async throws -> APIReply {
        var fields = HTTPFields()
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { fields[.contentType] = "application/x-www-form-urlencoded" }
        let reply = try await client.execute(uri: path, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) }) { response in
            APIReply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
        for header in reply.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if header.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        if let range = reply.text.range(of: #"name="csrf" value=""#) {
            csrf = String(reply.text[range.upperBound...].prefix { $0 != "\"" })
        }
        return reply
    }
}
