import Foundation

/// Small formats the pages share.
enum ConsoleFormat {
    /// A key as one path segment (external ids may hold `/` or `#`).
    static func path(_ key: String) -> String {
        key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? key
    }

    /// An instant as people in China read it (the console shows Beijing time).
    static func time(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: TimeZone(identifier: "Asia/Shanghai")!, calendar: Calendar(identifier: .gregorian)))
    }
}
