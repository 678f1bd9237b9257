import Registry
import Testing

@Suite struct ProjectImportRowChecksTests {
    static let today = try! CivilDate("2024-06-01")

    static func row(
        status: ProjectStatus = .planned, completedOn: String? = nil, checkedOn: String? = nil, cancelReason: String? = nil,
        title: String = "修路"
    ) throws -> ProjectImportRow {
        ProjectImportRow(
            line: 2, externalID: "P1", title: title, responsibleUnitExternalID: "U1", demandExternalIDs: ["D1"], status: status,
            completedOn: try completedOn.map(CivilDate.init), checkedOn: try checkedOn.map(CivilDate.init), cancelReason: cancelReason)
    }

    static func fields(_ row: ProjectImportRow, statusKnown: Bool = true) -> [String] {
        do throws(InvalidFields) {
            _ = try row.checked(on: today, statusKnown: statusKnown)
            return []
        } catch {
            return error.problems.map(\.field)
        }
    }

    @Test func daysAndReasonsOnlyWhereTheStatusHasThem() throws {
        #expect(Self.fields(try Self.row(status: .planned, completedOn: "2024-05-01")) == ["completed_on"])
        #expect(Self.fields(try Self.row(status: .completed, completedOn: "2024-05-01", checkedOn: "2024-05-02")) == ["checked_on"])
        #expect(Self.fields(try Self.row(status: .inProgress, cancelReason: "太贵")) == ["cancel_reason"])
        #expect(Self.fields(try Self.row(status: .cancelled, cancelReason: "太贵")).isEmpty)
        #expect(Self.fields(try Self.row(status: .checked, completedOn: "2024-05-01", checkedOn: "2024-05-01")).isEmpty)
    }

    @Test func aCheckNeverBeforeTheCompletionEvenWithoutAStatus() throws {
        let row = try Self.row(status: .checked, completedOn: "2024-05-03", checkedOn: "2024-05-02")
        #expect(Self.fields(row) == ["checked_on"])
        // An unreadable status is not held against the days; their order still is.
        #expect(Self.fields(try Self.row(status: .planned, completedOn: "2024-05-03", checkedOn: "2024-05-02"), statusKnown: false) == ["checked_on"])
        #expect(Self.fields(try Self.row(status: .planned, completedOn: "2024-05-01"), statusKnown: false).isEmpty)
    }

    @Test func theDraftsProblemsComeWithTheClosingOnesInFieldOrder() throws {
        let row = try Self.row(status: .planned, completedOn: "2024-05-01", title: " ")
        #expect(Self.fields(row) == ["title", "completed_on"])
    }

    @Test func aCommentNeedsItsScoreAndFitsItsDeclaration() throws {
        #expect(try ProjectImportRow.rating(score: nil, comment: nil).get() == nil)
        #expect(try ProjectImportRow.rating(score: 4, comment: " 很好 ").get() == (try Rating(score: 4, comment: "很好")))
        #expect(throws: FieldProblem.self) { try ProjectImportRow.rating(score: nil, comment: "很好").get() }
        let long = String(repeating: "好", count: Rating.maximumCommentLength + 1)
        #expect(throws: FieldProblem.self) { try ProjectImportRow.rating(score: 5, comment: long).get() }
        #expect(throws: FieldProblem.self) { try ProjectImportRow.rating(score: 9, comment: nil).get() }
    }
}
