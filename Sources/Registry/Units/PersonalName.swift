/// A person's name: a resident, a grid worker, a registered party member.
///
/// Masked as the surname followed by one `*` per given-name character: `张*` for 张三,
/// `欧阳**` for 欧阳娜娜 (two-character surnames are recognised from a list of compound
/// surnames).
///
/// ```swift
/// let name = try PersonalName("欧阳娜娜")
/// name.masked   // "欧阳**"
/// ```
public struct PersonalName: PersonalData {
    /// The longest accepted name, in characters.
    public static let maximumLength = 50

    /// The full name, trimmed.
    public let unmasked: String

    /// Checks and wraps a name.
    ///
    /// - Parameter text: The name; surrounding white space is ignored.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `name`) when it is empty, longer
    ///   than 50 characters, or contains digits or control characters (a phone number in
    ///   the name column is a spreadsheet mistake worth catching). The message never
    ///   repeats the name.
    public init(_ text: String) throws {
        let trimmed = text.trimmingWhitespace()
        let hasDigits = trimmed.unicodeScalars.contains { $0.properties.generalCategory == .decimalNumber }
        guard !trimmed.isEmpty, trimmed.count <= Self.maximumLength, !hasDigits, !trimmed.containsControlCharacter
        else {
            throw RegistryError.invalid(
                "name",
                chinese: "姓名须为 1–\(Self.maximumLength) 个字符，不含数字或控制字符",
                english: "a name must be 1–\(Self.maximumLength) characters without digits or control characters"
            )
        }
        unmasked = trimmed
    }

    /// Common two-character (compound) surnames, which stay unmasked as a whole.
    static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "司空", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门",
        "百里", "呼延", "澹台", "公冶", "太史", "申屠", "闻人", "万俟", "赫连", "钟离",
        "宗政", "濮阳", "淳于", "单于", "仲孙", "羊舌", "微生", "拓跋", "东郭", "第五",
        "左丘", "梁丘", "谷梁", "段干", "巫马", "公西", "漆雕", "乐正", "壤驷", "公良",
    ]

    /// The surname kept, the rest starred: `张*`, `欧阳**`; a one-character name is `*`.
    public var masked: String {
        if unmasked.count == 1 { return "*" }
        let isCompound = unmasked.count >= 3 && Self.compoundSurnames.contains(String(unmasked.prefix(2)))
        return maskAfter(unmasked, keeping: isCompound ? 2 : 1)
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try PersonalName($0) }
    }

    /// Encodes the full name (for storage only; see ``PersonalData``).
    public func encode(to encoder: any Encoder) throws {
        try encodeText(unmasked, to: encoder)
    }
}
