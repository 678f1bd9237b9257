/// A function's source read as SQL text, well enough to find its UPDATE, DELETE and
/// ON CONFLICT DO UPDATE statements and the functions they call.
///
/// This is a scanner, not a parser: comments and literals (quoted strings, `E'…'`,
/// dollar-quoted text) are blanked first, so a word inside them never counts; statements end
/// at `;`. It covers static SQL in `LANGUAGE sql` and PL/pgSQL bodies. It does not see SQL
/// built at run time (`EXECUTE format(…)`), calls through operators (`timestamptz - interval`
/// is a stable function too) or functions reached indirectly (a called function's own body is
/// checked on its own, not as part of its caller).
struct RoutineText {
    /// The source in lower case with comments and literals replaced by spaces.
    let code: String

    init(_ source: String) {
        code = Self.blanked(source)
    }

    /// A statement that changes rows, found in the text.
    struct Modification: Equatable {
        enum Verb: String { case update = "UPDATE", delete = "DELETE", upsert = "ON CONFLICT DO UPDATE" }
        var verb: Verb
        /// The table written to, without schema or quotes.
        var table: String
        /// The part of the statement the rule looks at: the whole UPDATE or DELETE, or the
        /// SET and WHERE of an ON CONFLICT DO UPDATE.
        var text: String
    }

    /// Every UPDATE, DELETE and ON CONFLICT DO UPDATE of the text, in order.
    func modifications() -> [Modification] {
        code.split(separator: ";").flatMap { statement -> [Modification] in
            let statement = String(statement)
            var found: [Modification] = []
            for match in statement.matches(of: Self.update) {
                let before = statement[..<match.range.lowerBound]
                // `DO UPDATE` is the upsert below; `FOR [NO KEY] UPDATE` locks rows.
                if before.contains(Self.lockOrUpsert) { continue }
                found.append(Modification(verb: .update, table: Self.bareName(match.output.1), text: String(statement[match.range.lowerBound...])))
            }
            for match in statement.matches(of: Self.delete) {
                found.append(Modification(verb: .delete, table: Self.bareName(match.output.1), text: String(statement[match.range.lowerBound...])))
            }
            if let action = statement.firstMatch(of: Self.upsert), let insert = statement.firstMatch(of: Self.insert) {
                var clause = statement[action.range.upperBound...]  // after DO UPDATE SET
                if let returning = clause.firstMatch(of: Self.returning) { clause = clause[..<returning.range.lowerBound] }
                found.append(Modification(verb: .upsert, table: Self.bareName(insert.output.1), text: String(clause)))
            }
            return found
        }
    }

    /// The names of the functions `text` calls (`name(`), without schema, in order, once each;
    /// also SQL's value keywords that are stable functions without parentheses (`current_timestamp`).
    static func calls(in text: String) -> [String] {
        var names: [String] = []
        for match in text.matches(of: Self.call) where !names.contains(String(match.output.1)) {
            names.append(String(match.output.1))
        }
        for match in text.matches(of: Self.valueKeyword)
        where !names.contains(String(match.output.1)) {
            names.append(String(match.output.1))
        }
        return names
    }

    /// The parts of an UPDATE or DELETE where Citus accepts only immutable functions: each
    /// `CASE … END` and `COALESCE(…)`, and the RETURNING list.
    static func immutableOnlyParts(of text: String) -> [String] {
        var parts: [String] = []
        for start in text.matches(of: Self.caseWord) {
            var depth = 0
            for word in text[start.range.lowerBound...].matches(of: Self.caseOrEnd) {
                depth += word.output.1 == "case" ? 1 : -1
                if depth == 0 {
                    parts.append(String(text[start.range.lowerBound..<word.range.upperBound]))
                    break
                }
            }
        }
        for start in text.matches(of: Self.coalesceCall) {
            var depth = 0
            var end = text.endIndex
            var index = text.index(before: start.range.upperBound)  // its "("
            while index < text.endIndex {
                if text[index] == "(" {
                    depth += 1
                } else if text[index] == ")" {
                    depth -= 1
                    if depth == 0 { end = text.index(after: index); break }
                }
                index = text.index(after: index)
            }
            parts.append(String(text[start.range.lowerBound..<end]))
        }
        if let returning = text.firstMatch(of: Self.returning) {
            parts.append(String(text[returning.range.lowerBound...]))
        }
        return parts
    }

    /// SQL value keywords that PostgreSQL treats as stable functions: never immutable.
    static let stableKeywords: Set<String> = [
        "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime",
        "current_user", "session_user", "current_role", "current_catalog",
    ]

    // Computed, not stored: a Regex is not Sendable. Simple word boundaries throughout:
    // Unicode's would join `t.x` into one word and hide a call written `pg_catalog.nextval(`.
    private static var lockOrUpsert: Regex<Substring> { (/(?:\bdo|\bfor|\bkey)\s*$/).wordBoundaryKind(.simple) }
    private static var returning: Regex<Substring> { (/\breturning\b/).wordBoundaryKind(.simple) }
    private static var call: Regex<(Substring, Substring)> { (/\b([a-z_][a-z0-9_$]*)\s*\(/).wordBoundaryKind(.simple) }
    private static var valueKeyword: Regex<(Substring, Substring)> {
        (/\b(current_timestamp|current_date|current_time|localtimestamp|localtime|current_user|session_user|current_role|current_catalog)\b/)
            .wordBoundaryKind(.simple)
    }
    private static var caseWord: Regex<Substring> { (/\bcase\b/).wordBoundaryKind(.simple) }
    private static var caseOrEnd: Regex<(Substring, Substring)> { (/\b(case|end)\b/).wordBoundaryKind(.simple) }
    private static var coalesceCall: Regex<Substring> { (/\bcoalesce\s*\(/).wordBoundaryKind(.simple) }
    private static let name = #"((?:"[^"]+"|[a-z_][a-z0-9_$]*)(?:\.(?:"[^"]+"|[a-z_][a-z0-9_$]*))?)"#
    private static func pattern(_ text: String) -> Regex<(Substring, Substring)> {
        try! Regex(text, as: (Substring, Substring).self).wordBoundaryKind(.simple)
    }
    private static var update: Regex<(Substring, Substring)> {
        pattern(#"\bupdate\s+(?:only\s+)?"# + name + #"\s*\*?\s+(?:as\s+)?(?:[a-z_][a-z0-9_$]*\s+)?set\b"#)
    }
    private static var delete: Regex<(Substring, Substring)> { pattern(#"\bdelete\s+from\s+(?:only\s+)?"# + name) }
    private static var insert: Regex<(Substring, Substring)> { pattern(#"\binsert\s+into\s+"# + name) }
    private static var upsert: Regex<Substring> { (/\bon\s+conflict\b[^;]*?\bdo\s+update\s+set\b/).wordBoundaryKind(.simple) }

    /// `public."Demand"` → `Demand`; `demand` → `demand`.
    static func bareName(_ name: Substring) -> String {
        let last = name.split(separator: ".").last.map(String.init) ?? String(name)
        return last.hasPrefix("\"") ? String(last.dropFirst().dropLast()) : last
    }

    /// Lower-cases ASCII letters outside quoted identifiers and replaces comments and the
    /// contents of literals with spaces (so that offsets and line structure stay).
    static func blanked(_ source: String) -> String {
        let bytes = Array(source.utf8)
        var out = bytes
        var index = 0
        func blank(_ range: Range<Int>) {
            for position in range where out[position] != UInt8(ascii: "\n") { out[position] = UInt8(ascii: " ") }
        }
        func isIdentifierByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                blank(index..<end)
                index = end
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                var depth = 0
                var end = index
                while end < bytes.count {
                    if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "/"), bytes[end + 1] == UInt8(ascii: "*") { depth += 1; end += 2; continue }
                    if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "*"), bytes[end + 1] == UInt8(ascii: "/") {
                        depth -= 1; end += 2
                        if depth == 0 { break }
                        continue
                    }
                    end += 1
                }
                blank(index..<min(end, bytes.count))
                index = end
            case UInt8(ascii: "'"):
                // E'…' takes backslash escapes; '' is a quote inside any literal.
                let escapes = index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e") && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                var end = index + 1
                while end < bytes.count {
                    if escapes, bytes[end] == UInt8(ascii: "\\") { end += 2; continue }
                    if bytes[end] == UInt8(ascii: "'") {
                        if end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "'") { end += 2; continue }
                        break
                    }
                    end += 1
                }
                blank(index + 1..<min(end, bytes.count))
                index = end + 1
            case UInt8(ascii: "\""):
                let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.count
                index = end + 1
            case UInt8(ascii: "$") where index == 0 || !isIdentifierByte(bytes[index - 1]):
                // $tag$ … $tag$ (the tag may be empty); $1 is a parameter, not a quote.
                var tagEnd = index + 1
                while tagEnd < bytes.count, isIdentifierByte(bytes[tagEnd]), bytes[tagEnd] != UInt8(ascii: "$") { tagEnd += 1 }
                guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$"),
                      tagEnd == index + 1 || !(bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9")) else {
                    index += 1
                    continue
                }
                let tag = Array(bytes[index...tagEnd])
                var end = tagEnd + 1
                while end < bytes.count, !(bytes[end] == UInt8(ascii: "$") && Array(bytes[end..<min(end + tag.count, bytes.count)]) == tag) { end += 1 }
                blank(tagEnd + 1..<min(end, bytes.count))
                index = min(end + tag.count, bytes.count)
            default:
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { out[index] = byte | 0x20 }
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
