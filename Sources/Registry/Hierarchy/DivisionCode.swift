/// A six-digit administrative division code (GB/T 2260), e.g. `610925` for Langao county.
///
/// The code reads as three two-digit parts: province (`61`, Shaanxi), prefecture (`09`,
/// Ankang) and county (`25`, Langao). It is a tenant's natural key next to its slug.
///
/// ```swift
/// let langao = try DivisionCode("610925")
/// langao.province     // "61"
/// langao.prefecture   // "09"
/// langao.county       // "25"
/// ```
public struct DivisionCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The six digits as stored.
    public let rawValue: String

    /// The province parts in use, from GB/T 2260: 11–15 (north), 21–23 (north-east),
    /// 31–37 (east), 41–46 (central south), 50–54 (south-west), 61–65 (north-west),
    /// 71 (Taiwan), 81 and 82 (Hong Kong, Macao). Any other first two digits are a typo.
    static let provincePrefixes: Set<Int> = Set(
        Array(11...15) + Array(21...23) + Array(31...37) + Array(41...46) + Array(50...54)
            + Array(61...65) + [71, 81, 82]
    )

    /// Checks and wraps a division code.
    ///
    /// - Parameter text: Exactly six ASCII digits; no white space is stripped, because an
    ///   importer should report a padded code rather than have it silently accepted.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `division_code`) for a wrong
    ///   length, non-digits, `000000`, or a first part that is not a province.
    public init(_ text: String) throws {
        guard text.utf8.count == 6, text.isASCIIDigits else {
            throw RegistryError.invalid(
                "division_code",
                chinese: "行政区划代码「\(text)」须为 6 位数字",
                english: "division code '\(text)' must be exactly 6 digits"
            )
        }
        guard text != "000000" else {
            throw RegistryError.invalid(
                "division_code",
                chinese: "行政区划代码不能为 000000",
                english: "division code cannot be 000000"
            )
        }
        let province = String(text.prefix(2))
        guard let number = Int(province), Self.provincePrefixes.contains(number) else {
            throw RegistryError.invalid(
                "division_code",
                chinese: "行政区划代码「\(text)」的前两位 \(province) 不是省级代码",
                english: "division code '\(text)': \(province) is not a province code"
            )
        }
        rawValue = text
    }

    /// Whether the two digits name a province (used by ID card numbers too).
    static func isProvince(_ twoDigits: some StringProtocol) -> Bool {
        guard twoDigits.count == 2, let number = Int(twoDigits) else { return false }
        return provincePrefixes.contains(number)
    }

    /// The province part, e.g. `61`.
    public var province: String { String(rawValue.prefix(2)) }

    /// The prefecture part, e.g. `09`; `00` for a province's own code.
    public var prefecture: String { String(rawValue.dropFirst(2).prefix(2)) }

    /// The county part, e.g. `25`; `00` for a prefecture's own code.
    public var county: String { String(rawValue.suffix(2)) }

    /// Whether the code names a county-level division (a district, county or county-level
    /// city): the kind of division a tenant is.
    public var isCountyLevel: Bool { county != "00" }

    /// Orders by the digits, which groups counties under their prefecture and province.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Decodes and validates a bare string.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try DivisionCode($0) }
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        try encodeText(rawValue, to: encoder)
    }

    /// The six digits.
    public var description: String { rawValue }
}
