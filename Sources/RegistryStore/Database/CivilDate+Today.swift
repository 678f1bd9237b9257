import Foundation
public import Postgres
public import Registry

extension CivilDate {
    /// Today's date in China (Asia/Shanghai): the day a record made now is dated.
    public static func todayInChina() throws -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return try CivilDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }
}

extension CivilDate {
    /// Today in UTC: the days the lists count in (a quarter ends at midnight UTC).
    public static func todayUTC() -> CivilDate {
        CivilDate(daysSince1970: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}

extension SQL {
    /// `day` as a `date` parameter, or, without one, today in China computed by the server.
    public static func day(_ day: CivilDate?) -> SQL {
        if let day { return "\(day.description)::date" }
        return "(now() AT TIME ZONE 'Asia/Shanghai')::date"
    }
}
