import Registry
import Testing

@Suite struct ProjectImportCheckTests {
    static let today = try! CivilDate("2024-06-01")

    /// Two units, three demands (D001 served by the stored P001), funds R001 with ¥5,000
    /// left, volunteer hours R002, an offered R003, and P001 in progress at 20%.
    static let facts = ProjectImportFacts(
        units: ["U001", "U002"],
        demands: ["D001": .inProject, "D002": .accepted, "D003": .draft, "D004": .matched],
        heldBy: ["D001": "P001"],
        resources: [
            "R001": .init(status: .available, unit: .yuan, remaining: 500_000),
            "R002": .init(status: .available, unit: .volunteerHours, remaining: 60),
            "R003": .init(status: .offered, unit: .items, remaining: 10),
        ],
        projects: ["P001": .init(status: .inProgress, percent: 20, demands: ["D001"], allocations: ["R001": 500_000])])

    static func row(
        _ line: Int, _ external: String, unit: String = "U001", demands: [String], allocations: String = "",
        status: ProjectStatus = .planned, progress: Int = 0, rating: Int? = nil, completedOn: String? = nil,
        checkedOn: String? = nil, cancelReason: String? = nil
    ) throws -> ProjectImportRow {
        ProjectImportRow(
            line: line, externalID: external, title: "项目\(line)", responsibleUnitExternalID: unit, demandExternalIDs: demands,
            allocations: allocations.split(separator: ";").compactMap { ProjectAllocationRequest(parsing: String($0)) },
            status: status, progressPercent: progress, rating: try rating.map { try Rating(score: $0) },
            completedOn: try completedOn.map(CivilDate.init), checkedOn: try checkedOn.map(CivilDate.init),
            cancelReason: cancelReason)
    }

    static func check(_ rows: [ProjectImportRow], facts: ProjectImportFacts = facts) -> ProjectImportCheck {
        ProjectImportCheck(rows: rows, facts: facts, today: today)
    }

    static func places(_ check: ProjectImportCheck) -> [String] {
        check.problems.map { "\($0.line) \($0.field)" }
    }

    @Test func everyProblemOfEveryRowAtOnceWithItsLineAndColumn() throws {
        let check = Self.check([
            try Self.row(2, "P001", demands: ["D001", "D002"], allocations: "R001:5000", status: .inProgress, progress: 10),
            try Self.row(3, "P002", unit: "U999", demands: ["D999"], allocations: "R009:1"),
            try Self.row(4, "P003", demands: ["D003"]),
            try Self.row(5, "P004", demands: ["D002"], allocations: "R001:4000;R002:1.5"),
            try Self.row(6, "P005", unit: "U002", demands: ["D002"], allocations: "R001:2000"),
            try Self.row(7, "P001", demands: ["D001"], status: .cancelled),
        ])
        #expect(Self.places(check) == [
            "2 demands", "2 progress_percent",
            "3 responsible_unit", "3 allocations", "3 demands",
            "4 demands",
            "5 allocations",
            "6 demands", "6 allocations",
            "7 external_id", "7 allocations", "7 cancel_reason", "7 progress_percent",
        ])
        let reasons = Dictionary(check.problems.map { ("\($0.line) \($0.field)", $0.problem) }, uniquingKeysWith: { first, _ in first })
        #expect(reasons["2 progress_percent"]?.reason == "进度不能倒退：当前为 20% progress cannot go back from 20%")
        #expect(reasons["2 progress_percent"]?.value == "10")
        #expect(reasons["3 responsible_unit"]?.reason == "没有这个单位 no such unit")
        #expect(reasons["3 allocations"]?.reason == "没有这个资源 no such resource")
        #expect(reasons["3 demands"]?.reason == "没有这个需求 no such demand")
        #expect(reasons["4 demands"]?.reason
            == "需求当前为「\(DemandState.draft.chineseName)」，不能纳入项目 the demand is draft; projects take accepted or matched demands")
        #expect(reasons["5 allocations"]?.value == "R002:1.5")
        #expect(reasons["6 demands"]?.reason == "需求已由项目 P004 承接 the demand is already served by project P004")
        #expect(reasons["6 allocations"]?.reason
            == "资源剩余不足：剩余 ¥1,000.00，本次支取 ¥2,000.00 not enough remaining: ¥1,000.00 left, ¥2,000.00 requested")
        #expect(reasons["7 external_id"]?.reason == "编号重复 duplicate external id (first on line 2)")
        #expect(reasons["7 cancel_reason"]?.reason == "取消项目须填写取消原因 a cancellation needs its reason")
        // Rows with a known unit are planned; the rest cannot be.
        #expect(check.plan.map(\.row.line) == [2, 4, 5, 6, 7])
    }

    @Test func goodRowsGiveThePlan() throws {
        let check = Self.check([
            try Self.row(2, "P001", demands: ["D001"], allocations: "R001:5000", status: .completed, progress: 100),
            try Self.row(3, "P002", demands: ["D002", "D004"], allocations: "R001:1,250.50;R002:60", status: .inProgress, progress: 30),
        ])
        #expect(check.problems.isEmpty)
        #expect(check.plan.map(\.stored?.status) == [.inProgress, nil])
        #expect(check.plan[1].draws == [.init(resource: "R001", amount: 125_050), .init(resource: "R002", amount: 60)])
    }

    @Test func allocatingARemainingAmountExactlyPassesAndOneMoreDoesNot() throws {
        #expect(Self.check([try Self.row(2, "P002", demands: ["D002"], allocations: "R002:60")]).problems.isEmpty)
        let over = Self.check([try Self.row(2, "P002", demands: ["D002"], allocations: "R002:61")])
        #expect(Self.places(over) == ["2 allocations"])
        // Zero is no draw.
        let zero = Self.check([try Self.row(2, "P002", demands: ["D002"], allocations: "R002:0")])
        #expect(zero.problems.map(\.problem.english) == ["a quantity must be greater than 0, got 0"])
    }

    @Test func aResourceOnlyWhenDrawable() throws {
        // Each resource once is the row's own rule (ProjectImportRow.checked), which a reader runs first.
        let check = Self.check([try Self.row(2, "P002", demands: ["D002"], allocations: "R002:1;R003:1")])
        #expect(check.problems.map(\.problem.reason) == [
            "资源为「已申报」，不能支取 the resource is offered and cannot be drawn on",
        ])
        // A cancelled project draws nothing and claims no demand.
        let cancelled = Self.check([
            try Self.row(2, "P008", demands: ["D001"], allocations: "R003:1", status: .cancelled, cancelReason: "改期"),
            try Self.row(3, "P009", demands: ["D002"], status: .cancelled),
            try Self.row(4, "P010", demands: ["D002"]),
        ])
        #expect(cancelled.problems.isEmpty)
    }

    @Test func daysAfterTodayAndAProgressOnAPlannedProject() throws {
        let check = Self.check([
            try Self.row(2, "P002", demands: ["D002"], status: .checked, progress: 100, completedOn: "2024-06-02", checkedOn: "2024-06-03"),
            try Self.row(3, "P003", demands: ["D004"], progress: 1),
        ])
        #expect(Self.places(check) == ["2 completed_on", "2 checked_on", "3 progress_percent"])
        #expect(check.problems[0].problem.reason == "日期晚于今天（2024-06-01） the day is after today (2024-06-01)")
        // Today itself has been.
        let onToday = Self.check([
            try Self.row(2, "P002", demands: ["D002"], status: .checked, completedOn: "2024-06-01", checkedOn: "2024-06-01"),
        ])
        #expect(onToday.problems.isEmpty)
    }

    @Test func aRatingOnlyAfterCompletionAndNeverChanged() throws {
        var facts = Self.facts
        facts.projects["P007"] = .init(status: .completed, percent: 100, rating: 4, demands: ["D002"])
        let check = Self.check([
            try Self.row(2, "P002", demands: ["D004"], rating: 5),
            try Self.row(3, "P007", demands: ["D002"], status: .completed, progress: 100, rating: 5),
            try Self.row(4, "P007", demands: ["D002"], status: .completed, progress: 100),
        ], facts: facts)
        #expect(Self.places(check) == ["2 rating", "3 rating", "4 external_id", "4 rating"])
        #expect(check.problems[1].problem.reason == "评价不能更改：已评 4 分 a rating is never changed; it is 4")
        #expect(check.problems[3].problem.value == "")
    }

    @Test func aStoredProjectMovesForwardOnly() throws {
        var facts = Self.facts
        facts.projects["P007"] = .init(status: .checked, percent: 100, demands: ["D002"])
        facts.projects["P008"] = .init(status: .cancelled, cancelReason: "改期", demands: ["D004"])
        let check = Self.check([
            try Self.row(2, "P007", demands: ["D002"], status: .inProgress, progress: 100),
            try Self.row(3, "P008", demands: ["D004"], status: .cancelled, cancelReason: "资金未到位"),
        ], facts: facts)
        #expect(Self.places(check) == ["2 status", "3 cancel_reason"])
        #expect(check.problems[0].problem.reason == "项目当前为「已验收」，不能改为「实施中」 the project is checked and cannot move to in_progress")
        #expect(check.problems[1].problem.reason == "取消原因不能更改 the cancel reason is never changed")
    }

    @Test func progressIsReportedOnlyWhileInProgress() throws {
        var facts = Self.facts
        facts.projects["P006"] = .init(status: .planned, demands: ["D002"])
        let check = Self.check([
            // Equal is no report and passes; a cancellation reports nothing more.
            try Self.row(2, "P001", demands: ["D001"], allocations: "R001:5000", status: .cancelled, progress: 30, cancelReason: "改期"),
            try Self.row(3, "P006", demands: ["D002"], progress: 10),
            try Self.row(4, "P006", demands: ["D002"], status: .inProgress, progress: 10),
        ], facts: facts)
        #expect(Self.places(check) == ["2 progress_percent", "3 progress_percent", "4 external_id"])
        #expect(check.problems[0].problem.english == "a project being cancelled reports no progress")
        #expect(check.problems[1].problem.english == "progress is reported only while a project is in progress")
    }

    @Test func aCheckNeverComesBeforeTheCompletionTheFileLeavesToToday() throws {
        var facts = Self.facts
        facts.projects["P007"] = .init(status: .completed, percent: 100, completedOn: try CivilDate("2024-05-20"), demands: ["D002"])
        let check = Self.check([
            // Completed today by this file, checked before.
            try Self.row(2, "P001", demands: ["D001"], allocations: "R001:5000", status: .checked, progress: 100, checkedOn: "2024-05-28"),
            // Completed on the stored day: the same day for the check is in order, the day before is not.
            try Self.row(3, "P007", demands: ["D002"], status: .checked, progress: 100, checkedOn: "2024-05-20"),
        ], facts: facts)
        #expect(Self.places(check) == ["2 checked_on"])
        #expect(check.problems[0].problem.reason
            == "验收日期早于完工日期 2024-06-01 the check is before the completion on 2024-06-01")
        var early = facts
        early.projects["P007"]?.completedOn = try CivilDate("2024-05-21")
        let before = Self.check([try Self.row(3, "P007", demands: ["D002"], status: .checked, progress: 100, checkedOn: "2024-05-20")], facts: early)
        #expect(Self.places(before) == ["3 checked_on"])
    }

    @Test func aStoredProjectKeepsItsDemandsAndAllocations() throws {
        let check = Self.check([try Self.row(2, "P001", demands: ["D001", "D004"], allocations: "R001:5000.01", status: .inProgress, progress: 20)])
        #expect(Self.places(check) == ["2 demands", "2 allocations"])
        #expect(check.problems[0].problem.chinese == "已有项目的需求不能通过导入更改（原为 D001）")
        #expect(check.problems[1].problem.value == "R001:5000.01")
    }

    @Test func aDemandTakenByARowAboveMovesOn() throws {
        // A completed project takes D004 (matched) to resolved; a cancelled row later names it without claiming it.
        let check = Self.check([
            try Self.row(2, "P002", demands: ["D004"], status: .completed, progress: 100),
            try Self.row(3, "P003", demands: ["D004"], status: .cancelled, cancelReason: "重复"),
        ])
        #expect(check.problems.isEmpty)
        #expect(check.plan.count == 2)
    }
}
