import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing
import WorkOrders

/// The four-part form through the store: every allowed move, every refused one, bad input
/// (nothing written), deadlines and the overdue list.
@Suite struct WorkOrderWorkflowTests {
    @Test func anOrderRunsFromTheDemandListToTheResidentsRating() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration, settings: #"{"dispatch_deadline_days": 1, "accept_deadline_days": 2, "complete_deadline_days": 10}"#)
            defer { Task { await f.close() } }
            // 点单 from the demand: its title and category, taken in the demand's community.
            let ordered = try await f.write { tx in try await WorkOrderStore.order(OrderDraft(placeCode: "C1", demand: "D001", orderedOn: try day("2024-05-06")), in: tx) }
            #expect((ordered.status, ordered.title, ordered.category, ordered.demand) == (.ordered, "楼顶漏水", "housing_repair", "D001"))
            #expect(ordered.dueOn?.description == "2024-05-07")
            // 下单, declined with a reason, 下单 again, 接单.
            let dispatched = try await f.write { tx in try await WorkOrderStore.dispatch(ordered.id, to: "U003", on: try day("2024-05-07"), in: tx) }
            #expect((dispatched.status, dispatched.unit, dispatched.dueOn?.description) == (.dispatched, "U003", "2024-05-09"))
            let declined = try await f.write { tx in try await WorkOrderStore.decline(ordered.id, reason: "不具备房屋维修资质", on: try day("2024-05-08"), in: tx) }
            #expect((declined.status, declined.unit, declined.dueOn?.description) == (.declined, nil, "2024-05-09"))
            try await f.write { tx in try await WorkOrderStore.dispatch(ordered.id, to: "U002", on: try day("2024-05-08"), in: tx) }
            let accepted = try await f.write { tx in try await WorkOrderStore.accept(ordered.id, servedBy: "H-0012", on: try day("2024-05-09"), in: tx) }
            #expect((accepted.status, accepted.unitName, accepted.servedBy, accepted.dueOn?.description) == (.accepted, "县住建局", "H-0012", "2024-05-19"))
            #expect(accepted.dispatches.map(\.unit) == ["U003", "U002"])
            #expect(accepted.dispatches.map(\.answer) == [.declined, .accepted])
            #expect(accepted.dispatches[0].reason == "不具备房屋维修资质" && accepted.dispatches[1].reason == nil)
            // 办结, 评单: final.
            let completed = try await f.write { tx in try await WorkOrderStore.complete(ordered.id, result: "更换防水卷材 40 平方米", on: try day("2024-05-15"), in: tx) }
            #expect(completed.status == .completed && completed.dueOn == nil)
            let rated = try await f.write { tx in try await WorkOrderStore.rate(ordered.id, satisfied: true, score: 5, comment: "修得及时", on: try day("2024-05-20"), in: tx) }
            #expect((rated.status, rated.satisfied, rated.score, rated.ratingComment) == (.rated, true, 5, "修得及时"))
            // Withdrawn: from ordered, and from declined.
            let spare = try await f.order("重复登记")
            let withdrawn = try await f.write { tx in try await WorkOrderStore.cancel(spare.id, reason: "与已有订单重复", on: try day("2024-05-06"), in: tx) }
            #expect(withdrawn.status == .cancelled && withdrawn.cancelReason == "与已有订单重复" && withdrawn.dueOn == nil)
            let other = try await f.order("加装扶手")
            try await f.write { tx in try await WorkOrderStore.dispatch(other.id, to: "U001", on: try day("2024-05-07"), in: tx) }
            try await f.write { tx in try await WorkOrderStore.decline(other.id, reason: "预算已用完", on: try day("2024-05-07"), in: tx) }
            #expect(try await f.write { tx in try await WorkOrderStore.cancel(other.id, reason: "居民自行解决", on: try day("2024-05-08"), in: tx) }.status == .cancelled)
            // The served-by code stays out of the audit log.
            let audited = try await f.read { tx in
                try await tx.connection.query("""
                    SELECT count(*) AS rows, count(*) FILTER (WHERE after::text LIKE '%H-0012%') AS named
                    FROM audit_log WHERE table_name = 'work_orders_order'
                    """)[0]
            }
            #expect(try audited.decode(Int.self, "rows") > 0 && audited.decode(Int.self, "named") == 0)
        }
    }

    @Test func everyRefusedMoveIsRefusedNamingTheStepsAndChangesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration)
            defer { Task { await f.close() } }
            // One order in each step.
            var orders: [OrderStep: Int64] = [:]
            for step in OrderStep.allCases {
                let id = try await f.order("订单 \(step.rawValue)").id
                orders[step] = id
                let d = try day("2024-05-06")
                try await f.write { tx in
                    switch step {
                    case .ordered: break
                    case .cancelled: try await WorkOrderStore.cancel(id, reason: "撤销", on: d, in: tx)
                    default:
                        try await WorkOrderStore.dispatch(id, to: "U001", on: d, in: tx)
                        if step == .declined { try await WorkOrderStore.decline(id, reason: "不办", on: d, in: tx) }
                        if [.accepted, .completed, .rated].contains(step) { try await WorkOrderStore.accept(id, on: d, in: tx) }
                        if [.completed, .rated].contains(step) { try await WorkOrderStore.complete(id, result: "已办", on: d, in: tx) }
                        if step == .rated { try await WorkOrderStore.rate(id, satisfied: false, score: 2, on: d, in: tx) }
                    }
                }
            }
            let d = try day("2024-05-07")
            let moves: [(OrderStep, @Sendable (Int64, TenantTransaction) async throws -> Void)] = [
                (.dispatched, { id, tx in try await WorkOrderStore.dispatch(id, to: "U002", on: d, in: tx) }),
                (.accepted, { id, tx in try await WorkOrderStore.accept(id, on: d, in: tx) }),
                (.declined, { id, tx in try await WorkOrderStore.decline(id, reason: "不办", on: d, in: tx) }),
                (.completed, { id, tx in try await WorkOrderStore.complete(id, result: "已办", on: d, in: tx) }),
                (.rated, { id, tx in try await WorkOrderStore.rate(id, satisfied: true, score: 4, on: d, in: tx) }),
                (.cancelled, { id, tx in try await WorkOrderStore.cancel(id, reason: "撤销", on: d, in: tx) }),
            ]
            let before = try await f.read { tx in try await WorkOrderStore.orders(in: tx) }
            for (from, id) in orders {
                for (to, move) in moves where !from.allowedNext.contains(to) {
                    let error = await refused(.illegalTransition) { _ = try await f.write { tx in try await move(id, tx) } }
                    #expect(error?.chineseMessage.contains(from.chineseName) == true, "\(from) → \(to): \(String(describing: error))")
                }
            }
            #expect(try await f.read { tx in try await WorkOrderStore.orders(in: tx) } == before)
            // And the allowed ones, from each step, do move (in a transaction rolled back).
            for (from, id) in orders {
                for (to, move) in moves where from.allowedNext.contains(to) {
                    struct Undo: Error {}
                    do {
                        try await f.write { tx in
                            try await move(id, tx)
                            #expect(try await WorkOrderStore.order(id, in: tx).status == to, "\(from) → \(to)")
                            throw Undo()
                        }
                    } catch is Undo {}
                }
            }
        }
    }

    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration)
            defer { Task { await f.close() } }
            await refused(.invalidValue) { _ = try await f.order("  ") }
            await refused(.invalidValue) { _ = try await f.order("无类别", category: "") }
            await #expect(throws: RegistryStoreError.self) {   // an unknown place
                try await f.write { tx in try await WorkOrderStore.order(OrderDraft(placeCode: "C9", title: "x", category: "housing_repair"), in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {   // an unknown demand
                try await f.write { tx in try await WorkOrderStore.order(OrderDraft(placeCode: "C1", demand: "D999"), in: tx) }
            }
            await refused(.invalidValue) {   // D001 lies in G11, not under C2
                _ = try await f.write { tx in try await WorkOrderStore.order(OrderDraft(placeCode: "C2", demand: "D001"), in: tx) }
            }
            #expect(try await f.count("work_orders_order") == 0)

            let order = try await f.order(on: "2024-05-06")
            await #expect(throws: RegistryStoreError.self) { try await f.write { tx in try await WorkOrderStore.dispatch(order.id, to: "U999", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await f.write { tx in try await WorkOrderStore.dispatch(99_999, to: "U001", in: tx) } }
            await refused(.invalidValue) {   // before the order was taken
                _ = try await f.write { tx in try await WorkOrderStore.dispatch(order.id, to: "U001", on: try day("2024-05-05"), in: tx) }
            }
            try await f.write { tx in try await WorkOrderStore.dispatch(order.id, to: "U001", on: try day("2024-05-06"), in: tx) }
            await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.decline(order.id, reason: " ", in: tx) } }
            await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.accept(order.id, servedBy: String(repeating: "码", count: 51), in: tx) } }
            try await f.write { tx in try await WorkOrderStore.accept(order.id, on: try day("2024-05-07"), in: tx) }
            await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.complete(order.id, result: "", in: tx) } }
            try await f.write { tx in try await WorkOrderStore.complete(order.id, result: "已换灯", on: try day("2024-05-08"), in: tx) }
            for score in [0, 6] {
                await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.rate(order.id, satisfied: true, score: score, in: tx) } }
            }
            await refused(.invalidValue) {
                _ = try await f.write { tx in try await WorkOrderStore.rate(order.id, satisfied: true, score: 4, on: try day("2024-05-07"), in: tx) }
            }
            let unchanged = try await f.read { tx in try await WorkOrderStore.order(order.id, in: tx) }
            #expect(unchanged.status == .completed && unchanged.ratedOn == nil && unchanged.dispatches.count == 1)
        }
    }

    @Test func overdueOrdersAreListedByTheirStepsDeadline() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration, settings: #"{"dispatch_deadline_days": 2, "accept_deadline_days": 1, "complete_deadline_days": 5}"#)
            defer { Task { await f.close() } }
            let waiting = try await f.order("等派单", on: "2024-06-01")          // dispatch by 06-03
            let unanswered = try await f.order("等接单", on: "2024-06-01")
            try await f.write { tx in try await WorkOrderStore.dispatch(unanswered.id, to: "U001", on: try day("2024-06-02"), in: tx) }   // answer by 06-03
            let working = try await f.order("办理中", on: "2024-06-01")
            try await f.write { tx in try await WorkOrderStore.dispatch(working.id, to: "U002", on: try day("2024-06-01"), in: tx) }
            try await f.write { tx in try await WorkOrderStore.accept(working.id, on: try day("2024-06-02"), in: tx) }   // complete by 06-07
            let done = try await f.order("已办结", on: "2024-06-01")
            try await f.write { tx in try await WorkOrderStore.dispatch(done.id, to: "U002", on: try day("2024-06-01"), in: tx) }
            try await f.write { tx in try await WorkOrderStore.accept(done.id, on: try day("2024-06-01"), in: tx) }
            try await f.write { tx in try await WorkOrderStore.complete(done.id, result: "好了", on: try day("2024-06-30"), in: tx) }

            func overdue(_ text: String) async throws -> Set<Int64> {
                Set(try await f.read { tx in try await WorkOrderStore.orders(overdueOn: try day(text), in: tx) }.map(\.id))
            }
            #expect(try await overdue("2024-06-03").isEmpty)
            #expect(try await overdue("2024-06-04") == [waiting.id, unanswered.id])
            #expect(try await overdue("2024-06-08") == [waiting.id, unanswered.id, working.id])
            #expect(try await f.read { tx in try await WorkOrderStore.orders(status: .accepted, in: tx) }.map(\.id) == [working.id])
        }
    }
}
