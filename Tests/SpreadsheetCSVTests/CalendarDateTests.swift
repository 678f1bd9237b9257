import Foundation
import SpreadsheetCSV
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("valid dates, including leap days")
    func valid() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2024, month: 12, day: 31) != nil)
    }

    @Test("dates that do not exist", arguments: [
        (2024, 2, 30), (2023, 2, 29), (1900, 2, 29), (2024, 4, 31),
        (2024, 13, 1), (2024, 0, 1), (2024, 1, 0), (0, 1, 1),
    ])
    func invalid(year: Int, month: Int, day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test("description is ISO 8601")
    func description() {
        #expect(CalendarDate(year: 2024, month: 3, day: 5)!.description == "2024-03-05")
        #expect(CalendarDate(year: 987, month: 10, day: 15)!.description == "0987-10-15")
    }

    @Test("ordering")
    func ordering() {
        let dates = [(2024, 3, 5), (2023, 12, 31), (2024, 2, 29), (2024, 3, 4)].map {
            CalendarDate(year: $0.0, month: $0.1, day: $0.2)!
        }
        #expect(dates.sorted().map(\.description) == ["2023-12-31", "2024-02-29", "2024-03-04", "2024-03-05"])
    }

    @Test("Codable as an ISO string")
    func codable() throws {
        let date = CalendarDate(year: 2024, month: 3, day: 5)!
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2024-03-05"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2024-02-30"]"#.utf8))
        }
    }

    @Test("init(iso:) takes only the strict form")
    func iso() {
        #expect(CalendarDate(iso: "2024-03-05") == CalendarDate(year: 2024, month: 3, day: 5))
        #expect(CalendarDate(iso: "2024-3-5") == nil)
        #expect(CalendarDate(iso: "2024/03/05") == nil)
    }

    @Test("Day counts from 1970-01-01 go both ways, leap days and years before 1970 included")
    func dayCounts() {
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.daysSinceUnixEpoch == 0)
        #expect(CalendarDate(year: 1899, month: 12, day: 30)!.daysSinceUnixEpoch == -25_569)
        #expect(CalendarDate(year: 2024, month: 3, day: 5)!.daysSinceUnixEpoch == 19_787)
        #expect(CalendarDate(daysSinceUnixEpoch: 19_787) == CalendarDate(year: 2024, month: 3, day: 5))
        // Every day from 1899 to 2101 comes back as itself, and consecutive days count by one.
        var previous: Int?
        for year in 1899...2101 {
            for month in 1...12 {
                for day in 1...CalendarDate.daysIn(month: month, year: year) {
                    let date = CalendarDate(year: year, month: month, day: day)!
                    let count = date.daysSinceUnixEpoch
                    #expect(CalendarDate(daysSinceUnixEpoch: count) == date)
                    if let previous { #expect(count == previous + 1) }
                    previous = count
                }
            }
        }
    }
}
