import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing
import WorkOrders

/// 街道吹哨、部门报到: departments summoned by a deadline, their reports, delays, refusals.
@Suite struct WhistleTests {
    @Test func theStreetSummonsDepartmentsWhoReportByTheDeadline() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration, settings: #"{"report_deadline_days": 2}"#)
            defer { Task { await f.close() } }
            let order = try await f.order("南门口路面压坏", on: "2024-06-01")
            let whistle = try await f.write { tx in
                try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: "南门口路面压坏，社区无力维修", departments: ["U001", "U002"], order: order.id,
                                                     on: try day("2024-06-02"), in: tx)
            }
            #expect(whistle.orderID == order.id && whistle.placeCode == "S1" && !whistle.answered)
            #expect(whistle.calls.map(\.unit) == ["U001", "U002"])
            #expect(whistle.calls.allSatisfy { $0.dueOn.description == "2024-06-04" && $0.firstDueOn == $0.dueOn && $0.status == .summoned })

            let reported = try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U001", report: "已到场勘查", on: try day("2024-06-03"), in: tx) }
            #expect(reported.calls[0].status == .reported && reported.calls[0].onTime)
            // A delay: kept, with its reason; the deadline in force moves, the first stays.
            let delayed = try await f.write { tx in
                try await WorkOrderStore.delay(whistle.id, unit: "U002", until: try day("2024-06-10"), reason: "等待管线迁改方案", on: try day("2024-06-04"), in: tx)
            }
            #expect(delayed.calls[1].dueOn.description == "2024-06-10" && delayed.calls[1].firstDueOn.description == "2024-06-04")
            #expect(delayed.calls[1].delays.map(\.reason) == ["等待管线迁改方案"] && delayed.calls[1].delays[0].fromDueOn.description == "2024-06-04")
            #expect(try await f.read { tx in try await WorkOrderStore.whistles(awaiting: true, in: tx) }.map(\.id) == [whistle.id])
            let answered = try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U002", report: "路面已修复", on: try day("2024-06-09"), in: tx) }
            #expect(answered.answered && answered.calls.allSatisfy(\.onTime))
            #expect(try await f.read { tx in try await WorkOrderStore.whistles(awaiting: true, in: tx) }.isEmpty)

            // Refused: a second report, a delay after the report, a department not summoned.
            let again = await refused(.illegalTransition) {
                _ = try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U001", report: "再报", in: tx) }
            }
            #expect(again?.chineseMessage.contains("已报到") == true)
            await refused(.illegalTransition) {
                _ = try await f.write { tx in try await WorkOrderStore.delay(whistle.id, unit: "U001", until: try day("2024-07-01"), reason: "x", in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {
                try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U003", report: "未被点名", in: tx) }
            }
            #expect(try await f.count("work_orders_delay") == 1)
        }
    }

    @Test func aLateReportAndBadInput() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration)
            defer { Task { await f.close() } }
            let matter = "河道垃圾堆积"
            await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: " ", departments: ["U001"], in: tx) } }
            await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: matter, departments: [], in: tx) } }
            await refused(.invalidValue) { _ = try await f.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: matter, departments: ["U001", "U001"], in: tx) } }
            await refused(.invalidValue) {
                _ = try await f.write { tx in
                    try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: matter, departments: ["U001"], dueOn: try day("2024-05-31"), on: try day("2024-06-01"), in: tx)
                }
            }
            await #expect(throws: RegistryStoreError.self) {
                _ = try await f.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: matter, departments: ["U001", "U404"], in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {
                _ = try await f.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: matter, departments: ["U001"], order: 4_040, in: tx) }
            }
            #expect(try await (f.count("work_orders_whistle"), f.count("work_orders_call")) == (0, 0))

            let whistle = try await f.write { tx in
                try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: matter, departments: ["U001"], dueOn: try day("2024-06-03"), on: try day("2024-06-01"), in: tx)
            }
            await refused(.invalidValue) {   // a delay must move the deadline later
                _ = try await f.write { tx in try await WorkOrderStore.delay(whistle.id, unit: "U001", until: try day("2024-06-03"), reason: "x", on: try day("2024-06-02"), in: tx) }
            }
            await refused(.invalidValue) {   // a report before the whistle
                _ = try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U001", report: "早报", on: try day("2024-05-30"), in: tx) }
            }
            let late = try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U001", report: "已清理", on: try day("2024-06-05"), in: tx) }
            #expect(late.answered && !late.calls[0].onTime)
            let summary = try await f.read { tx in try await WorkOrderStore.summary(from: try day("2024-01-01"), to: try day("2024-12-31"), in: tx) }
            #expect((summary.whistles, summary.whistlesAnsweredOnTime, summary.calls, summary.callsReportedOnTime) == (1, 0, 1, 0))
        }
    }
}
