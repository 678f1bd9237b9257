import Foundation

/// The fields of a `POST requests` (`application/x-www-form-urlencoded`), with the query
/// string's: some clients (the `open311` package among them) put `api_key` and
/// `jurisdiction_id` in the URL and the rest in the body. The body wins where both name a field.
struct Open311Form: Sendable {
    private(set) var fields: [String: String] = [:]
    /// `attribute[CODE]` by code; `attribute[CODE][]` (a multi-value list) joined by commas.
    private(set) var attributes: [String: String] = [:]
    /// Names that came more than once (refused: which one is meant is not for us to guess).
    private(set) var repeated: [String] = []

    /// Reads `query` then `body`; a pair that does not decode is refused with its text.
    init(query: String?, body: Data) throws(Open311Error) {
        guard let text = String(data: body, encoding: .utf8) else {
            throw .badRequest("请求体须为 UTF-8 编码的表单 the body must be a UTF-8 form (application/x-www-form-urlencoded)")
        }
        var seen: Set<String> = []
        for (source, part) in [(0, query ?? ""), (1, text)] {
            var thisSource: Set<String> = []
            for pair in part.split(separator: "&", omittingEmptySubsequences: true) {
                let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = Self.decode(halves[0]), let value = Self.decode(halves.count > 1 ? halves[1] : "") else {
                    throw .badRequest("表单字段无法解码 a form field does not decode: \(pair.prefix(60))")
                }
                // PostgreSQL's text cannot hold NUL: refused here, naming the field, not failed there.
                if value.unicodeScalars.contains("\0") || name.unicodeScalars.contains("\0") {
                    throw .badRequest("\(name.replacingOccurrences(of: "\0", with: "")) 不能含 NUL must not contain NUL")
                }
                if name.hasPrefix("attribute["), let close = name.firstIndex(of: "]") {
                    let code = String(name[name.index(name.startIndex, offsetBy: 10)..<close])
                    let multiple = name[close...] == "][]"
                    if let earlier = attributes[code] {
                        // attribute[code][] may repeat (a multivaluelist); attribute[code] may not.
                        guard multiple else {
                            repeated.append(name)
                            continue
                        }
                        attributes[code] = earlier + "," + value
                    } else {
                        attributes[code] = value
                    }
                    continue
                }
                if thisSource.contains(name) { repeated.append(name) }
                thisSource.insert(name)
                // The body's value replaces the query's.
                if source == 1 || !seen.contains(name) { fields[name] = value }
                seen.insert(name)
            }
        }
    }

    /// A field's value, trimmed; `nil` when absent or empty.
    subscript(name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// `+` as a space, then percent-decoding; `nil` for a broken escape.
    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
