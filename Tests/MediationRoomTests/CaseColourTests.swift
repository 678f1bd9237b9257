import MediationRoom
import Registry
import Testing

@Suite struct CaseColourTests {
    /// Every pair of colours: exactly the listed moves are allowed.
    @Test(arguments: CaseColour.allCases)
    func everyMoveIsAllowedOrRefusedAsTheTableSays(from: CaseColour) {
        let allowed: [CaseColour: Set<CaseColour>] = [.green: [.blue, .purple], .blue: [.purple, .red], .purple: [.green, .blue], .red: []]
        for to in CaseColour.allCases {
            let passed = (try? from.check(to)) != nil
            #expect(passed == allowed[from]!.contains(to), "\(from) → \(to)")
        }
    }
}
