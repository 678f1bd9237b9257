import Registry
import Testing

@Suite struct DemandEscalationTests {
    @Test func goesUpOneOrMoreLevels() throws {
        var demand = try TestValues.demand(.accepted)
        let first = try demand.escalate(to: .community, actor: TestValues.actor, reason: "需社区协调", at: TestValues.at(1))
        #expect(first.from == .grid && first.to == .community)
        #expect(first.reason == "需社区协调")
        #expect(first.at == TestValues.at(1))
        let second = try demand.escalate(to: .district, actor: TestValues.actor, reason: "涉及多个部门", at: TestValues.at(2))
        #expect(second.from == .community && second.to == .district)
        #expect(demand.escalationLevel == .district)
    }

    @Test(arguments: EscalationLevel.allCases)
    func refusesSameOrLowerLevels(_ current: EscalationLevel) throws {
        for target in EscalationLevel.allCases where target <= current {
            var demand = try TestValues.demand(.accepted, level: current)
            let error = try TestValues.refusal {
                try demand.escalate(to: target, actor: TestValues.actor, reason: "理由", at: TestValues.start)
            }
            #expect(error?.code == .escalationNotUpward, "\(current) → \(target)")
            #expect(demand.escalationLevel == current)
        }
    }

    @Test func needsAReasonAndAnOpenDemand() throws {
        var demand = try TestValues.demand(.accepted)
        let noReason = try TestValues.refusal {
            try demand.escalate(to: .street, actor: TestValues.actor, reason: " ", at: TestValues.start)
        }
        #expect(noReason?.code == .reasonRequired)
        for state in DemandState.allCases where !state.isOpen {
            var closed = try TestValues.demand(state)
            let error = try TestValues.refusal {
                try closed.escalate(to: .street, actor: TestValues.actor, reason: "理由", at: TestValues.start)
            }
            #expect(error?.code == .notAllowedInState, "\(state)")
        }
    }

    @Test func settledLevelIsWhereItWasResolved() throws {
        var demand = try TestValues.demand(.accepted)
        try demand.escalate(to: .street, actor: TestValues.actor, reason: "需街道吹哨", at: TestValues.at(1))
        try demand.transition(to: .inProject, actor: TestValues.actor, at: TestValues.at(2), visibility: .public)
        try demand.transition(to: .resolved, actor: TestValues.actor, at: TestValues.at(3), visibility: .public)
        #expect(demand.settledLevel == .street)
    }
}
