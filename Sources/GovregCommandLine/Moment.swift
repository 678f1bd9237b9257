public import Foundation

/// How the command line shows an instant: one format everywhere, in the district's time zone
/// with its offset, `2026-12-06 13:52 +08:00`, so that no one has to know which zone a time
/// is in (JSON keeps UTC: `2026-12-06T05:52:29Z`).
public enum Moment {
    public static func text(_ date: Date, in zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: zone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm xxx"
        return formatter.string(from: date)
    }
}

extension Terminal {
    /// The same terminal, showing instants in `zone` (a district's, ``TenantTransaction/timeZone``).
    public func showingTimes(in zone: String) -> Terminal {
        var copy = self
        copy.timeZone = zone
        return copy
    }

    /// An instant as this terminal shows it (``Moment``): in the district's zone once known,
    /// else in UTC (cluster-wide things: migrations, accounts, tokens).
    public func moment(_ date: Date) -> String { Moment.text(date, in: timeZone) }
}
