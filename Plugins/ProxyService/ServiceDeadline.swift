public import Registry

/// An item's deadline (办理时限): so many working or calendar days after the request was
/// received. Working days are Monday to Friday: the core keeps no calendar of public
/// holidays and make-up working days, so a deadline across a holiday comes out early,
/// never late.
///
/// ```swift
/// let deadline = ServiceDeadline(days: 5, kind: .working)
/// deadline.due(receivedOn: try CivilDate("2024-05-10"))   // 2024-05-17 (Friday → next Friday)
/// ```
public struct ServiceDeadline: Sendable, Hashable, Codable, CustomStringConvertible {
    public var days: Int
    public var kind: DeadlineKind

    public init(days: Int, kind: DeadlineKind) {
        self.days = days
        self.kind = kind
    }

    /// The last day a request received on `day` may take: the received day itself is not
    /// counted.
    public func due(receivedOn day: CivilDate) -> CivilDate {
        let start = day.daysSince1970
        switch kind {
        case .calendar:
            return CivilDate(daysSince1970: start + days)
        case .working:
            var current = start, counted = 0
            while counted < days {
                current += 1
                if CivilDate.isWorkingDay(daysSince1970: current) { counted += 1 }
            }
            return CivilDate(daysSince1970: current)
        }
    }

    /// `5 工作日 working days`.
    public var description: String { "\(days) \(kind.chineseName) \(kind.rawValue) days" }
}

extension CivilDate {
    /// Days since 1970-01-01 (negative before it): the inverse of `init(daysSince1970:)`.
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Calendar days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int { other.daysSince1970 - daysSince1970 }

    /// Monday to Friday (1970-01-01 was a Thursday).
    static func isWorkingDay(daysSince1970 days: Int) -> Bool {
        let weekday = ((days + 3) % 7 + 7) % 7   // 0 Monday … 6 Sunday
        return weekday < 5
    }
}
