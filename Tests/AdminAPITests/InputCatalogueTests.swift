import Foundation
import HTTPTypes
import Postgres
import RegistryStore
import Testing

/// Hostile payloads against every text of every write route (``everyTextOfEveryWriteRoute()``)
/// and of every import file (``everyTextOfEveryImportFile()``): each is either stored exactly
/// as decoded (2xx, and read back the same) or refused naming the field or the file's line
/// and column (4xx), never a 500, and a refusal writes nothing anywhere in the database.
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

    /// The text a payload's literal decodes to; nil for a lone surrogate, which no Swift
    /// string (and no UTF-8 file) can hold.
    static func decoded(_ json: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String])?.first
    }

    /// What a stored text reads back as: the text sent, trimmed of surrounding white space,
    /// which the domain documents for free text (``FieldDeclaration/Kind/text(maxLength:)``:
    /// "trimmed; blank means absent"). No payload has any, so this is the payload itself.
    static func expected(_ sent: String) -> String {
        guard let first = sent.firstIndex(where: { !$0.isWhitespace }), let last = sent.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(sent[first...last])
    }

    /// Whether two texts are the same scalar for scalar: Swift's `==` would call a
    /// decomposed text equal to its composed form, which is not "stored verbatim".
    static func same(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// Every string in a JSON value, however deep.
    static func texts(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.flatMap(texts(in:)) }
        if let object = value as? [String: Any] { return object.values.flatMap(texts(in:)) }
        return []
    }

    /// A payload's name shortened for a message (the one MiB text is not repeated).
    static func shown(_ text: String) -> String {
        text.count > 40 ? "\(text.prefix(20))… (\(text.count) characters)" : text.debugDescription
    }
}

extension APIFixture {
    /// Each table of the public schema with its row count and the newest transaction that
    /// wrote one of its rows, read as the owner: equal before and after a request when the
    /// request wrote nothing (an insert or update leaves its transaction's id on the row, a
    /// delete lowers the count; a refusal's rolled-back rows are never seen). Cheaper than
    /// digesting every row, which over the audit log grows with every request.
    ///
    /// `api_token` is compared by its rows less `last_used_at`: authentication writes that
    /// (at most once a minute) for every request a token makes, refused or not, and it is
    /// bookkeeping, not the request's data. Nothing else is: rate limits live in memory, and
    /// no request here sends an `Idempotency-Key`.
    func fingerprint() async throws -> [String: String] {
        // Table names come from the catalogue, not from input.
        let tables = try await database.operatorPool.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").map { try $0.decode(String.self, "tablename") }
        var query = SQL(unsafeRaw: "")
        for (index, table) in tables.enumerated() {
            if index > 0 { query.append(" UNION ALL ") }
            if table == "api_token" {
                query.append("""
                    SELECT \(table)::text AS name, count(*) || ':' || md5(coalesce(string_agg(r, ',' ORDER BY r), '')) AS digest
                    FROM (SELECT (to_jsonb(x) - 'last_used_at')::text AS r FROM api_token x) AS rows
                    """)
            } else {
                query.append("SELECT \(table)::text AS name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS digest FROM \(identifier: table)")
            }
        }
        let rows = try await database.operatorPool.query(query)
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(String.self, "name"), try $0.decode(String.self, "digest")) })
    }
}

/// The tables whose fingerprint differs, for a message.
func changedTables(_ before: [String: String], _ after: [String: String]) -> [String] {
    Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
}
