import Registry
import Testing

@Suite struct QuarterTests {
    @Test func readsAndBoundsAQuarter() throws {
        let q = try Quarter("2026Q3")
        #expect(q.firstDay == (try CivilDate("2026-07-01")))
        #expect(q.lastDay == (try CivilDate("2026-09-30")))
        #expect(q.dayAfter == (try CivilDate("2026-10-01")))
        #expect(q.publicationDeadline == (try CivilDate("2026-10-20")))
        #expect(q.chineseName == "2026年第三季度")
        #expect(q.description == "2026Q3")
        #expect(try Quarter("2026-q3") == q)
        #expect(Quarter(containing: try CivilDate("2026-09-30")) == q)
        #expect(Quarter(containing: try CivilDate("2026-10-01")) == q.next)
    }

    @Test func crossesYears() throws {
        let q1 = try Quarter("2026Q1")
        #expect(q1.previous.description == "2025Q4")
        #expect(q1.previous.lastDay == (try CivilDate("2025-12-31")))
        #expect(try Quarter("2025Q4").publicationDeadline == (try CivilDate("2026-01-20")))
        #expect(try Quarter("2024Q1").lastDay == (try CivilDate("2024-03-31")))
        #expect(q1.trailing(4).map(\.description) == ["2025Q2", "2025Q3", "2025Q4", "2026Q1"])
    }

    @Test func theRangeKeepsEveryNeighbourADay() throws {
        // the first and last quarters accepted still have a previous and a next quarter that are real days
        #expect(try Quarter("1000Q1").previous.lastDay.description == "0999-12-31")
        #expect(try Quarter("9998Q4").dayAfter.description == "9999-01-01")
        #expect(try Quarter("9998Q4").publicationDeadline.description == "9999-01-20")
        #expect(Quarter(containing: try CivilDate("0001-05-01")).description == "1000Q1")
    }

    @Test(arguments: ["2026Q5", "2026Q0", "26Q1", "2026", "Q3", "2026Q3x", "2026Q+", "", "２０２６Q3", "0001Q1", "9999Q4", "0999Q4"])
    func refusesWhatIsNotAQuarter(_ text: String) {
        #expect(throws: RegistryError.self) { try Quarter(text) }
    }
}
