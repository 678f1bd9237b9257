import MicroWishes
import Registry
import Testing

@Suite struct WishStateTests {
    /// posted → claimed | withdrawn; claimed → fulfilled | posted (released) | withdrawn;
    /// fulfilled → confirmed; confirmed and withdrawn are final.
    static let allowed: Set<[WishState]> = [
        [.posted, .claimed], [.posted, .withdrawn], [.claimed, .fulfilled], [.claimed, .posted], [.claimed, .withdrawn],
        [.fulfilled, .confirmed],
    ]

    @Test(arguments: WishState.allCases)
    func everyMoveIsAllowedOrRefusedAsTheTableSays(from: WishState) {
        for to in WishState.allCases {
            let passed = (try? from.check(to)) != nil
            #expect(passed == Self.allowed.contains([from, to]), "\(from) → \(to)")
        }
    }

    @Test func aRefusalNamesTheCurrentStateAndTheAllowedOnes() {
        do {
            try WishState.fulfilled.check(.withdrawn)
            Issue.record("a fulfilled wish was withdrawn")
        } catch let error as RegistryError {
            #expect(error.code == .illegalTransition && error.chineseMessage.contains("已实现") && error.chineseMessage.contains("已确认"))
            #expect(error.englishMessage.contains("fulfilled") && error.englishMessage.contains("confirmed"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theDistrictsRulesComeFromItsSettings() {
        let rules = MicroWishRules(ModuleSettings(["aging_days": .integer(10), "max_value_yuan": .integer(300), "categories": .text("书包， 维修、探访,,")]))
        #expect(rules.agingDays == 10 && rules.maximumValue == .yuan(300) && rules.categories == ["书包", "维修", "探访"])
        #expect(MicroWishRules(ModuleSettings()).categories == MicroWishRules.defaultCategories)
    }
}
