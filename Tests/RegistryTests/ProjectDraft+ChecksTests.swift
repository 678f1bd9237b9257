import Registry
import Testing

@Suite struct ProjectDraftChecksTests {
    static let today = try! CivilDate("2024-05-01")

    static func draft(
        externalID: String? = "P001", title: String = "幸福路路面修补", unit: String = "U001", demands: [String] = ["D001"],
        allocations: [ProjectAllocationRequest] = [], budget: Money? = nil, startsOn: String? = nil, dueOn: String? = nil
    ) throws -> ProjectDraft {
        ProjectDraft(
            externalID: externalID, title: title, responsibleUnit: unit, demands: demands, allocations: allocations,
            budget: budget, startsOn: try startsOn.map(CivilDate.init), dueOn: try dueOn.map(CivilDate.init))
    }

    /// The problems of `draft` at `door`, or [] when it passes.
    static func problems(_ draft: ProjectDraft, door: FieldDeclaration.Doors = .api) -> [FieldProblem] {
        do throws(InvalidFields) {
            _ = try draft.checked(on: today, door: door)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aGoodDraftComesBackTrimmed() throws {
        let checked = try Self.draft(externalID: " P001 ", title: "　幸福路路面修补 ", demands: [" D001", ""]).checked(on: Self.today, door: .file)
        #expect(checked.externalID == "P001")
        #expect(checked.title == "幸福路路面修补")
        #expect(checked.demands == ["D001"])
    }

    @Test func everyProblemAtOnceInFieldOrder() throws {
        let draft = try Self.draft(
            externalID: nil, title: " ", unit: "", demands: [],
            allocations: [.init(resource: "R1", quantity: "5"), .init(resource: "R1", quantity: "6")],
            budget: Money(fen: -1), startsOn: "2024-06-01", dueOn: "2024-05-31")
        let problems = Self.problems(draft, door: .file)
        #expect(problems.map(\.field) == [
            "external_id", "title", "responsible_unit", "demands", "allocations", "budget", "due_on",
        ])
        #expect(problems[4].value == "R1")
        #expect(problems[4].reason == "同一资源重复分配 allocated twice")
        #expect(problems[6].reason == "完成时限 2024-05-31 早于开始日期 2024-06-01 the due date 2024-05-31 is before the start, 2024-06-01")
        // The API may leave the external id to the store.
        #expect(Self.problems(draft, door: .api).map(\.field).first == "title")
    }

    @Test func theTitleTakesTwoHundredCharactersAndNotOneMore() throws {
        #expect(ProjectDraft.Field.title.maxLength == 200)
        #expect(Project.maximumTitleLength == 200)
        #expect(Self.problems(try Self.draft(title: String(repeating: "路", count: 200))).isEmpty)
        let problems = Self.problems(try Self.draft(title: String(repeating: "路", count: 201)))
        #expect(problems.map(\.field) == ["title"])
        #expect(problems.first?.english == "too long: 201 characters, at most 200")
    }

    @Test func externalIDsAndKeysTakeAHundredCharacters() throws {
        let hundred = String(repeating: "P", count: 100), more = hundred + "P"
        #expect(Self.problems(try Self.draft(externalID: hundred, unit: hundred, demands: [hundred])).isEmpty)
        let problems = Self.problems(try Self.draft(
            externalID: more, unit: more, demands: [more], allocations: [.init(resource: more, quantity: "1")]))
        #expect(problems.map(\.field) == ["external_id", "responsible_unit", "demands", "allocations"])
    }

    @Test func aNulCharacterIsRefusedInEveryText() throws {
        let problems = Self.problems(try Self.draft(
            externalID: "P\u{0}1", title: "修\u{0}路", unit: "U\u{0}", demands: ["D\u{0}"], allocations: [.init(resource: "R\u{0}", quantity: "1")]))
        #expect(problems.map(\.field) == ["external_id", "title", "responsible_unit", "demands", "allocations"])
        #expect(problems.allSatisfy { $0.english == "contains a NUL character" })
    }

    @Test func dueOnTheStartDayAndAZeroBudgetPass() throws {
        #expect(Self.problems(try Self.draft(budget: .zero, startsOn: "2024-06-01", dueOn: "2024-06-01")).isEmpty)
        #expect(Self.problems(try Self.draft(startsOn: nil, dueOn: "2020-01-01")).isEmpty)
    }

    @Test func theImportRowsDraftCarriesItsValues() throws {
        let row = ProjectImportRow(
            line: 3, externalID: "P001", title: "修路", responsibleUnitExternalID: "U001", demandExternalIDs: ["D001"],
            allocations: [.init(resource: "R001", quantity: "5000")], status: .inProgress)
        #expect(row.draft == ProjectDraft(
            externalID: "P001", title: "修路", responsibleUnit: "U001", demands: ["D001"], allocations: [.init(resource: "R001", quantity: "5000")]))
    }

    @Test func eachFileColumnIsDeclaredOnce() {
        let names = ProjectDraft.Field.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count == 18)
    }
}
