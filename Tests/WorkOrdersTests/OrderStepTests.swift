import Registry
import Testing
import WorkOrders

@Suite struct OrderStepTests {
    /// Every move of the four-part form, allowed or refused as the table says.
    @Test(arguments: OrderStep.allCases)
    func everyMoveIsAllowedOrRefusedAsTheTableSays(from: OrderStep) {
        let allowed: [OrderStep: Set<OrderStep>] = [
            .ordered: [.dispatched, .cancelled], .dispatched: [.accepted, .declined], .declined: [.dispatched, .cancelled],
            .accepted: [.completed], .completed: [.rated], .rated: [], .cancelled: [],
        ]
        for to in OrderStep.allCases {
            let passed = (try? from.check(to)) != nil
            #expect(passed == allowed[from]!.contains(to), "\(from) → \(to)")
        }
    }

    @Test func aRefusalNamesTheCurrentAndTheAllowedSteps() {
        do {
            try OrderStep.ordered.check(.rated)
            Issue.record("ordered → rated passed")
        } catch let error as RegistryError {
            #expect(error.code == .illegalTransition)
            #expect(error.chineseMessage.contains("待派单") && error.chineseMessage.contains("待接单") && error.chineseMessage.contains("已撤销"))
        } catch { Issue.record("\(error)") }
    }

    @Test func aReportedSummonsIsFinal() {
        #expect((try? CallStatus.summoned.check(.reported)) != nil)
        #expect((try? CallStatus.reported.check(.reported)) == nil)
        #expect((try? CallStatus.reported.check(.summoned)) == nil)
    }
}
