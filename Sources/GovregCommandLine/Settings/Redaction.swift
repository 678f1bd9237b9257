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
    ///
    /// Everything between the first `:` and the last `@` is hidden, not only up to the first
    /// `/` or `?`: a password may hold those unescaped (a mistake, and just the kind an operator
    /// runs `govreg config` to find), and showing too little is the safe way to be wrong.
    private static func url(_ text: String, schemeLength: Int) -> String {
        let scheme = text.prefix(schemeLength)
        var rest = String(text.dropFirst(schemeLength))
        var queryFrom = rest.startIndex
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            let shown = String(rest[...colon]) + mask
            rest = shown + String(rest[at...])
            queryFrom = rest.index(rest.startIndex, offsetBy: shown.count)
        }
        guard let mark = rest[queryFrom...].firstIndex(of: "?") else { return String(scheme) + rest }
        let parameters = rest[rest.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            parameter.lowercased().hasPrefix("password=") ? "password=" + mask : String(parameter)
        }
        return String(scheme) + String(rest[...mark]) + parameters.joined(separator: "&")
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
            let keywordName = keyword.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
            shown += String(text[index...equals])
            var valueStart = text.index(after: equals)
            while valueStart < text.endIndex, text[valueStart].isWhitespace {
                shown.append(text[valueStart])
                valueStart = text.index(after: valueStart)
            }
            let valueEnd = endOfValue(text, from: valueStart)
            shown += keywordName.lowercased() == "password" ? mask : String(text[valueStart..<valueEnd])
            index = valueEnd
        }
        return shown
    }

    /// Where a conninfo value starting at `start` ends: after its closing quote, or at the
    /// next white space (a tab or a newline too, as libpq reads it).
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
        while index < text.endIndex, !text[index].isWhitespace { index = text.index(after: index) }
        return index
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
