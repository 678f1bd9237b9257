@testable import Points
import Registry
import Testing

@Suite struct PointsMonthTests {
    @Test func monthsAndPeriods() throws {
        #expect(try PointsMonth.parse("2024-02") == CivilDate("2024-02-01"))
        #expect(try PointsMonth.parse("2024-02-17") == CivilDate("2024-02-17"))
        #expect(throws: RegistryError.self) { try PointsMonth.parse("2024-13") }
        #expect(throws: RegistryError.self) { try PointsMonth.parse("二月") }
        #expect(try PointsMonth.dayBefore(CivilDate("2024-03-01")) == CivilDate("2024-02-29"))
        #expect(try PointsMonth.dayBefore(CivilDate("2025-01-01")) == CivilDate("2024-12-31"))
        let (start, end) = try PointsStore.period(.month, containing: CivilDate("2024-12-15"))
        let (december, january) = (try CivilDate("2024-12-01"), try CivilDate("2025-01-01"))
        #expect(start == december && end == january)
        let (yearStart, yearEnd) = try PointsStore.period(.year, containing: CivilDate("2024-12-15"))
        #expect(yearStart == (try CivilDate("2024-01-01")) && yearEnd == january)
    }
}
