public import Foundation

/// What a module lets each district set, field by field, with defaults and limits.
///
/// The schema is published (`govreg module show ID --json`) so an admin screen can render a
/// form; ``validate(_:over:)`` checks what an admin sends.
///
/// ```swift
/// let schema = ModuleSettingsSchema([
///     SettingField(key: "local_name", chineseName: "本地名称", englishName: "local name", kind: .text(maxLength: 20), default: .text("板凳会")),
///     SettingField(key: "reply_deadline_days", chineseName: "答复时限（天）", englishName: "reply deadline (days)",
///                  kind: .integer(1...90), default: .integer(7)),
/// ])
/// let settings = try schema.validate(Data(#"{"reply_deadline_days": 10}"#.utf8))
/// ```
public struct ModuleSettingsSchema: Sendable, Hashable, Codable {
    /// The fields, in the order a form shows them; keys unique.
    public var fields: [SettingField]

    public init(_ fields: [SettingField] = []) {
        self.fields = fields
    }

    /// Every field at its default.
    public var defaults: ModuleSettings {
        ModuleSettings(Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.default) }))
    }

    /// Checks a settings document (a JSON object) and returns the settings it gives, on top
    /// of `base` (the tenant's current settings, or the defaults): keys it names replace
    /// theirs, the others stay.
    ///
    /// - Throws: ``ModuleSettingsError`` naming the first key that is unknown, of the wrong
    ///   type or out of range, in key order.
    public func validate(_ document: Data, over base: ModuleSettings? = nil) throws(ModuleSettingsError) -> ModuleSettings {
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: document)
        } catch {
            throw ModuleSettingsError(key: "(file)", reason: "not a JSON object {…} 须为 JSON 对象")
        }
        var settings = base ?? defaults
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            // null is "not given", as everywhere in a request: the setting keeps its value.
            if case .null = value, fields.contains(where: { $0.key == key }) { continue }
            guard let field = fields.first(where: { $0.key == key }) else {
                let known = fields.map(\.key).joined(separator: ", ")
                throw ModuleSettingsError(key: key, reason: "unknown setting 没有这个设置项; expected one of: \(known)")
            }
            settings.values[key] = try field.check(value)
        }
        return settings
    }
}

/// One setting: its key, names, kind and limits, and default.
public struct SettingField: Sendable, Hashable, Codable {
    public var key: String
    public var chineseName: String
    public var englishName: String
    public var kind: Kind
    public var `default`: SettingValue

    /// What values a setting takes.
    public enum Kind: Sendable, Hashable, Codable {
        /// Text of 1…maxLength characters.
        case text(maxLength: Int)
        /// A whole number in the range.
        case integer(ClosedRange<Int64>)
        /// Yes or no.
        case boolean
        /// One of the listed values.
        case choice([String])
        /// A list of 1…maxItems distinct texts, each of 1…maxLength characters, in the
        /// district's order (its own roles, steps or kinds of matter).
        case textList(maxItems: Int, maxLength: Int)
    }

    public init(key: String, chineseName: String, englishName: String, kind: Kind, default: SettingValue) {
        self.key = key
        self.chineseName = chineseName
        self.englishName = englishName
        self.kind = kind
        self.default = `default`
    }

    /// The value, checked against this field's kind.
    func check(_ value: JSONValue) throws(ModuleSettingsError) -> SettingValue {
        switch (kind, value) {
        case let (.text(maxLength), .text(text)):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= maxLength else {
                throw ModuleSettingsError(key: key, reason: "expected text of 1–\(maxLength) characters 须为 1–\(maxLength) 个字")
            }
            return .text(trimmed)
        case let (.integer(range), .integer(number)):
            guard range.contains(number) else {
                throw ModuleSettingsError(key: key, reason: "\(number) is outside \(range.lowerBound)…\(range.upperBound) 超出范围")
            }
            return .integer(number)
        case (.boolean, .boolean(let flag)):
            return .boolean(flag)
        case let (.choice(options), .text(text)):
            guard options.contains(text) else {
                throw ModuleSettingsError(key: key, reason: "\"\(text)\" is not one of \(options.joined(separator: ", "))")
            }
            return .text(text)
        case let (.textList(maxItems, maxLength), .textList(items)):
            return .textList(try Self.checkedList(items, key: key, maxItems: maxItems, maxLength: maxLength))
        default:
            throw ModuleSettingsError(key: key, reason: "expected \(kind.expectation), got \(value.kindName)")
        }
    }
}

extension SettingField {
    /// The items trimmed, each 1…maxLength characters, none twice, 1…maxItems of them.
    static func checkedList(_ items: [String], key: String, maxItems: Int, maxLength: Int) throws(ModuleSettingsError) -> [String] {
        let trimmed = items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard (1...maxItems).contains(trimmed.count) else {
            throw ModuleSettingsError(key: key, reason: "expected 1–\(maxItems) items, got \(trimmed.count) 须有 1–\(maxItems) 项")
        }
        for (index, item) in trimmed.enumerated() {
            guard !item.isEmpty, item.count <= maxLength else {
                throw ModuleSettingsError(key: key, reason: "item \(index + 1) must be 1–\(maxLength) characters 第 \(index + 1) 项须为 1–\(maxLength) 个字")
            }
            guard !trimmed[..<index].contains(item) else {
                throw ModuleSettingsError(key: key, reason: "\"\(item)\" is listed twice 重复")
            }
        }
        return trimmed
    }
}

extension SettingField.Kind {
    var expectation: String {
        switch self {
        case .text: "text 文本"
        case .integer: "a whole number 整数"
        case .boolean: "true or false 是/否"
        case let .choice(options): "one of \(options.joined(separator: ", "))"
        case let .textList(maxItems, maxLength): "a list of 1–\(maxItems) texts of 1–\(maxLength) characters 文本列表"
        }
    }
}

/// A setting that cannot be used, naming its key.
public struct ModuleSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public var description: String { "settings 设置 \(key): \(reason)" }
}
