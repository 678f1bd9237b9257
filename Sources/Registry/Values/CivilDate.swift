/// A calendar day without a time or a time zone: a due date, a start date, the day of a
/// progress report (PostgreSQL `date`).
///
/// Kept apart from `Date` on purpose: a due date of 5 March is 5 March in Langao whatever
/// the server's time zone, and converting it through an instant is how off-by-one-day bugs
/// start.
///
/// ```swift
/// let due = try CivilDate("2024-03-05")
/// due.description   // "2024-03-05"
/// ```
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 28…31.
    public let day: Int

    /// Checks and makes a day.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`, field `date`) for a day that does not
    ///   exist, such as 2023-02-29.
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw RegistryError.invalid(
                "date",
                chinese: "日期 \(year)-\(month)-\(day) 不存在",
                english: "\(year)-\(month)-\(day) is not a calendar day"
            )
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The last day there is, 9999-12-31: "no limit" where a day bounds a check.
    public static let latest = CivilDate(checked: 9999, 12, 31)

    /// A day the caller has already checked (a quarter's bounds): the parts are used as they are.
    init(checked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads the ISO form `YYYY-MM-DD`.
    ///
    /// Spreadsheet forms (`2024/3/5`, `2024年3月5日`) are the importer's business; the
    /// domain accepts only the one unambiguous form.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`, field `date`).
    public init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ String($0).isASCIIDigits }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw RegistryError.invalid(
                "date",
                chinese: "日期「\(text)」须为 YYYY-MM-DD 格式",
                english: "date '\(text)' must be written YYYY-MM-DD"
            )
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date `days` days after 1970-01-01 (negative: before), in the proleptic Gregorian
    /// calendar: what PostgreSQL gives for `date - DATE '1970-01-01'`, read without parsing
    /// text (a matching run reads two dates for each of 100,000 demands).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days, in whole-number arithmetic.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Orders chronologically.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes and validates `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try CivilDate($0) }
    }

    /// Encodes `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        try encodeText(description, to: encoder)
    }

    /// `YYYY-MM-DD`, zero-padded.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
