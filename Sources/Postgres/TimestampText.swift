import Foundation

/// Conversions between `Date` and PostgreSQL's ISO text form of `timestamptz` and `date`.
///
/// Done by hand (days-from-civil arithmetic) rather than with `DateFormatter`: it is on the
/// hot path of every row that carries a timestamp, and the session's `DateStyle` and
/// `TimeZone` are pinned to `ISO` and `UTC` when connecting.
enum TimestampText {
    /// `2024-03-05 08:30:00.123456+00`
    static func format(_ date: Date) -> String {
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = totalMicros / 1_000_000
        var micros = totalMicros % 1_000_000
        if micros < 0 { micros += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = civil(fromDays: days)
        let hour = secondOfDay / 3600, minute = (secondOfDay % 3600) / 60, second = secondOfDay % 60
        let fraction = String(micros + 1_000_000).dropFirst()
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(fraction)+00"
    }

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][+HH[:MM]]`; returns nil for anything else.
    static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else {
            return nil
        }
        var seconds = days(fromCivil: year, month, day) * 86_400
        var micros: Int64 = 0
        if expect(32) {
            guard let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2) else {
                return nil
            }
            seconds += hour * 3600 + minute * 60 + second
            if expect(46) {
                var scale: Int64 = 100_000
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    micros += Int64(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        if index < bytes.count {
            let sign: Int64 = bytes[index] == 45 ? -1 : 1
            guard bytes[index] == 43 || bytes[index] == 45 else { return nil }
            index += 1
            guard let offsetHours = number(2) else { return nil }
            var offset = offsetHours * 3600
            if expect(58), let offsetMinutes = number(2) { offset += offsetMinutes * 60 }
            if expect(58), let offsetSeconds = number(2) { offset += offsetSeconds }
            seconds -= sign * offset
        }
        guard index == bytes.count else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // Howard Hinnant's algorithms, proleptic Gregorian calendar.
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Hex encoding of `bytea` values (`\x0a1b…`), the server's default output format.
enum HexText {
    private static let digits = Array("0123456789abcdef".utf8)

    static func byteaLiteral(_ data: Data) -> String {
        var bytes: [UInt8] = [92, 120]  // "\x"
        bytes.reserveCapacity(2 + data.count * 2)
        for byte in data {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeBytea(_ text: Substring.UTF8View) -> Data? {
        var iterator = text.makeIterator()
        guard iterator.next() == 92, iterator.next() == 120 else { return nil }
        var data = Data()
        data.reserveCapacity(text.count / 2)
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = value(high), let l = value(low) else { return nil }
            data.append(h << 4 | l)
        }
        return data
    }

    private static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}
