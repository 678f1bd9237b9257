import Registry
import Testing

@Suite struct ResourceDraftChecksTests {
    static let today = try! CivilDate("2024-05-01")

    static func draft(
        externalID: String? = "R001", unit: String = "U001", title: String = "法律咨询服务", category: String = "legal_aid",
        capacity: Int64 = 40, unitCost: Money? = nil, serviceArea: [String] = [], from: String? = nil, until: String? = nil
    ) throws -> ResourceDraft {
        ResourceDraft(
            externalID: externalID, unit: unit, title: title, category: category, kind: .volunteerHours, capacity: capacity,
            measureUnit: .volunteerHours, unitCost: unitCost, serviceArea: serviceArea,
            availableFrom: try from.map(CivilDate.init), availableUntil: try until.map(CivilDate.init))
    }

    static func problems(_ draft: ResourceDraft, door: FieldDeclaration.Doors = .api) -> [FieldProblem] {
        do throws(InvalidFields) {
            _ = try draft.checked(on: today, door: door)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aGoodDraftComesBackTrimmed() throws {
        let checked = try Self.draft(title: " 法律咨询服务\u{3000}", serviceArea: [" C01", " "]).checked(on: Self.today, door: .file)
        #expect(checked.title == "法律咨询服务")
        #expect(checked.serviceArea == ["C01"])
    }

    @Test func everyProblemAtOnceInFieldOrder() throws {
        let draft = try Self.draft(
            externalID: nil, unit: " ", title: "", category: "", capacity: 0, unitCost: Money(fen: -5),
            serviceArea: ["C\u{0}1"], from: "2024-06-02", until: "2024-06-01")
        let problems = Self.problems(draft, door: .file)
        #expect(problems.map(\.field) == [
            "external_id", "unit", "title", "category", "capacity", "unit_cost", "service_area", "available_until",
        ])
        #expect(problems[4].reason == "不能小于 1 must be at least 1")
        #expect(problems[5].reason == "不能为负 cannot be negative")
        #expect(problems[6].english == "contains a NUL character")
        #expect(problems[7].reason
            == "可用期结束日 2024-06-01 早于开始日 2024-06-02 the availability window's end 2024-06-01 is before its start, 2024-06-02")
    }

    @Test func theTitleTakesTwoHundredCharactersAndNotOneMore() throws {
        #expect(Resource.maximumTitleLength == 200)
        #expect(Self.problems(try Self.draft(title: String(repeating: "法", count: 200))).isEmpty)
        #expect(Self.problems(try Self.draft(title: String(repeating: "法", count: 201))).map(\.field) == ["title"])
        #expect(Self.problems(try Self.draft(externalID: String(repeating: "R", count: 100))).isEmpty)
        #expect(Self.problems(try Self.draft(externalID: String(repeating: "R", count: 101))).map(\.field) == ["external_id"])
    }

    @Test func aOneDayWindowAZeroCostAndACapacityOfOnePass() throws {
        #expect(Self.problems(try Self.draft(capacity: 1, unitCost: .zero, from: "2024-06-01", until: "2024-06-01")).isEmpty)
        #expect(Self.problems(try Self.draft(capacity: -1)).map(\.field) == ["capacity"])
    }

    @Test func theResourceRefusesTheSameWindow() throws {
        let error = try TestValues.refusal {
            _ = try Resource(
                tenant: TestValues.tenant, id: 1, unit: 1, title: "场地", category: "venue", kind: .venue,
                ledger: ResourceLedger(measureUnit: .sessions), availableFrom: CivilDate("2024-06-02"),
                availableUntil: CivilDate("2024-06-01"))
        }
        #expect(error?.field == "available_until")
    }

    @Test func theImportRowsDraftCarriesItsValues() throws {
        let row = ResourceImportRow(
            line: 2, externalID: "", unitExternalID: "U001", title: "资金", category: "funds", kind: .funds, capacity: 100,
            measureUnit: .yuan, serviceAreaCodes: ["C01"])
        #expect(row.draft.externalID == nil)
        #expect(row.draft.unit == "U001")
        #expect(row.draft.serviceArea == ["C01"])
    }
}
