/// A closed list of values, stored as stable lowercase snake_case text and shown in two
/// languages.
///
/// The raw values are what the storage layer writes into `text` columns guarded by a
/// `CHECK (… IN (…))` constraint, so they never change once released; the display names
/// may. ``storedValues`` gives the list for that constraint, so a test can compare the two.
///
/// ```swift
/// DemandState.inProject.rawValue        // "in_project"
/// DemandState.inProject.chineseName     // "已立项"
/// try DemandState(parsing: "已立项")     // .inProject (imports accept either language)
/// ```
public protocol Vocabulary: CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible,
    RawRepresentable where RawValue == String
{
    /// The name shown to Chinese-speaking users.
    var chineseName: String { get }
    /// The name shown to English-speaking users.
    var englishName: String { get }
    /// Other Chinese names a spreadsheet may use for the value (e.g. 小区 and 院落 for a compound).
    var chineseAliases: [String] { get }
    /// The field name used in error messages, e.g. `demand_state`.
    static var fieldName: String { get }
}

extension Vocabulary {
    /// No aliases by default.
    public var chineseAliases: [String] { [] }

    /// The stored raw value, so that interpolating a value never shows a Swift case name.
    public var description: String { rawValue }

    /// Every raw value, in declaration order: the list for the column's CHECK constraint.
    public static var storedValues: [String] { allCases.map(\.rawValue) }

    /// Reads a value as a person or a spreadsheet writes it.
    ///
    /// Accepts the raw value, the Chinese name or an alias, or the English name in any
    /// letter case; surrounding white space is ignored.
    ///
    /// - Parameter text: The text to read.
    /// - Throws: ``RegistryError`` with code `invalidValue`, listing the accepted values.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        let lowered = trimmed.lowercased()
        let found = Self.allCases.first { value in
            value.rawValue == trimmed || value.chineseName == trimmed || value.chineseAliases.contains(trimmed)
                || value.englishName.lowercased() == lowered
        }
        guard let found else {
            let known = Self.allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
            throw RegistryError.invalid(
                Self.fieldName,
                chinese: "无法识别「\(trimmed)」，可选值：\(known)",
                english: "unknown value '\(trimmed)'; expected one of: \(known)"
            )
        }
        self = found
    }
}
