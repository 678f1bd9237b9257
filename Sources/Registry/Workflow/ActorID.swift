/// Who made a change: an account of the console or API (`account:17`), an operator at the
/// command line (`cli:postgres`), or a module acting on its own (`module:points`).
///
/// Opaque text to the domain: accounts are defined elsewhere; workflows only record who
/// acted. Recorded on every workflow event and in the audit log.
///
/// ```swift
/// let actor = try ActorID("account:17")
/// ```
public struct ActorID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The longest accepted id, in characters.
    public static let maximumLength = 128

    /// The id as stored, e.g. `account:17`.
    public let rawValue: String

    /// Checks and wraps an actor id.
    ///
    /// - Parameter text: The id; surrounding white space is ignored.
    /// - Throws: ``RegistryError`` (`invalidValue`) when it is empty, too long or contains
    ///   control characters.
    public init(_ text: String) throws {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= Self.maximumLength, !trimmed.containsControlCharacter else {
            throw RegistryError.invalid(
                "actor",
                chinese: "经办人标识须为 1–\(Self.maximumLength) 个字符且不含控制字符",
                english: "an actor id must be 1–\(Self.maximumLength) characters without control characters"
            )
        }
        rawValue = trimmed
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try ActorID($0) }
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        try encodeText(rawValue, to: encoder)
    }

    /// The id as stored.
    public var description: String { rawValue }
}
