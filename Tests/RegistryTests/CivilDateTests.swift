import Foundation
@testable import Registry
import Testing

@Suite struct CivilDateTests {
    @Test func readsAndWritesISO() throws {
        let day = try CivilDate("2024-03-05")
        #expect(day.year == 2024 && day.month == 3 && day.day == 5)
        #expect(day.description == "2024-03-05")
        #expect(try CivilDate(year: 987, month: 1, day: 2).description == "0987-01-02")
        #expect(try CivilDate("2024-02-29") < CivilDate("2024-03-01"))
        let decoded = try JSONDecoder().decode([CivilDate].self, from: JSONEncoder().encode([day]))
        #expect(decoded == [day])
    }

    @Test(arguments: ["2023-02-29", "2100-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024/3/5", "24-03-05", "2024-3-5", ""])
    func refusesDaysThatDoNotExist(_ text: String) {
        #expect(throws: RegistryError.self) { try CivilDate(text) }
    }

    @Test func dayNumbersMatchTheCalendarDayByDay() throws {
        #expect(CivilDate(daysSince1970: 0).description == "1970-01-01")
        #expect(CivilDate(daysSince1970: -1).description == "1969-12-31")
        #expect(CivilDate(daysSince1970: 19_851).description == "2024-05-08")
        // Every day from 1900 to 2100 follows the one before it, as the calendar says.
        var expected = try CivilDate("1900-01-01")
        for days in -25_567...47_482 {
            let date = CivilDate(daysSince1970: days)
            #expect(date == expected, "\(days)")
            if date != expected { break }
            let last = expected.day == CivilDate.daysIn(month: expected.month, year: expected.year)
            expected = last
                ? (expected.month == 12 ? try CivilDate(year: expected.year + 1, month: 1, day: 1) : try CivilDate(year: expected.year, month: expected.month + 1, day: 1))
                : try CivilDate(year: expected.year, month: expected.month, day: expected.day + 1)
        }
    }

    @Test func knowsLeapYears() throws {
        #expect((try? CivilDate("2000-02-29")) != nil)
        #expect((try? CivilDate("2024-02-29")) != nil)
    }
}
