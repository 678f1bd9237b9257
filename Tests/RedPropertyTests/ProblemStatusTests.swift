import RedProperty
import Registry
import Testing

@Suite struct ProblemStatusTests {
    @Test(arguments: ProblemStatus.allCases)
    func everyMoveIsAllowedOrRefusedAsTheTableSays(from: ProblemStatus) {
        let allowed: [ProblemStatus: Set<ProblemStatus>] = [.open: [.escalated, .closed], .escalated: [.responded, .closed], .responded: [.closed], .closed: []]
        for to in ProblemStatus.allCases {
            let passed = (try? from.check(to)) != nil
            #expect(passed == allowed[from]!.contains(to), "\(from) → \(to)")
        }
    }
}
