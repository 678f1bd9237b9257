import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing
import WorkOrders

/// The report section, the console page and the civic act of a satisfied rating.
@Suite struct WorkOrderReportTests {
    /// A: 1 day to dispatch, 2 to accept, 5 to complete, satisfied; B: 3 days to dispatch, declined
    /// by U002, accepted by U001 in 1, completed in 10, not satisfied; C: waiting; D: last year.
    static func history(_ f: WorkOrdersFixture) async throws -> (a: Int64, b: Int64, c: Int64) {
        let a = try await f.order("A", on: "2024-06-01").id, b = try await f.order("B", on: "2024-06-01").id
        let c = try await f.order("C", on: "2024-06-10").id
        _ = try await f.order("D", on: "2023-12-01")
        try await f.write { tx in
            try await WorkOrderStore.dispatch(a, to: "U001", on: try day("2024-06-02"), in: tx)
            try await WorkOrderStore.accept(a, servedBy: "H-0012", on: try day("2024-06-04"), in: tx)
            try await WorkOrderStore.complete(a, result: "已修", on: try day("2024-06-09"), in: tx)
            try await WorkOrderStore.rate(a, satisfied: true, score: 5, on: try day("2024-06-10"), in: tx)
            try await WorkOrderStore.dispatch(b, to: "U002", on: try day("2024-06-04"), in: tx)
            try await WorkOrderStore.decline(b, reason: "非本单位职责", on: try day("2024-06-05"), in: tx)
            try await WorkOrderStore.dispatch(b, to: "U001", on: try day("2024-06-05"), in: tx)
            try await WorkOrderStore.accept(b, servedBy: "H-0034", on: try day("2024-06-06"), in: tx)
            try await WorkOrderStore.complete(b, result: "已修", on: try day("2024-06-16"), in: tx)
            try await WorkOrderStore.rate(b, satisfied: false, score: 2, comment: "拖得太久", on: try day("2024-06-20"), in: tx)
        }
        return (a, b, c)
    }

    @Test func theSectionCountsStepsMediansSatisfactionAndWhistles() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration)
            defer { Task { await f.close() } }
            _ = try await Self.history(f)
            let whistle = try await f.write { tx in
                try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: "占道经营", departments: ["U001", "U002"], dueOn: try day("2024-07-03"), on: try day("2024-07-01"), in: tx)
            }
            try await f.write { tx in try await WorkOrderStore.report(whistle.id, unit: "U001", report: "已劝离", on: try day("2024-07-02"), in: tx) }
            try await f.write { tx in try await WorkOrderStore.delay(whistle.id, unit: "U002", until: try day("2024-07-06"), reason: "人手不足", on: try day("2024-07-03"), in: tx) }

            let s = try await f.read { tx in try await WorkOrderStore.summary(from: try day("2024-01-01"), to: try day("2024-12-31"), in: tx) }
            #expect(s.orders == 3 && s.byStep == ["rated": 2, "ordered": 1])
            #expect((s.medianDispatchDays, s.medianAcceptDays, s.medianCompleteDays) == (2, 1.5, 7.5))
            #expect((s.rated, s.satisfied, s.satisfactionRate) == (2, 1, 0.5))
            #expect(s.overdue == 2)   // C, and D from last year, still waiting on 12-31
            #expect(Set(s.units.map(\.unit)) == ["U001", "U002"])
            let byUnit = Dictionary(uniqueKeysWithValues: s.units.map { ($0.unit, $0) })
            #expect(byUnit["U001"].map { ($0.dispatches, $0.declined, $0.medianAcceptDays, $0.medianCompleteDays) } ?? (0, 0, nil, nil) == (2, 0, 1.5, 7.5))
            #expect(byUnit["U002"].map { ($0.dispatches, $0.declined, $0.medianAcceptDays) } ?? (0, 0, nil) == (1, 1, nil))
            #expect((s.whistles, s.whistlesAnsweredOnTime, s.calls, s.callsReportedOnTime, s.delays) == (1, 0, 2, 1, 1))

            // The section, named in both languages.
            let report = WorkOrdersModule().contributions.compactMap { $0 as? any ReportContribution }.first!
            let section = try await f.read { tx in
                try await report.section(from: try day("2024-01-01"), to: try day("2024-12-31"), settings: ModuleSettings(), in: tx)
            }
            let figures = Dictionary(section.figures.map { ($0.label, $0.value) }, uniquingKeysWith: { first, _ in first })
            #expect(figures["评单满意 rated satisfied"] == "1 / 2 (50%)")
            #expect(figures["派单用时中位数 median days to dispatch"] == "2.0 天 days")
            #expect(figures["按时报到的吹哨 whistles answered on time"] == "0")
            #expect(figures["各环节 orders per step"]?.contains("已评单 rated 2") == true)
            #expect(section.figures.contains { $0.label.contains("城关街道办") })
        }
    }

    @Test func theConsolePageShowsOpenOrdersOverdueFirstAndWhistlesAwaitingReport() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration)
            defer { Task { await f.close() } }
            let (_, _, c) = try await Self.history(f)
            let today = try await f.read { tx in try tx.today() }
            let fresh = try await f.write { tx in try await WorkOrderStore.order(OrderDraft(placeCode: "C1", title: "今天的订单", category: "elderly_care", orderedOn: today), in: tx) }
            _ = try await f.write { tx in try await WorkOrderStore.blowWhistle(placeCode: "S1", matter: "违建拆除", departments: ["U002"], on: today, in: tx) }
            let pages = WorkOrdersModule().contributions.compactMap { $0 as? any ModuleConsolePages }.first!.pages
            let content = try await f.read { tx in try await pages[0].read([:], tx) }
            #expect(content.sections[0].facts.map(\.value) == ["3", "2", "1"])
            let open = content.sections[1].rows
            #expect(open.map { $0[3] } == ["D", "C", "今天的订单"] && open[1][0] == "#\(c)" && open[2][0] == "#\(fresh.id)")
            #expect(open.map { $0[7] } == ["逾期 overdue", "逾期 overdue", ""])
            #expect(!open.joined().joined().contains("H-00"))   // who served is not shown
            #expect(content.sections[2].rows.map { $0[4] } == ["县住建局"])
        }
    }

    @Test func aSatisfiedRatingEmitsACivicActForWhoServed() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration, modules: [WorkOrdersModule(), ActListenerModule()])
            defer { Task { await f.close() } }
            let (a, _, _) = try await Self.history(f)   // A satisfied (H-0012 served), B not (H-0034)
            let unnamed = try await f.order("无接单人", on: "2024-06-01").id
            try await f.write { tx in
                try await WorkOrderStore.dispatch(unnamed, to: "U001", on: try day("2024-06-01"), in: tx)
                try await WorkOrderStore.accept(unnamed, on: try day("2024-06-01"), in: tx)
                try await WorkOrderStore.complete(unnamed, result: "已办", on: try day("2024-06-02"), in: tx)
                try await WorkOrderStore.rate(unnamed, satisfied: true, score: 5, on: try day("2024-06-02"), in: tx)
            }
            let acts = ActListenerModule.acts(of: f.tenant)
            #expect(acts == [CivicAct(kind: "work_order_satisfied", holder: "H-0012", quantity: 1, occasion: "work_orders.order:\(a).satisfied")])
        }
    }
}
