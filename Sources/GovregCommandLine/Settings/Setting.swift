import Foundation

/// One setting of govreg: its key in a configuration file (`serve.port`), its flag
/// (`--port`), its environment variable (`GOVREG_PORT`), its default, whether it is a
/// secret, and what values it takes. The whole list is ``catalogue``; ``Settings`` reads
/// them, flag first, then environment, then the file, then the default.
public struct Setting: Sendable {
    /// What a value must look like; checked on the text as it was typed or written, so that
    /// a problem names what the person gave.
    public enum Kind: Sendable {
        /// Any text but an empty one.
        case text
        /// A TCP port, 1–65535.
        case port
        /// A whole number in a range.
        case wholeNumber(ClosedRange<Int>)
        /// A number above zero (a rate per second).
        case positiveNumber
        /// One of a few words.
        case choice([String])
        /// true or false (also yes/no, on/off, 1/0).
        case boolean
        /// An http(s) address without a trailing slash.
        case webAddress
    }

    /// The key in a configuration file, dotted for nesting: `serve.port` is `{"serve": {"port": …}}`.
    public let key: String
    /// The command-line flag, when there is one (`--port`).
    public let flag: String?
    /// The environment variable (`GOVREG_PORT`).
    public let environmentVariable: String
    /// The built-in value, as text; nil when having none means something (no database URL:
    /// the PG* variables, then the embedded cluster).
    public let defaultValue: String?
    /// What having no value means, for `govreg config`, when there is no ``defaultValue``.
    public let unsetMeaning: String
    /// A secret is never printed; a connection string shows everything but its password.
    public let secrecy: Secrecy
    /// False for a setting that belongs to a person or a shell rather than an installation
    /// (who acts, the district): a configuration file naming it is refused, not half-obeyed.
    public let readFromFile: Bool
    public let kind: Kind
    /// One line, Chinese then English, as the command line's help says things.
    public let summary: String

    /// How a value is shown.
    public enum Secrecy: Sendable {
        case plain
        /// A URL or conninfo string: shown with its password as `***`.
        case connectionPassword
        /// Shown as `***` whole.
        case whole
    }

    init(
        _ key: String, flag: String?, environment: String, default defaultValue: String?, unset: String = "",
        secrecy: Secrecy = .plain, file readFromFile: Bool = true, kind: Kind = .text, _ summary: String
    ) {
        self.key = key
        self.flag = flag
        self.environmentVariable = environment
        self.defaultValue = defaultValue
        self.unsetMeaning = unset
        self.secrecy = secrecy
        self.readFromFile = readFromFile
        self.kind = kind
        self.summary = summary
    }

    /// What is wrong with `text` as a value of this setting, or nil when it is a good one.
    public func problem(with text: String) -> String? {
        switch kind {
        case .text:
            return text.isEmpty ? "为空 empty" : nil
        case .port:
            return Int(text).map { (1...65535).contains($0) } == true ? nil : "不是端口号 not a port (1–65535)"
        case .wholeNumber(let range):
            return Int(text).map { range.contains($0) } == true ? nil : "须为整数 not a whole number \(range.lowerBound)–\(range.upperBound)"
        case .positiveNumber:
            return Double(text).map { $0 > 0 && $0.isFinite } == true ? nil : "须为正数 not a number above 0"
        case .choice(let words):
            return words.contains(text.lowercased()) ? nil : "取值无效 not one of \(words.joined(separator: ", "))"
        case .boolean:
            return Self.truth(text) == nil ? "须为 true 或 false not true or false" : nil
        case .webAddress:
            let good = (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.hasSuffix("/") && URL(string: text)?.host != nil
            return good ? nil : "地址无效 not an http(s) address without a trailing slash, e.g. https://gov.example/public"
        }
    }

    /// The flag's value (`true`/`yes`/`on`/`1` and their opposites), nil for anything else.
    static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }

    /// Whether a value holds something to hide.
    public var isSecret: Bool { secrecy != .plain }

    /// `text` as `govreg config` and error messages may show it.
    public func shown(_ text: String) -> String {
        switch secrecy {
        case .plain: text
        case .connectionPassword: Redaction.connectionString(text)
        case .whole: Redaction.mask
        }
    }
}

extension Setting: Hashable {
    public static func == (lhs: Setting, rhs: Setting) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
