import Registry
import Testing

@Suite struct ProjectWorkflowTests {
    static let expected: Set<String> = [
        "planned>in_progress", "planned>cancelled", "in_progress>completed", "in_progress>cancelled",
        "completed>checked",
    ]

    static func project(_ status: ProjectStatus = .planned) throws -> Project {
        try Project(
            tenant: TestValues.tenant, id: 3, title: "幸福路路面修补", demands: [7], responsibleUnit: 5,
            budget: .yuan(120_000), status: status)
    }

    @Test(arguments: ProjectStatus.allCases)
    func everyPairFollowsTheTable(_ from: ProjectStatus) throws {
        for to in ProjectStatus.allCases {
            let allowed = Self.expected.contains("\(from.rawValue)>\(to.rawValue)")
            #expect(ProjectWorkflow.isAllowed(from: from, to: to) == allowed, "\(from) → \(to)")
            var project = try Self.project(from)
            let reason: String? = to == .cancelled ? "资金未到位" : nil
            if allowed {
                let event = try project.transition(to: to, actor: TestValues.actor, at: TestValues.start, reason: reason)
                #expect(event.from == from && event.to == to && event.project == 3)
                #expect(project.status == to)
            } else {
                let error = try TestValues.refusal {
                    try project.transition(to: to, actor: TestValues.actor, at: TestValues.start, reason: reason)
                }
                #expect(error?.code == .illegalTransition, "\(from) → \(to)")
                #expect(error?.englishMessage.contains("is \(from.rawValue)") == true)
                for target in ProjectWorkflow.allowedTargets(from: from) {
                    #expect(error?.englishMessage.contains(target.rawValue) == true)
                    #expect(error?.chineseMessage.contains(target.chineseName) == true)
                }
                #expect(project.status == from)
            }
        }
    }

    @Test func cancellationNeedsAReasonAndRecordsIt() throws {
        var project = try Self.project(.inProgress)
        let error = try TestValues.refusal {
            try project.transition(to: .cancelled, actor: TestValues.actor, at: TestValues.start)
        }
        #expect(error?.code == .reasonRequired)
        #expect(project.status == .inProgress)
        try project.transition(to: .cancelled, actor: TestValues.actor, at: TestValues.start, reason: "资金未到位")
        #expect(project.cancellationReason == "资金未到位")
    }
}
