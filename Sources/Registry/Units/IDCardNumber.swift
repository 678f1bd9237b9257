/// An 18-character PRC resident identity card number (GB 11643).
///
/// Seventeen digits (six of region, eight of birth date, three of sequence) and a check
/// character computed with ISO 7064 MOD 11-2: `0`–`9` or `X`. Checked in full, so that a
/// mistyped digit is caught at entry. Masked as `6109************12`: the first four and
/// the last two characters kept.
///
/// ```swift
/// let id = try IDCardNumber("11010519491231002X")
/// id.masked   // "1101************2X"
/// ```
public struct IDCardNumber: PersonalData {
    /// The number, with a lowercase `x` normalised to `X`.
    public let unmasked: String

    /// Checks and wraps an ID card number.
    ///
    /// - Parameter text: The number; surrounding white space is ignored, `x` is accepted.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `id_card_number`) for a wrong
    ///   length or characters, an unknown province, an impossible birth date or a wrong
    ///   check character. The message never repeats the number.
    public init(_ text: String) throws {
        let normalised = text.trimmingWhitespace().uppercased()
        let body = String(normalised.prefix(17))
        guard normalised.utf8.count == 18, body.isASCIIDigits, let last = normalised.last,
            last == "X" || (last.isASCII && last.isWholeNumber)
        else {
            throw Self.refusal(chinese: "须为 17 位数字加 1 位数字或 X", english: "must be 17 digits followed by a digit or X")
        }
        guard DivisionCode.isProvince(body.prefix(2)) else {
            throw Self.refusal(chinese: "前两位不是省级代码", english: "the first two digits are not a province code")
        }
        let birth = Array(body.utf8.dropFirst(6).prefix(8)).map { Int($0 - UInt8(ascii: "0")) }
        let year = birth[0...3].reduce(0) { $0 * 10 + $1 }
        let month = birth[4] * 10 + birth[5]
        let day = birth[6] * 10 + birth[7]
        guard year >= 1900, (try? CivilDate(year: year, month: month, day: day)) != nil else {
            throw Self.refusal(chinese: "出生日期不存在", english: "the birth date does not exist")
        }
        guard Self.checkCharacter(for: body) == last else {
            throw Self.refusal(chinese: "校验位不符", english: "the check character does not match")
        }
        unmasked = normalised
    }

    /// The ISO 7064 MOD 11-2 check character for 17 ASCII digits: the digits weighted by
    /// 2^(17−i) mod 11 (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), summed, and
    /// the remainder mod 11 mapped to 1, 0, X, 9, 8, 7, 6, 5, 4, 3, 2.
    static func checkCharacter(for body: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - UInt8(ascii: "0")) * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    private static func refusal(chinese: String, english: String) -> RegistryError {
        RegistryError.invalid(
            "id_card_number",
            chinese: "身份证号码有误：" + chinese,
            english: "invalid ID card number: " + english
        )
    }

    /// The first four and the last two characters, twelve `*` between.
    public var masked: String {
        String(unmasked.prefix(4)) + String(repeating: "*", count: 12) + String(unmasked.suffix(2))
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try IDCardNumber($0) }
    }

    /// Encodes the full number (for storage only; see ``PersonalData``).
    public func encode(to encoder: any Encoder) throws {
        try encodeText(unmasked, to: encoder)
    }
}
