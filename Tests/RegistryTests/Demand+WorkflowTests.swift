import Foundation
import Registry
import Testing

@Suite struct DemandWorkflowTests {
    /// The table, written out again independently of the source so that a change to
    /// either one fails here.
    static let expected: Set<String> = [
        "draft>submitted", "draft>withdrawn",
        "submitted>accepted", "submitted>rejected", "submitted>merged", "submitted>withdrawn",
        "accepted>matched", "accepted>in_project", "accepted>resolved", "accepted>rejected",
        "accepted>merged", "accepted>withdrawn",
        "matched>in_project", "matched>accepted",
        "in_project>resolved", "in_project>accepted",
        "resolved>rated", "resolved>accepted",
    ]

    static func isExpected(_ from: DemandState, _ to: DemandState) -> Bool {
        expected.contains("\(from.rawValue)>\(to.rawValue)")
    }

    /// The payload each target needs, so that an allowed move succeeds.
    static func move(_ from: DemandState, _ to: DemandState) throws -> DemandEvent {
        try DemandWorkflow.transition(
            of: 7, from: from, to: to, actor: TestValues.actor, at: TestValues.start,
            note: "说明", reason: to == .rejected ? "不属于社区职责" : nil,
            mergedInto: to == .merged ? 3 : nil,
            rating: to == .rated ? Rating(score: 4) : nil, visibility: .internal
        )
    }

    @Test(arguments: DemandState.allCases)
    func everyPairFromOneStateFollowsTheTable(_ from: DemandState) throws {
        for to in DemandState.allCases {
            #expect(DemandWorkflow.isAllowed(from: from, to: to) == Self.isExpected(from, to), "\(from) → \(to)")
            if Self.isExpected(from, to) {
                let event = try Self.move(from, to)
                #expect(event.from == from)
                #expect(event.to == to)
                #expect(event.demand == 7)
                #expect(event.actor == TestValues.actor)
                #expect(event.at == TestValues.start)
                #expect(event.note == "说明")
                #expect(event.visibility == .internal)
            } else {
                let error = try TestValues.refusal { _ = try Self.move(from, to) }
                #expect(error?.code == .illegalTransition, "\(from) → \(to) should be refused")
                #expect(error?.field == "state")
                // The message names the current state and every allowed target, in both languages.
                let message = error?.description ?? ""
                #expect(message.contains(from.rawValue) && message.contains(from.chineseName))
                for target in DemandWorkflow.allowedTargets(from: from) {
                    #expect(error?.englishMessage.contains(target.rawValue) == true)
                    #expect(error?.chineseMessage.contains(target.chineseName) == true)
                }
            }
        }
    }

    @Test func tableCoversEveryStateAndFinalStatesAreFinal() throws {
        #expect(Set(DemandWorkflow.transitions.keys) == Set(DemandState.allCases))
        let final = DemandState.allCases.filter(\.isFinal)
        #expect(Set(final) == [.rated, .rejected, .merged, .withdrawn])
        let error = try TestValues.refusal { _ = try Self.move(.rated, .accepted) }
        #expect(error?.englishMessage.contains("final") == true)
        #expect(error?.chineseMessage.contains("终态") == true)
    }

    @Test func illegalMessageListsTheAllowedTargets() throws {
        let error = try #require(try TestValues.refusal { _ = try Self.move(.matched, .withdrawn) })
        #expect(error.englishMessage == "the demand is matched and cannot move to withdrawn; allowed: in_project, accepted")
        #expect(error.chineseMessage.contains("可转为：已立项（in_project）、已列入清单（accepted）"))
    }

    @Test func rejectionNeedsAReason() throws {
        for reason in [nil, "", "   "] as [String?] {
            let error = try TestValues.refusal {
                _ = try DemandWorkflow.transition(
                    of: 7, from: .submitted, to: .rejected, actor: TestValues.actor, at: TestValues.start, reason: reason,
                    visibility: .internal)
            }
            #expect(error?.code == .reasonRequired)
        }
    }

    @Test func mergeNeedsAnotherDemand() throws {
        let missing = try TestValues.refusal {
            _ = try DemandWorkflow.transition(
                of: 7, from: .accepted, to: .merged, actor: TestValues.actor, at: TestValues.start, visibility: .internal)
        }
        #expect(missing?.code == .mergeTargetRequired)
        let itself = try TestValues.refusal {
            _ = try DemandWorkflow.transition(
                of: 7, from: .accepted, to: .merged, actor: TestValues.actor, at: TestValues.start, mergedInto: 7,
                visibility: .internal)
        }
        #expect(itself?.code == .mergeIntoItself)
        let misplaced = try TestValues.refusal {
            _ = try DemandWorkflow.transition(
                of: 7, from: .accepted, to: .withdrawn, actor: TestValues.actor, at: TestValues.start, mergedInto: 3,
                visibility: .internal)
        }
        #expect(misplaced?.code == .invalidValue)
    }

    @Test func ratedNeedsARating() throws {
        let missing = try TestValues.refusal {
            _ = try DemandWorkflow.transition(
                of: 7, from: .resolved, to: .rated, actor: TestValues.actor, at: TestValues.start, visibility: .internal)
        }
        #expect(missing?.code == .ratingRequired)
        let misplaced = try TestValues.refusal {
            _ = try DemandWorkflow.transition(
                of: 7, from: .accepted, to: .resolved, actor: TestValues.actor, at: TestValues.start, rating: Rating(score: 5),
                visibility: .internal)
        }
        #expect(misplaced?.code == .invalidValue)
    }

    @Test func suggestedVisibilityIsPublicOnlyWhenResidentsSeeAChange() throws {
        func suggested(_ from: DemandState, _ to: DemandState) -> EventVisibility {
            DemandWorkflow.suggestedVisibility(from: from, to: to)
        }
        #expect(suggested(.draft, .submitted) == .public)  // received
        #expect(suggested(.submitted, .accepted) == .internal)  // still received
        #expect(suggested(.accepted, .matched) == .public)  // in progress
        #expect(suggested(.matched, .inProject) == .internal)  // still in progress
        #expect(suggested(.inProject, .resolved) == .public)  // done
        #expect(suggested(.draft, .withdrawn) == .internal)  // never was public
        #expect(suggested(.accepted, .withdrawn) == .public)  // not taken up
        let chosen = try DemandWorkflow.transition(
            of: 7, from: .submitted, to: .accepted, actor: TestValues.actor, at: TestValues.start,
            note: "已列入2024年需求清单", visibility: .public)
        #expect(chosen.visibility == .public)
    }

    @Test func demandRecordsSettledLevelMergeTargetAndRating() throws {
        var demand = try TestValues.demand(.accepted, level: .community)
        try demand.transition(to: .resolved, actor: TestValues.actor, at: TestValues.at(1), visibility: .internal)
        #expect(demand.settledLevel == .community)
        try demand.transition(to: .accepted, actor: TestValues.actor, at: TestValues.at(2), note: "居民反映灯又坏了", visibility: .internal)
        #expect(demand.settledLevel == nil)  // reopened: not settled any more
        try demand.transition(to: .resolved, actor: TestValues.actor, at: TestValues.at(3), visibility: .internal)
        try demand.transition(to: .rated, actor: TestValues.actor, at: TestValues.at(4), rating: Rating(score: 5), visibility: .internal)
        #expect(demand.state == .rated)
        #expect(demand.rating?.score == 5)
        #expect(demand.settledLevel == .community)

        var duplicate = try TestValues.demand(.submitted)
        try duplicate.transition(to: .merged, actor: TestValues.actor, at: TestValues.at(1), mergedInto: 3, visibility: .internal)
        #expect(duplicate.mergedInto == 3)
    }

    @Test func refusedTransitionLeavesTheDemandUnchanged() throws {
        var demand = try TestValues.demand(.matched)
        let before = demand
        #expect(throws: RegistryError.self) {
            try demand.transition(to: .withdrawn, actor: TestValues.actor, at: TestValues.start, visibility: .internal)
        }
        #expect(demand == before)
    }
}
