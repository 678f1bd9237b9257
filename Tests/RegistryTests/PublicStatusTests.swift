import Registry
import Testing

@Suite struct PublicStatusTests {
    @Test func mapsEveryInternalState() {
        let expected: [DemandState: PublicStatus?] = [
            .draft: nil,
            .submitted: .received, .accepted: .received,
            .matched: .inProgress, .inProject: .inProgress, .merged: .inProgress,
            .resolved: .done, .rated: .done,
            .rejected: .notTakenUp, .withdrawn: .notTakenUp,
        ]
        for state in DemandState.allCases {
            #expect(state.publicStatus == expected[state]!, "\(state)")
        }
    }

    @Test func doneMeansResolvedNeverMerelyClosed() {
        for state in DemandState.allCases where state.publicStatus == .done {
            #expect(state.isResolved)
        }
    }

    @Test func namesInBothLanguages() {
        #expect(PublicStatus.received.chineseName == "已受理")
        #expect(PublicStatus.inProgress.chineseName == "办理中")
        #expect(PublicStatus.done.chineseName == "已办结")
        #expect(PublicStatus.notTakenUp.chineseName == "未采纳")
        #expect(PublicStatus.storedValues == ["received", "in_progress", "done", "not_taken_up"])
    }
}
