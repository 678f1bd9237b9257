public import SpreadsheetCSV

/// Excel's dates: a number of days since an epoch, shown as a date only by the cell's number
/// format. The reader turns a date-formatted number into the ISO text every importer already
/// parses (`2024-03-05`, or `2024-03-05 14:30` when it has a time of day).
///
/// ```swift
/// ExcelDate.text(serial: 45356, date1904: false)   // "2024-03-05"
/// ExcelDate.text(serial: 60, date1904: false)      // "1900-02-29" (Lotus's day that never was)
/// ExcelDate.isDateFormat(id: 14, code: nil)        // true
/// ExcelDate.isDateFormat(id: 176, code: "yyyy\"年\"m\"月\"d\"日\"")   // true
/// ```
public enum ExcelDate {
    /// The ISO text of `serial` in the workbook's date system.
    ///
    /// In the 1900 system (the default) serial 1 is 1900-01-01 and serial 60 is the
    /// 1900-02-29 that Lotus 1-2-3 invented and Excel keeps; it is returned as written, so
    /// that the date check refuses it at its cell. In the 1904 system serial 0 is 1904-01-01.
    /// A serial below 1 with a fraction is a time of day alone (`14:30`).
    public static func text(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 {
            days += 1
            seconds = 0
        }
        let time = seconds == 0 ? "" : clock(seconds)
        if !date1904 && days == 0 { return time.isEmpty ? "1900-01-00" : time }
        let date: String
        if date1904 {
            date = CalendarDate(daysSinceUnixEpoch: days + epoch1904).description
        } else if days == 60 {
            date = "1900-02-29"
        } else {
            // Before the invented day the serials count from 1899-12-31, after it from 1899-12-30.
            date = CalendarDate(daysSinceUnixEpoch: days + (days < 60 ? epoch1900 + 1 : epoch1900)).description
        }
        return time.isEmpty ? date : date + " " + time
    }

    /// Days from 1970-01-01 back to 1899-12-30 and to 1904-01-01.
    static let epoch1900 = -25_569
    static let epoch1904 = -24_107

    private static func clock(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60
        let text = two(hours) + ":" + two(minutes)
        return rest == 0 ? text : text + ":" + two(rest)
    }

    private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// The serial number of `date` in the 1900 system (1 is 1900-01-01), which counts the
    /// 1900-02-29 that never was, as Lotus 1-2-3 did; nil before 1900. What the writer
    /// stores for a date cell.
    public static func serial(of date: CalendarDate) -> Int? {
        guard date.year >= 1900 else { return nil }
        let days = date.daysSinceUnixEpoch - epoch1900
        // Before 1 March 1900 the serials count from 1899-12-31, after it from 1899-12-30.
        return days < 61 ? days - 1 : days
    }

    /// The built-in number formats that show a date or a time: 14–22 and 45–47 in every
    /// locale, and 27–36 and 50–58, which Chinese, Japanese and Korean Excel show as dates
    /// (`yyyy"年"m"月"d"日"`), so a district's workbook saved there reads as dates too.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// Whether a number format shows a date or time: a built-in date format, or a custom
    /// code with y, m, d, h or s outside quoted text, `[…]` brackets (colours, locales) and
    /// escaped characters.
    public static func isDateFormat(id: Int, code: String?) -> Bool {
        guard let code else { return builtInDateFormats.contains(id) }
        var quoted = false, bracketed = false, escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            case "\\", "_", "*": if !quoted { escaped = true }
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S":
                if !quoted && !bracketed { return true }
            default: break
            }
        }
        return false
    }
}
