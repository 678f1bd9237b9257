/// A plug-in module's stable identifier, e.g. `bench_talk`: lowercase letters, digits and
/// underscores, starting with a letter, 2–40 characters. It names the module's migrations
/// folder (`migrations/modules/<id>/`), its tables' prefix and its settings in every tenant,
/// so it never changes once a module ships.
public struct ModuleID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The shape of an id, as a regular expression (what the API's document publishes).
    public static let pattern = "^(?!core$)[a-z][a-z0-9_]{1,39}$"

    /// Checks and wraps an id.
    ///
    /// - Throws: ``RegistryError`` `invalidValue` naming the rule.
    public init(_ text: String) throws {
        let bytes = Array(text.utf8)
        let valid = (2...40).contains(bytes.count) && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0])
            && bytes.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") }
        guard valid, text != "core" else {
            throw RegistryError(
                .invalidValue, field: "module_id",
                chinese: "模块标识「\(text)」无效：须为小写字母开头的 2–40 个小写字母、数字或下划线，且不能是 core",
                english: "module id \"\(text)\" is invalid: 2–40 lowercase letters, digits or underscores, starting with a letter, and not \"core\"")
        }
        rawValue = text
    }

    public init?(rawValue: String) {
        guard let id = try? ModuleID(rawValue) else { return nil }
        self = id
    }

    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
