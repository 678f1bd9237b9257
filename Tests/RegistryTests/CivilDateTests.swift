import Foundation
import Registry
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

    @Test func knowsLeapYears() throws {
        #expect((try? CivilDate("2000-02-29")) != nil)
        #expect((try? CivilDate("2024-02-29")) != nil)
    }
}
