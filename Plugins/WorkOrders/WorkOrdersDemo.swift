import Foundation
import GovregCommandLine
import Postgres
import Registry
import RegistryStore

/// The demo's work orders (四联单) and a whistle: five orders in the bench
/// talk's community — one rated satisfied, one declined and sent to another unit, one
/// waiting for its unit's answer, one still waiting to be dispatched, one withdrawn — and the
/// street's whistle on a road the community cannot fix, one department reported on time and
/// one granted a delay.
struct WorkOrdersDemo: ModuleDemo {
    let settings = "{}"

    /// Records the sample on the first run; returns the year's summary.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        let taken = try await demo.read { tx in try await WorkOrderStore.orders(limit: 1, in: tx) }
        if taken.isEmpty {
            demo.terminal.progress("模块 work_orders 四联单·吹哨报到: orders and a whistle …")
            try await demo.write { tx in try await record(demo, tx) }
        }
        let summary = try await demo.read { tx in try await WorkOrderStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx) }
        return ModuleDemoSummary(text: WorkOrdersCommand.text(summary), figures: summary)
    }

    /// The sample, in one transaction: a demo stopped half-way leaves none of it.
    private func record(_ demo: DemoContext, _ tx: TenantTransaction) async throws {
        let units = try await tx.connection.query("""
            SELECT external_id FROM module_unit WHERE tenant_id = \(tx.tenantID) AND kind = 'department' AND external_id IS NOT NULL ORDER BY id LIMIT 3
            """).map { try $0.decode(String.self, "external_id") }
        let street = try await tx.connection.query("""
            SELECT s.code FROM module_org_unit c JOIN module_org_unit s ON s.tenant_id = c.tenant_id AND s.id = c.parent_id
            WHERE c.tenant_id = \(tx.tenantID) AND c.code = \(demo.community)
            """).first?.decode(String.self, "code") ?? demo.community
        guard units.count == 3 else { return }
        let hall = try await WorkOrderStore.order(OrderDraft(placeCode: demo.community, title: "想建一个体验式安全教育馆", category: "children",
                                                             orderedOn: try demo.day(3, 4)), in: tx)
        try await WorkOrderStore.dispatch(hall.id, to: units[0], on: try demo.day(3, 5), in: tx)
        try await WorkOrderStore.accept(hall.id, on: try demo.day(3, 6), in: tx)
        try await WorkOrderStore.complete(hall.id, result: "安全教育体验馆建成投用，设心肺复苏、烟雾逃生等体验区", on: try demo.day(3, 18), in: tx)
        try await WorkOrderStore.rate(hall.id, satisfied: true, score: 5, comment: "体验馆能帮助居民掌握急救本领", on: try demo.day(3, 25), in: tx)

        let meals = try await WorkOrderStore.order(OrderDraft(placeCode: demo.community, title: "老年人助餐服务", category: "elderly_care", orderedOn: try demo.day(5, 10)), in: tx)
        try await WorkOrderStore.dispatch(meals.id, to: units[1], on: try demo.day(5, 11), in: tx)
        try await WorkOrderStore.decline(meals.id, reason: "本单位无餐饮服务能力", on: try demo.day(5, 12), in: tx)
        try await WorkOrderStore.dispatch(meals.id, to: units[2], on: try demo.day(5, 13), in: tx)
        try await WorkOrderStore.accept(meals.id, on: try demo.day(5, 15), in: tx)

        let drains = try await WorkOrderStore.order(OrderDraft(placeCode: demo.community, title: "排水管道堵塞", category: "housing_repair", orderedOn: try demo.day(9, 2)), in: tx)
        try await WorkOrderStore.dispatch(drains.id, to: units[1], on: try demo.day(9, 3), in: tx)
        _ = try await WorkOrderStore.order(OrderDraft(placeCode: demo.community, title: "反诈宣传讲座", category: "legal_aid", orderedOn: try demo.day(11, 20)), in: tx)
        let duplicate = try await WorkOrderStore.order(OrderDraft(placeCode: demo.community, title: "绿化带补种", category: "environment", orderedOn: try demo.day(4, 1)), in: tx)
        try await WorkOrderStore.cancel(duplicate.id, reason: "与已列入项目清单的需求重复", on: try demo.day(4, 2), in: tx)

        let whistle = try await WorkOrderStore.blowWhistle(placeCode: street, matter: "小区南门口路面压坏，需多部门联合维修", departments: [units[0], units[2]],
                                                           dueOn: try demo.day(6, 5), on: try demo.day(6, 2), in: tx)
        try await WorkOrderStore.report(whistle.id, unit: units[0], report: "已到现场勘查，列入维修计划", on: try demo.day(6, 4), in: tx)
        try await WorkOrderStore.delay(whistle.id, unit: units[2], until: try demo.day(6, 12), reason: "需等待管线迁改方案", on: try demo.day(6, 5), in: tx)
        try await WorkOrderStore.report(whistle.id, unit: units[2], report: "管线迁改完成，路面已修复", on: try demo.day(6, 11), in: tx)
    }

}
