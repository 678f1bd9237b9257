/// One setting's value.
public enum SettingValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case integer(Int64)
    case boolean(Bool)
    /// A list of texts (a district's own roles, steps or kinds).
    case textList([String])

    /// Decodes a bare JSON string, number, boolean or list of strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let items = try? container.decode([String].self) {
            self = .textList(items)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// Encodes a bare JSON string, number, boolean or list of strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .text(text): try container.encode(text)
        case let .integer(number): try container.encode(number)
        case let .boolean(flag): try container.encode(flag)
        case let .textList(items): try container.encode(items)
        }
    }

    public var description: String {
        switch self {
        case let .text(text): text
        case let .integer(number): String(number)
        case let .boolean(flag): flag ? "true" : "false"
        case let .textList(items): items.joined(separator: "、")
        }
    }
}

/// A module's settings for one tenant: every field of its schema, validated.
public struct ModuleSettings: Sendable, Hashable, Codable {
    /// Key → value.
    public var values: [String: SettingValue]

    public init(_ values: [String: SettingValue] = [:]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: SettingValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// A text setting, or nil when absent or not text.
    public func text(_ key: String) -> String? {
        if case let .text(text) = values[key] { return text }
        return nil
    }

    /// A whole-number setting, or nil when absent or not a number.
    public func integer(_ key: String) -> Int64? {
        if case let .integer(number) = values[key] { return number }
        return nil
    }

    /// A yes/no setting, or nil when absent or not one.
    public func boolean(_ key: String) -> Bool? {
        if case let .boolean(flag) = values[key] { return flag }
        return nil
    }

    /// A list-of-texts setting, or nil when absent or not one.
    public func textList(_ key: String) -> [String]? {
        if case let .textList(items) = values[key] { return items }
        return nil
    }
}

/// A JSON value as a settings document holds it (decoded strictly: `1` is not `true`, `1.5`
/// is not a whole number).
enum JSONValue: Decodable {
    case text(String)
    case integer(Int64)
    case fraction(Double)
    case boolean(Bool)
    case textList([String])
    case null
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .fraction(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let items = try? container.decode([String].self) {
            self = .textList(items)
        } else {
            self = .other
        }
    }

    /// A setting's value as a document would hold it.
    init(_ value: SettingValue) {
        switch value {
        case let .text(text): self = .text(text)
        case let .integer(number): self = .integer(number)
        case let .boolean(flag): self = .boolean(flag)
        case let .textList(items): self = .textList(items)
        }
    }

    var kindName: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number"
        case .fraction: "a fraction"
        case .boolean: "true/false"
        case .textList: "a list of texts"
        case .null: "null"
        case .other: "an array or object"
        }
    }
}
