/// The short name of a tenant in URLs and on the command line, e.g. `langao`.
///
/// Matches `^[a-z][a-z0-9-]{1,39}$`: 2 to 40 characters, lowercase ASCII letters, digits
/// and hyphens, starting with a letter (so it never looks like a number or an option).
///
/// ```swift
/// let slug = try TenantSlug("langao")
/// ```
public struct TenantSlug: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The slug as stored.
    public let rawValue: String

    /// Checks and wraps a slug.
    ///
    /// - Parameter text: The slug, matched as it is (no trimming, no lowercasing).
    /// - Throws: ``RegistryError`` (`invalidValue`, field `slug`).
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard (2...40).contains(bytes.count), isLetter(bytes[0]),
            bytes.dropFirst().allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
        else {
            throw RegistryError.invalid(
                "slug",
                chinese: "租户简称「\(text)」须以小写字母开头，由 2–40 个小写字母、数字或连字符组成",
                english: "slug '\(text)' must be 2–40 lowercase letters, digits or hyphens, starting with a letter"
            )
        }
        rawValue = text
    }

    /// Orders alphabetically.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try TenantSlug($0) }
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        try encodeText(rawValue, to: encoder)
    }

    /// The slug.
    public var description: String { rawValue }
}
