/// An account's login name: 3–64 characters of lower-case letters, digits and `. _ @ -`,
/// starting with a letter or digit (the same rule as the `account.login` column).
///
/// ```swift
/// let login = try AccountLogin("wang.min")
/// ```
public struct AccountLogin: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Checks and wraps a login.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`, field `login`) naming the rule.
    /// The shape of a login, as a regular expression (what the API's document publishes).
    public static let pattern = "^[a-z0-9][a-z0-9._@-]{2,63}$"

    public init(_ text: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._@-")
        guard (3...64).contains(text.count), text.allSatisfy(allowed.contains),
              let first = text.first, first.isLetter || first.isNumber
        else {
            throw RegistryError.invalid(
                "login",
                chinese: "登录名须为 3–64 个小写字母、数字或 . _ @ -，以字母或数字开头",
                english: "a login is 3–64 lower-case letters, digits or . _ @ -, starting with a letter or digit"
            )
        }
        rawValue = text
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try AccountLogin($0) }
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
