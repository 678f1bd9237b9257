import Registry
import Testing

@Suite struct ProjectProgressTests {
    static func report(_ percentage: Int, _ day: String = "2024-06-30") throws -> ProgressReport {
        try ProgressReport(on: CivilDate(day), percentage: percentage, note: "季度汇报")
    }

    @Test func percentagesNeverDecrease() throws {
        var project = try ProjectWorkflowTests.project(.inProgress)
        try project.report(Self.report(30, "2024-03-31"))
        try project.report(Self.report(30, "2024-06-30"))  // no change is fine
        try project.report(Self.report(80, "2024-09-30"))
        let error = try TestValues.refusal { try project.report(Self.report(60, "2024-12-31")) }
        #expect(error?.code == .progressWentBack)
        #expect(error?.englishMessage.contains("80%") == true)
        #expect(error?.englishMessage.contains("60%") == true)
        #expect(error?.chineseMessage.contains("进度不能倒退") == true)
        #expect(project.percentage == 80)
        #expect(project.progress.count == 3)
    }

    @Test func aReportDatedBackFitsBetweenTheReportsAroundIt() throws {
        var project = try ProjectWorkflowTests.project(.inProgress)
        try project.report(Self.report(30, "2024-03-31"))
        try project.report(Self.report(80, "2024-09-30"))
        try project.report(Self.report(50, "2024-06-30"))  // a late quarterly report, in its place
        #expect(project.progress.map(\.percentage) == [30, 50, 80])
        // A second report of a day comes after the first: never below it.
        #expect(try TestValues.refusal { try project.report(Self.report(40, "2024-06-30")) }?.code == .progressWentBack)
        try project.report(Self.report(60, "2024-06-30"))
        #expect(project.progress.map(\.percentage) == [30, 50, 60, 80])
        #expect(project.percentage == 80)
        // 90% on 1 June would come before 50% on 30 June; 20% in May would follow March's 30%.
        let above = try TestValues.refusal { try project.report(Self.report(90, "2024-06-01")) }
        #expect(above?.code == .progressWentBack)
        #expect(above?.englishMessage.contains("2024-06-30") == true)
        let below = try TestValues.refusal { try project.report(Self.report(20, "2024-05-01")) }
        #expect(below?.code == .progressWentBack)
        #expect(below?.englishMessage.contains("2024-03-31") == true)
        #expect(project.progress.count == 4)
    }

    @Test func percentageIsZeroToHundred() {
        for bad in [-1, 101] {
            #expect(throws: RegistryError.self) { try Self.report(bad) }
        }
        #expect((try? Self.report(0)) != nil)
        #expect((try? Self.report(100)) != nil)
    }

    @Test func reportsOnlyWhileInProgress() throws {
        for status in ProjectStatus.allCases where status != .inProgress {
            var project = try ProjectWorkflowTests.project(status)
            let error = try TestValues.refusal { try project.report(Self.report(10)) }
            #expect(error?.code == .notAllowedInState, "\(status)")
        }
    }

    @Test func storedReportsThatGoBackAreRefused() throws {
        #expect(throws: RegistryError.self) {
            try Project(
                tenant: TestValues.tenant, id: 3, title: "x", demands: [], responsibleUnit: 5,
                status: .inProgress, progress: [Self.report(50), Self.report(40)])
        }
    }

    @Test func ratingOnlyAfterCompletionAndOnlyOnce() throws {
        for status in ProjectStatus.allCases {
            var project = try ProjectWorkflowTests.project(status)
            let error = try TestValues.refusal { try project.rate(Rating(score: 5, comment: "很满意")) }
            if status == .completed || status == .checked {
                #expect(error == nil, "\(status)")
                #expect(project.rating?.comment == "很满意")
                let again = try TestValues.refusal { try project.rate(Rating(score: 1)) }
                #expect(again?.code == .alreadyRated)
                #expect(project.rating?.score == 5)
            } else {
                #expect(error?.code == .notAllowedInState, "\(status)")
            }
        }
    }

    @Test func ratingScoreIsOneToFive() {
        for bad in [0, 6] {
            #expect(throws: RegistryError.self) { try Rating(score: bad) }
        }
        #expect((try? Rating(score: 3, comment: "  "))?.comment == nil)
    }
}
