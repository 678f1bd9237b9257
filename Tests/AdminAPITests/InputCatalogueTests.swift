import Foundation
import HTTPTypes
import Postgres
import RegistryStore
import Testing

/// Hostile payloads against every text a demand takes, through the API's intake and through
/// the import file: each is either stored exactly as decoded (2xx, and read back the same) or
/// refused naming the field or the file's line and column (4xx), never a 500, and a refusal
/// writes nothing.
@Suite struct InputCatalogueTests {
    /// The payloads, as JSON string literals (so lone surrogates can be said).
    static let payloads: [(name: String, json: String)] = [
        ("NUL", #""a\u0000b""#),
        ("lone high surrogate", #""a\ud800b""#),
        ("lone low surrogate", #""\udc00""#),
        ("right-to-left override", #""\u202egnp.exe""#),
        ("zero-width and BOM", #""路\u200b灯\ufeff""#),
        ("formula", #""=HYPERLINK(\"http://x\",\"点我\")""#),
        ("CRLF", #""第一行\r\n第二行""#),
        ("emoji and astral CJK", #""𠀀🎉灯""#),
        ("one MiB", "\"" + String(repeating: "长", count: 1 << 20 / 3) + "\""),
    ]
    static let textFields = ["title", "description", "external_id"]

    @Test func everyDemandTextThroughTheAPI() async throws {
        try await APIFixture.with { f, client in
            var stored = 0
            for field in Self.textFields {
                for payload in Self.payloads {
                    var body = #"{"title": "路灯", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": 1, "unit": "job"}}"#
                    body = field == "title"
                        ? body.replacingOccurrences(of: #""title": "路灯""#, with: #""title": \#(payload.json)"#)
                        : "{\"\(field)\": \(payload.json), " + body.dropFirst()
                    let before = try await f.total("demand")
                    let reply = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: body)
                    let what = "\(field) ← \(payload.name): \(reply.status)"
                    #expect(reply.status.code < 500, "\(what) \(reply.text.prefix(300))")
                    if reply.status == .created {
                        stored += 1
                        // Stored as decoded: the answer's value is the sent one, read back the same.
                        let sent = (try? JSONSerialization.jsonObject(with: Data("[\(payload.json)]".utf8)) as? [String])?.first
                        let id = try #require((reply.json["demand"] as? [String: Any])?["id"] as? Int)
                        let read = try await client.send(.get, "/v1/tenants/langao/demands/\(id)", as: "viewer", f)
                        let value = ((read.json["demand"] as? [String: Any])?[field == "description" ? "details" : field] as? String)
                            ?? (read.json["demand"] as? [String: Any])?[field] as? String
                        #expect(value == sent?.trimmingCharacters(in: .whitespacesAndNewlines), "\(what)")
                    } else {
                        #expect((400..<500).contains(reply.status.code), "\(what)")
                        if reply.status == .unprocessableContent { #expect(reply.fieldErrors.contains("/\(field)"), "\(what) \(reply.fieldErrors)") }
                        #expect(try await f.total("demand") == before, "\(what): a refusal wrote")
                    }
                }
            }
            #expect(stored >= 5, "the harmless payloads are stored")
        }
    }

    @Test func everyDemandTextThroughTheImportFile() async throws {
        try await APIFixture.with { f, client in
            for (number, payload) in Self.payloads.enumerated() where payload.name != "one MiB" {
                // A lone surrogate has no UTF-8 form: no file can carry it.
                guard let sent = (try? JSONSerialization.jsonObject(with: Data("[\(payload.json)]".utf8)) as? [String])?.first else { continue }
                let cell = "\"" + sent.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let csv = "external_id,title,category,org_code,quantity,measure_unit\nX-\(number),\(cell),housing_repair,G11,1,job\n"
                let before = try await f.total("demand")
                let reply = try await client.send(.post, "/v1/tenants/langao/imports/demands", as: "admin", f, json: csv,
                                                  headers: ["Content-Type": "text/csv"])
                let what = "\(payload.name): \(reply.status)"
                #expect(reply.status.code < 500, "\(what) \(reply.text.prefix(300))")
                if reply.status == .ok {
                    let stored = try await f.database.operatorPool.query(
                        "SELECT title FROM demand WHERE external_id = \("X-\(number)")")[0].decode(String.self, "title")
                    #expect(stored == sent.trimmingCharacters(in: .whitespacesAndNewlines), "\(what)")
                } else {
                    #expect((400..<500).contains(reply.status.code), "\(what)")
                    #expect(reply.fieldErrors.contains { $0.hasPrefix("line:2/column:") }, "\(what) \(reply.fieldErrors)")
                    #expect(try await f.total("demand") == before, "\(what): a refusal wrote")
                }
            }
        }
    }
}
