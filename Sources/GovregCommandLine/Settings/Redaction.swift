/// Hiding secrets in what govreg shows: a connection string keeps everything an operator
/// needs to recognise it (user, host, database, options) and loses its password.
public enum Redaction {
    /// What stands in for a secret.
    public static let mask = "***"

    /// `text` with its password replaced by ``mask``, in either form libpq takes: a URL
    /// (`postgresql://u:***@h/db`, and a `password=` query parameter) or a conninfo string
    /// (`host=h password=***`, quoted values included).
    ///
    /// ```swift
    /// Redaction.connectionString("postgresql://govreg:s3cret@db/govreg")  // "postgresql://govreg:***@db/govreg"
    /// Redaction.connectionString("host=db password='a b'")               // "host=db password=***"
    /// ```
    public static func connectionString(_ text: String) -> String {
        if let scheme = ["postgresql://", "postgres://"].first(where: { text.lowercased().hasPrefix($0) }) {
            return url(text, schemeLength: scheme.count)
        }
        return conninfo(text)
    }

    /// A URL: the password of its user information, and `password=` in its query.
    private static func url(_ text: String, schemeLength: Int) -> String {
        let scheme = text.prefix(schemeLength)
        var rest = Substring(text.dropFirst(schemeLength))
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[mark...]
            rest = rest[..<mark]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            authority = String(authority[...colon]) + mask + String(authority[at...])
        }
        let parameters = query.dropFirst().split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            parameter.lowercased().hasPrefix("password=") ? "password=" + mask : String(parameter)
        }
        let shownQuery = query.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return String(scheme) + authority + String(rest[authorityEnd...]) + shownQuery
    }

    /// A conninfo string: `keyword = value` pairs, a value either bare or in single quotes
    /// with backslash escapes.
    private static func conninfo(_ text: String) -> String {
        var shown = ""
        var index = text.startIndex
        while index < text.endIndex {
            // Copy up to the next keyword and its `=`.
            guard let equals = text[index...].firstIndex(of: "=") else {
                shown += String(text[index...])
                break
            }
            let keyword = text[index..<equals].trimmingTrailingSpaces
            let keywordName = keyword.split(separator: " ").last.map(String.init) ?? ""
            shown += String(text[index...equals])
            var valueStart = text.index(after: equals)
            while valueStart < text.endIndex, text[valueStart] == " " {
                shown.append(" ")
                valueStart = text.index(after: valueStart)
            }
            let valueEnd = endOfValue(text, from: valueStart)
            shown += keywordName.lowercased() == "password" ? mask : String(text[valueStart..<valueEnd])
            index = valueEnd
        }
        return shown
    }

    /// Where a conninfo value starting at `start` ends: after its closing quote, or at the
    /// next space.
    private static func endOfValue(_ text: String, from start: String.Index) -> String.Index {
        guard start < text.endIndex else { return start }
        var index = start
        if text[index] == "'" {
            index = text.index(after: index)
            while index < text.endIndex, text[index] != "'" {
                if text[index] == "\\" { index = text.index(after: index); if index == text.endIndex { break } }
                index = text.index(after: index)
            }
            return index < text.endIndex ? text.index(after: index) : index
        }
        while index < text.endIndex, text[index] != " " { index = text.index(after: index) }
        return index
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
