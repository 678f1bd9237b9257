import Foundation
public import Postgres
public import Registry

extension CivilDate {
    /// Today in the time zone named (an IANA name; a district's is ``TenantTransaction/timeZone``).
    public static func today(in zone: String) throws -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return try CivilDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }

    /// Today in Beijing time, the zone all of China keeps and every district's default: for
    /// work done before a district is known (reading a file's rows, checking a demo's year).
    public static func todayInChina() throws -> CivilDate {
        try today(in: "Asia/Shanghai")
    }
}

extension SQL {
    /// `day` as a `date` parameter, or, without one, today in the district computed by the server.
    public static func day(_ day: CivilDate?) -> SQL {
        if let day { return "\(day.description)::date" }
        return "(now() AT TIME ZONE district_time_zone())::date"
    }

    /// The first instant of `day` (or of the day `plusDays` after it) in the district:
    /// midnight in its time zone, as a `timestamptz` that an index on an instant can use.
    public static func districtMidnight(_ day: CivilDate, plusDays: Int = 0) -> SQL {
        "((\(day.description)::date + \(plusDays)::integer)::timestamp AT TIME ZONE district_time_zone())"
    }
}
