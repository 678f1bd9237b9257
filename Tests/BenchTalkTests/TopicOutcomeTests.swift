import BenchTalk
import Registry
import Testing

@Suite struct TopicOutcomeTests {
    @Test(arguments: TopicOutcome.allCases)
    func everyMoveIsAllowedOrRefusedAsTheTableSays(from: TopicOutcome) {
        for to in TopicOutcome.allCases {
            let passed = (try? from.check(to)) != nil
            #expect(passed == (from == .open && to != .open), "\(from) → \(to)")
        }
    }
}
