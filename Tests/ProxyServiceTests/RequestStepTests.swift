import ImportIssues
import ProxyService
import Registry
import Testing

@Suite struct RequestStepTests {
    /// Every pair of steps: exactly the listed moves are allowed.
    @Test(arguments: RequestStep.allCases)
    func everyMoveIsAllowedOrRefusedAsTheTableSays(from: RequestStep) {
        let allowed: [RequestStep: Set<RequestStep>] = [
            .received: [.submitted], .submitted: [.completed, .refused], .completed: [.returned], .refused: [.returned], .returned: [],
        ]
        for to in RequestStep.allCases {
            let passed = (try? from.check(to)) != nil
            #expect(passed == allowed[from]!.contains(to), "\(from) → \(to)")
        }
    }

    @Test func aRefusedMoveNamesTheCurrentAndAllowedSteps() {
        do {
            try RequestStep.received.check(.completed)
            Issue.record("received went straight to completed")
        } catch let error as RegistryError {
            #expect(error.code == .illegalTransition && error.chineseMessage.contains("已受理") && error.englishMessage.contains("submitted"))
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Working days skip Saturday and Sunday; the received day is not counted.
    @Test func deadlinesCountWorkingOrCalendarDays() throws {
        let friday = try CivilDate("2024-05-10")
        #expect(ServiceDeadline(days: 5, kind: .working).due(receivedOn: friday).description == "2024-05-17")
        #expect(ServiceDeadline(days: 1, kind: .working).due(receivedOn: friday).description == "2024-05-13")
        #expect(ServiceDeadline(days: 1, kind: .working).due(receivedOn: try CivilDate("2024-05-11")).description == "2024-05-13")
        #expect(ServiceDeadline(days: 20, kind: .calendar).due(receivedOn: try CivilDate("2024-02-20")).description == "2024-03-11")
        #expect(ServiceDeadline(days: 3, kind: .calendar).due(receivedOn: try CivilDate("2023-12-30")).description == "2024-01-02")
        for text in ["1970-01-01", "2000-02-29", "2024-12-31", "1969-12-31"] {
            let day = try CivilDate(text)
            #expect(CivilDate(daysSince1970: day.daysSince1970) == day)
        }
    }

    @Test func catalogueRowsAreCheckedWithTheirLines() {
        let good = ServiceItemRow(line: 2, code: "GH-T001", name: "城乡居民养老保险参保登记", level: "镇级", department: "县社保局",
                                  deadlineDays: "5", deadlineKind: "工作日", documents: "身份证；户口簿")
        guard case .success(let drafts) = ServiceItemRow.checked([good]) else { Issue.record("a good row was refused"); return }
        #expect(drafts[0].level == .town && drafts[0].deadline == ServiceDeadline(days: 5, kind: .working) && drafts[0].documents == ["身份证", "户口簿"])
        var bad = good
        bad.line = 3
        bad.level = "县级"
        bad.deadlineDays = "五"
        guard case .failure(let rejected) = ServiceItemRow.checked([good, bad, good]) else { Issue.record("a bad row passed"); return }
        #expect(rejected.issues.issues.map(\.line) == [3, 3, 2])
        #expect(rejected.issues.issues.map(\.column) == ["level", "deadline_days", "code"])
    }
}
