import Registry
import Testing

/// The rules several lists share, each written once.
@Suite struct SharedRulesTests {
    static let today = try! CivilDate("2024-05-01")

    @Test func aDayAfterTodayAndNotTodayItself() throws {
        #expect(FieldProblem.afterToday(Self.today, today: Self.today, field: "on") == nil)
        #expect(FieldProblem.afterToday(nil, today: Self.today, field: "on") == nil)
        let problem = try #require(FieldProblem.afterToday(try CivilDate("2024-05-02"), today: Self.today, field: "on"))
        #expect(problem.field == "on")
        #expect(problem.value == "2024-05-02")
        #expect(problem.reason == "日期晚于今天（2024-05-01） the day is after today (2024-05-01)")
    }

    @Test func aDayBeforeAnotherButNotTheSameDay() throws {
        let start = try CivilDate("2024-05-01"), name = DayName("完成时限", "the due date"), earliest = DayName("开始日期", "the start")
        #expect(FieldProblem.before(start, start, field: "due_on", named: name, earliestNamed: earliest) == nil)
        #expect(FieldProblem.before(nil, start, field: "due_on", named: name, earliestNamed: earliest) == nil)
        #expect(FieldProblem.before(start, nil, field: "due_on", named: name, earliestNamed: earliest) == nil)
        let problem = FieldProblem.before(try CivilDate("2024-04-30"), start, field: "due_on", named: name, earliestNamed: earliest)
        #expect(problem?.reason == "完成时限 2024-04-30 早于开始日期 2024-05-01 the due date 2024-04-30 is before the start, 2024-05-01")
    }

    @Test func theDemandDraftSharesTheDayRules() throws {
        let draft = DemandDraft(
            title: "楼道灯不亮", category: "housing_repair", orgCode: "G101", quantity: try Quantity(1, .job),
            dueOn: try CivilDate("2024-05-01"), externalID: "D1", filedOn: try CivilDate("2024-05-02"))
        do throws(InvalidFields) {
            _ = try draft.checked(on: Self.today, door: .file, channels: .core)
            Issue.record("a demand raised tomorrow passed")
        } catch {
            #expect(error.problems.map(\.reason) == [
                "提出日期晚于今天（2024-05-01） the day it was raised is after today (2024-05-01)",
                "期限 2024-05-01 早于提出日期 2024-05-02 the due day 2024-05-01 is before the day it was raised, 2024-05-02",
            ])
        }
    }

    @Test func progressNeverGoesBackAndEqualIsInOrder() throws {
        #expect(ProgressReport.wentBack(from: ProgressMark(percent: 40), to: ProgressMark(percent: 40), field: "p") == nil)
        #expect(ProgressReport.wentBack(from: ProgressMark(percent: 0), to: ProgressMark(percent: 100), field: "p") == nil)
        let stored = ProgressReport.wentBack(from: ProgressMark(percent: 40), to: ProgressMark(percent: 39), field: "progress_percent")
        #expect(stored?.reason == "进度不能倒退：当前为 40% progress cannot go back from 40%")
        #expect(stored?.value == "39")
        let dated = ProgressReport.wentBack(
            from: ProgressMark(on: try CivilDate("2024-03-31"), percent: 40), to: ProgressMark(on: try CivilDate("2024-06-30"), percent: 30),
            field: "percent")
        #expect(dated?.english == "progress cannot go back: the report of 2024-03-31 says 40%, the one of 2024-06-30 says 30%")
    }

    @Test func aProjectReadBackWithAHistoryGoingBackIsRefused() throws {
        let reports = [
            try ProgressReport(on: CivilDate("2024-03-31"), percentage: 50), try ProgressReport(on: CivilDate("2024-06-30"), percentage: 40),
        ]
        let error = try TestValues.refusal {
            _ = try Project(tenant: TestValues.tenant, id: 1, title: "修路", demands: [1], responsibleUnit: 1, status: .inProgress, progress: reports)
        }
        #expect(error?.code == .progressWentBack)
        #expect(error?.field == "percentage")
    }

    @Test func onlyConfirmedResourcesAreDrawn() {
        #expect(ResourceStatus.allCases.filter(\.isDrawable) == [.available, .exhausted])
        #expect(ResourceStatus.available.notDrawable(field: "allocations", value: "R1") == nil)
        #expect(ResourceStatus.withdrawn.notDrawable(field: "allocations", value: "R1")?.reason
            == "资源为「已撤回」，不能支取 the resource is withdrawn and cannot be drawn on")
    }

    @Test func allocatedTwiceOncePerRepeat() {
        let requests = ["R1", "R2", "R1", "R1"].map { ProjectAllocationRequest(resource: $0, quantity: "1") }
        #expect(ProjectDraft.allocatedTwice(requests).map(\.value) == ["R1", "R1"])
    }

    @Test func amountsInTheirUnit() throws {
        #expect(try MeasureUnit.yuan.amount("1,500.5") == 150_050)
        #expect(try MeasureUnit.yuan.amount("¥0.01") == 1)
        #expect(try MeasureUnit.volunteerHours.amount(" 1,200 ") == 1_200)
        #expect(throws: RegistryError.self) { try MeasureUnit.volunteerHours.amount("1.5") }
        #expect(throws: RegistryError.self) { try MeasureUnit.yuan.amount("1.001") }
        #expect(throws: RegistryError.self) { try MeasureUnit.items.amount("0") }
        #expect(throws: RegistryError.self) { try MeasureUnit.items.amount("１２") }
    }
}
