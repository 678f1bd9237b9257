/// A calendar quarter (季度), the period a district reports on: `2026Q3` is July to September 2026.
///
/// Quarterly disclosure is a legal duty, and local catalogues ask for publication by the 20th
/// of the month after the quarter: ``publicationDeadline`` is that day.
///
/// ```swift
/// let q = try Quarter("2026Q3")
/// q.firstDay              // 2026-07-01
/// q.lastDay               // 2026-09-30
/// q.previous.description  // "2026Q2"
/// q.publicationDeadline   // 2026-10-20
/// q.chineseName           // "2026年第三季度"
/// ```
public struct Quarter: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1000 to 9998 (so that the quarters around it are days ``CivilDate`` holds).
    public let year: Int
    /// The quarter of the year, 1 to 4.
    public let number: Int

    /// Checks and makes a quarter.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quarter`).
    public init(year: Int, number: Int) throws {
        guard (1000...9998).contains(year), (1...4).contains(number) else {
            throw Self.invalid("\(year)Q\(number)")
        }
        self.year = year
        self.number = number
    }

    /// The canonical shape, `2026Q3`, as a regular expression (what the API's document publishes).
    public static let pattern = "^[1-9][0-9]{3}Q[1-4]$"

    /// Reads `2026Q3` (also `2026-Q3` and a lowercase `q`).
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quarter`).
    public init(_ text: String) throws {
        let upper = text.uppercased()
        let parts = upper.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw Self.invalid(text) }
        var yearText = Substring(parts[0])
        if yearText.hasSuffix("-") { yearText = yearText.dropLast() }
        guard yearText.count == 4, String(yearText).isASCIIDigits, parts[1].count == 1,
            let year = Int(yearText), let number = Int(parts[1])
        else { throw Self.invalid(text) }
        do { try self.init(year: year, number: number) } catch { throw Self.invalid(text) }
    }

    /// The quarter a day falls in (a day outside 1000…9998 falls in the nearest quarter of that range).
    public init(containing day: CivilDate) {
        year = min(max(day.year, 1000), 9998)
        number = day.year < 1000 ? 1 : day.year > 9998 ? 4 : (day.month - 1) / 3 + 1
    }

    private static func invalid(_ text: String) -> RegistryError {
        RegistryError.invalid(
            "quarter",
            chinese: "季度「\(text)」须写作 年份Q季度，如 2026Q3",
            english: "quarter '\(text)' must be written YEARQn, e.g. 2026Q3"
        )
    }

    /// The quarter's first day.
    public var firstDay: CivilDate { CivilDate(checked: year, (number - 1) * 3 + 1, 1) }

    /// The quarter's last day.
    public var lastDay: CivilDate {
        let month = number * 3
        return CivilDate(checked: year, month, CivilDate.daysIn(month: month, year: year))
    }

    /// The first day after the quarter (the exclusive end that queries compare with).
    public var dayAfter: CivilDate { next.firstDay }

    /// The quarter before.
    public var previous: Quarter {
        number == 1 ? Quarter(unchecked: year - 1, 4) : Quarter(unchecked: year, number - 1)
    }

    /// The quarter after.
    public var next: Quarter {
        number == 4 ? Quarter(unchecked: year + 1, 1) : Quarter(unchecked: year, number + 1)
    }

    /// The `count` quarters ending with this one, oldest first (for a trend chart).
    public func trailing(_ count: Int) -> [Quarter] {
        var result = [self]
        while result.count < count { result.insert(result[0].previous, at: 0) }
        return result
    }

    /// The last day to publish this quarter's report: the 20th of the month after it.
    public var publicationDeadline: CivilDate {
        let after = dayAfter
        return CivilDate(checked: after.year, after.month, 20)
    }

    private init(unchecked year: Int, _ number: Int) {
        self.year = year
        self.number = number
    }

    /// `2026年第三季度`.
    public var chineseName: String {
        "\(year)年第\(["一", "二", "三", "四"][number - 1])季度"
    }

    /// `Q3 2026`.
    public var englishName: String { "Q\(number) \(year)" }

    /// `2026Q3` (years have four digits).
    public var description: String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "Q\(number)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }

    /// Decodes and validates `2026Q3`.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try Quarter($0) }
    }

    /// Encodes `2026Q3`.
    public func encode(to encoder: any Encoder) throws {
        try encodeText(description, to: encoder)
    }
}
