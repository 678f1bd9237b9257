import Foundation
@testable import AdminAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import RegistryStore
import Testing

/// Open311 GeoReport v2 through the real router on the real database (docs/open311.md).
@Suite struct Open311Tests {
    /// A form body, percent-encoded as a browser or `urlencode` would send it.
    static func form(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    /// A resident's report of a broken street light, with every personal field the standard has.
    static func report(key: String, extra: [(String, String)] = [], orgCode: String? = "G11") -> String {
        var pairs = [
            ("api_key", key), ("service_code", "public_facilities"), ("lat", "32.69"), ("long", "108.89"),
            ("description", "村口路灯不亮\n晚上很黑 <b>&</b>"), ("first_name", "张"), ("last_name", "秀英"), ("phone", "13800138000"),
            ("email", "zhang.xiuying@example.com"), ("device_id", "device-42"), ("account_id", "resident-7"),
        ]
        if let orgCode { pairs.append(("attribute[org_code]", orgCode)) }
        return form(pairs + extra)
    }

    static let personal = ["张", "秀英", "13800138000", "zhang.xiuying@example.com", "device-42", "resident-7", "32.69", "村口路灯"]

    /// Issues a key through the admin API as `role`; returns the key and the client's id.
    static func issue(_ client: some TestClientProtocol, _ f: APIFixture, as role: String = "admin", tenant: String = "langao") async throws -> (String, Int) {
        let reply = try await client.send(.post, "/v1/tenants/\(tenant)/open311/clients", as: role, f, json: #"{"name": "随手拍 app"}"#)
        #expect(reply.status == .created)
        let key = try #require(reply.json["api_key"] as? String)
        let id = try #require((reply.json["client"] as? [String: Any])?["id"] as? Int)
        return (key, id)
    }

    @Test func servicesAndDefinitionsInBothFormats() async throws {
        try await APIFixture.with { f, client in
            let json = try await client.send(.get, "/open311/langao/v2/services.json", as: nil, f)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            let services = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [[String: Any]])
            let roads = try #require(services.first { $0["service_code"] as? String == "roads" })
            #expect(roads["service_name"] as? String == "道路交通")
            #expect(roads["metadata"] as? Bool == true)
            #expect(roads["type"] as? String == "realtime")
            #expect(services.count == 14)

            let xml = try await client.send(.get, "/open311/langao/v2/services.xml", as: nil, f)
            #expect(xml.status == .ok)
            #expect(xml.headers[.contentType]?.hasPrefix("text/xml") == true)
            #expect(xml.text.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?><services><service><service_code>"#))
            #expect(xml.text.contains("<service_code>roads</service_code><service_name>道路交通</service_name>"))
            #expect(xml.text.components(separatedBy: "<service>").count == 15)

            let definition = try await client.send(.get, "/open311/langao/v2/services/roads.json", as: nil, f)
            #expect(definition.status == .ok)
            let attributes = try #require(definition.json["attributes"] as? [[String: Any]])
            #expect(attributes.map { $0["code"] as? String } == ["org_code", "quantity"])
            #expect(attributes[0]["required"] as? Bool == true && attributes[1]["required"] as? Bool == false)
            let places = (attributes[0]["values"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(places == ["C1", "C2", "C3"])
            let definitionXML = try await client.send(.get, "/open311/langao/v2/services/roads.xml", as: nil, f)
            #expect(definitionXML.text.contains("<attribute><variable>true</variable><code>org_code</code><datatype>singlevaluelist</datatype><required>true</required>"))
            #expect(definitionXML.text.contains("<values><value><key>C1</key><name>东坡社区</name></value>"))

            for (path, format) in [("services/no_such.json", "json"), ("services/no_such.xml", "xml")] {
                let missing = try await client.send(.get, "/open311/langao/v2/\(path)", as: nil, f)
                #expect(missing.status == .notFound)
                if format == "json" {
                    let errors = try #require(try JSONSerialization.jsonObject(with: Data(missing.text.utf8)) as? [[String: Any]])
                    #expect(errors.first?["code"] as? Int == 404)
                    #expect((errors.first?["description"] as? String)?.contains("no_such") == true)
                } else {
                    #expect(missing.text.contains("<errors><error><code>404</code><description>"))
                }
            }
            // A district that does not exist, and a path without a format.
            #expect(try await client.send(.get, "/open311/nowhere/v2/services.json", as: nil, f).status == .notFound)
            #expect(try await client.send(.get, "/open311/langao/v2/services.html", as: nil, f).status == .notFound)
        }
    }

    @Test func postedRequestIsFiledAndFetchedBackWithoutPersonalData() async throws {
        try await APIFixture.with { f, client in
            let (key, clientID) = try await Self.issue(client, f)
            let posted = try await client.send(.post, "/open311/langao/v2/requests.json", as: nil, f,
                                               headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Self.report(key: key))
            #expect(posted.status == .created)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(posted.text.utf8)) as? [[String: Any]])
            let id = try #require(answer.first?["service_request_id"] as? String)

            // Filed by the same rules as the API's intake: submitted, the open311 channel, the client recorded.
            let row = try await f.database.operatorPool.query("""
                SELECT d.state, d.source_channel, d.title, d.description, d.reporter_id, r.client_id,
                       (SELECT actor FROM demand_event e WHERE e.tenant_id = d.tenant_id AND e.demand_id = d.id ORDER BY e.id LIMIT 1) AS actor
                FROM demand d JOIN open311_request r ON r.tenant_id = d.tenant_id AND r.id = d.id WHERE d.id = \(Int64(id)!)
                """)[0]
            #expect(try row.decode(String.self, "state") == "submitted")
            #expect(try row.decode(String.self, "source_channel") == "open311")
            #expect(try row.decode(String.self, "title") == "村口路灯不亮")
            #expect(try row.decode(Int64.self, "client_id") == Int64(clientID))
            #expect(try row.decode(String.self, "actor") == "open311:\(clientID)")
            #expect(try row.decode(Int64?.self, "reporter_id") == nil)
            // Personal fields are not stored anywhere in the demand.
            let stored = try row.decode(String.self, "description")
            #expect(!stored.contains("13800138000") && !stored.contains("zhang.xiuying") && !stored.contains("秀英"))

            var answers: [String] = []
            for path in ["requests/\(id).json", "requests/\(id).xml", "requests.json", "requests.xml", "requests.json?service_request_id=\(id)",
                         "requests.json?service_code=public_facilities&status=open"] {
                let reply = try await client.send(.get, "/open311/langao/v2/\(path)", as: nil, f)
                #expect(reply.status == .ok, "\(path)")
                #expect(reply.text.contains(id), "\(path)")
                answers.append(reply.text)
            }
            let one = try #require(try JSONSerialization.jsonObject(with: Data(answers[0].utf8)) as? [[String: Any]])
            #expect(one.first?["status"] as? String == "open")
            #expect(one.first?["status_notes"] as? String == "已受理 received")
            #expect(one.first?["service_code"] as? String == "public_facilities")
            #expect(one.first?["agency_responsible"] as? String == "东坡一网格")
            #expect(answers[1].contains("<service_requests><request><service_request_id>\(id)</service_request_id><status>open</status>"))
            for text in answers {
                for word in Self.personal { #expect(!text.contains(word), "\(word) in \(text)") }
            }
            // Filters that leave it out.
            #expect(try await client.send(.get, "/open311/langao/v2/requests.json?status=closed", as: nil, f).text == "[]")
            #expect(try await client.send(.get, "/open311/langao/v2/requests.json?service_code=roads", as: nil, f).text == "[]")

            // Rejected by the district: closed, 未采纳, in both formats.
            let moved = try await client.send(.post, "/v1/tenants/langao/demands/\(id)/transitions", as: "admin", f,
                                              json: #"{"to": "rejected", "reason": "不属于社区事务"}"#)
            #expect(moved.status == .ok)
            let closed = try await client.send(.get, "/open311/langao/v2/requests/\(id).xml", as: nil, f)
            #expect(closed.text.contains("<status>closed</status><status_notes>未采纳 not taken up</status_notes>"))
            #expect(try await client.send(.get, "/open311/langao/v2/requests.json?status=closed", as: nil, f).text.contains(id))
        }
    }

    @Test func refusalsAreInTheStandardFormatAndWriteNothing() async throws {
        try await APIFixture.with { f, client in
            let (key, clientID) = try await Self.issue(client, f)
            let (pingliKey, _) = try await Self.issue(client, f, as: "pingliAdmin", tenant: "pingli")
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let before = (try await f.total("demand"), try await f.total("open311_request"))
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                ("requests.json", Self.report(key: key, orgCode: nil), .badRequest, "attribute[org_code]"),
                ("requests.xml", Self.report(key: key, orgCode: nil), .badRequest, "attribute[org_code]"),
                ("requests.json", Self.report(key: key, orgCode: "NOPE"), .badRequest, "attribute[org_code]"),
                ("requests.json", Self.report(key: key, extra: [("attribute[quantity]", "-2")]), .badRequest, "attribute[quantity]"),
                ("requests.json", Self.report(key: key, extra: [("attribute[colour]", "red")]), .badRequest, "attribute[colour]"),
                ("requests.json", Self.report(key: key, extra: [("attribute[org_code]", "G12")]), .badRequest, "attribute[org_code]"),
                ("requests.json", Self.form([("api_key", key), ("service_code", "roads"), ("attribute[org_code]", "C1")]), .badRequest, "location"),
                ("requests.json", Self.report(key: key).replacingOccurrences(of: "public_facilities", with: "no_such"), .notFound, "no_such"),
                ("requests.json", Self.report(key: key, extra: [("address_id", "C1\u{0}")]), .badRequest, "address_id"),
                ("requests.json", Self.form([("api_key", key), ("service_code", "roads"), ("lat", "91"), ("long", "0"), ("attribute[org_code]", "C1")]),
                 .badRequest, "lat"),
                ("requests.json", Self.report(key: key, extra: [("lat", "1")]), .badRequest, "lat"),
                ("requests.json", Self.report(key: "o311_not-a-real-key"), .forbidden, "api_key"),
                ("requests.xml", Self.form([("service_code", "roads")]), .forbidden, "api_key"),
                ("requests.json", Self.report(key: pingliKey), .forbidden, "api_key"),
            ]
            for (path, body, status, named) in cases {
                let reply = try await client.send(.post, "/open311/langao/v2/\(path)", as: nil, f, headers: form, body: body)
                #expect(reply.status == status, "\(body)")
                #expect(reply.text.contains(named), "\(reply.text)")
                if path.hasSuffix(".xml") {
                    #expect(reply.text.contains("<errors><error><code>\(status.code)</code><description>"))
                } else {
                    let errors = try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [[String: Any]]
                    #expect(errors?.first?["code"] as? Int == status.code)
                }
            }
            #expect(try await f.total("demand") == before.0)
            #expect(try await f.total("open311_request") == before.1)

            // Revoked: refused from then on; what it filed stays.
            let filed = try await client.send(.post, "/open311/langao/v2/requests.json", as: nil, f, headers: form, body: Self.report(key: key))
            #expect(filed.status == .created)
            let revoked = try await client.send(.delete, "/v1/tenants/langao/open311/clients/\(clientID)", as: "admin", f)
            #expect(revoked.status == .ok && revoked.json["revoked_at"] != nil)
            let after = try await client.send(.post, "/open311/langao/v2/requests.json", as: nil, f, headers: form, body: Self.report(key: key))
            #expect(after.status == .forbidden)
            #expect(try await f.total("open311_request") == before.1 + 1)

            // Another district's request id is not found, as a missing one is.
            let id = try #require((try JSONSerialization.jsonObject(with: Data(filed.text.utf8)) as? [[String: Any]])?.first?["service_request_id"] as? String)
            let foreign = try await client.send(.get, "/open311/pingli/v2/requests/\(id).json", as: nil, f)
            let missing = try await client.send(.get, "/open311/pingli/v2/requests/987654.json", as: nil, f)
            #expect(foreign.status == .notFound && missing.status == .notFound)
            #expect(foreign.text.replacingOccurrences(of: id, with: "987654") == missing.text)
            #expect(try await client.send(.get, "/open311/pingli/v2/requests.json?service_request_id=\(id)", as: nil, f).text == "[]")
            // A date with China's offset, its plus sent as %2B as form encoding has it, arrives whole.
            let since = ISO8601DateFormatter()
            since.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
            let start = since.string(from: Date().addingTimeInterval(-86_400)).replacingOccurrences(of: "+", with: "%2B")
            let recent = try await client.send(.get, "/open311/langao/v2/requests.json?start_date=\(start)", as: nil, f)
            #expect(recent.status == .ok, "\(recent.text)")
            #expect(recent.text.contains("\"\(id)\""))
            // Bad filters are 400s, not 500s.
            for query in ["status=pending", "start_date=yesterday", "service_code=%00", "service_request_id=1,x", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "service_request_id=abc"] {
                #expect(try await client.send(.get, "/open311/langao/v2/requests.json?\(query)", as: nil, f).status == .badRequest, "\(query)")
            }
        }
    }

    @Test func keysAreKeptHashedAndManagedByDistrictAdminsOnly() async throws {
        try await APIFixture.with { f, client in
            let (key, id) = try await Self.issue(client, f)
            #expect(key.hasPrefix("o311_") && key.count == 48)
            // PostgreSQL's own SHA-256 of the key is what is kept, and nothing else of it.
            let row = try await f.database.operatorPool.query("""
                SELECT key_hash = sha256(convert_to(\(key), 'UTF8')) AS hashed, prefix FROM open311_client WHERE id = \(Int64(id))
                """)[0]
            #expect(try row.decode(Bool.self, "hashed"))
            #expect(try row.decode(String.self, "prefix") == String(key.prefix(12)))
            let copies = try await f.database.operatorPool.query("""
                SELECT count(*) AS n FROM audit_log WHERE table_name = 'open311_client' AND (after ? 'key_hash' OR after::text LIKE \("%" + key + "%"))
                """)[0].decode(Int.self, "n")
            #expect(copies == 0)
            let listed = try await client.send(.get, "/v1/tenants/langao/open311/clients", as: "admin", f)
            #expect(listed.status == .ok && !listed.text.contains(key) && listed.text.contains(String(key.prefix(12))))
            for role in ["staff", "viewer"] {
                #expect(try await client.send(.get, "/v1/tenants/langao/open311/clients", as: role, f).status == .forbidden)
                #expect(try await client.send(.post, "/v1/tenants/langao/open311/clients", as: role, f, json: #"{"name": "x"}"#).status == .forbidden)
            }
            #expect(try await client.send(.delete, "/v1/tenants/pingli/open311/clients/\(id)", as: "pingliAdmin", f).status == .notFound)
            #expect(try await client.send(.post, "/v1/tenants/langao/open311/clients", as: "admin", f, json: #"{"name": " "}"#).status.code / 100 == 4)
        }
    }

    @Test func eachKeyIsRateLimited() async throws {
        try await APIFixture.with(configuration: APIConfiguration(open311Burst: 2, open311PerSecond: 0.01)) { f, client in
            let (key, _) = try await Self.issue(client, f)
            let (other, _) = try await Self.issue(client, f)
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                statuses.append(try await client.send(.post, "/open311/langao/v2/requests.json", as: nil, f, headers: form, body: Self.report(key: key)).status)
            }
            #expect(statuses == [.created, .created, .tooManyRequests])
            let limited = try await client.send(.post, "/open311/langao/v2/requests.xml", as: nil, f, headers: form, body: Self.report(key: key))
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
            #expect(limited.text.contains("<errors><error><code>429</code>"))
            // Another key has its own allowance.
            #expect(try await client.send(.post, "/open311/langao/v2/requests.json", as: nil, f, headers: form, body: Self.report(key: other)).status == .created)
            #expect(try await f.total("open311_request") == 3)
        }
    }
}

extension TestClientProtocol {
    /// Sends a request with a raw body (a form).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as token: String?, _ fixture: APIFixture, headers: [String: String], body: String
    ) async throws -> APIReply {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(fixture.tokens[token] ?? token)" }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return try await execute(uri: uri, method: method, headers: fields, body: ByteBuffer(string: body)) { response in
            APIReply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }
}
