import Registry
import RegistryStore

/// The work orders' page in the console: open orders (overdue ones first, with how long
/// they are late) and the whistles still waiting for a department's report. Read-only; who
/// served is not shown (a points holder's code is personal).
struct WorkOrderConsolePages: ModuleConsolePages {
    var pages: [ModuleConsolePage] { [
        ModuleConsolePage("orders", chinese: "四联单与吹哨", english: "Work orders and whistles") { _, tx in
            let today = try tx.today()
            var open: [WorkOrder] = []
            for step in OrderStep.allCases where step.hasDeadline {
                open += try await WorkOrderStore.orders(status: step, limit: 200, in: tx)
            }
            open.sort { ($0.isOverdue(on: today) ? 0 : 1, $0.dueOn ?? .latest, $0.id) < ($1.isOverdue(on: today) ? 0 : 1, $1.dueOn ?? .latest, $1.id) }
            let overdue = open.filter { $0.isOverdue(on: today) }
            let whistles = try await WorkOrderStore.whistles(awaiting: true, limit: 100, in: tx)
            let waiting = whistles.flatMap { whistle in whistle.calls.filter { $0.status == .summoned }.map { (whistle, $0) } }
            typealias W = ModulePageContent.Words
            return ModulePageContent([
                .init(facts: [
                    (W("办理中的订单", "Open orders"), "\(open.count)"), (W("逾期", "Overdue"), "\(overdue.count)"),
                    (W("待报到的部门", "Departments yet to report"), "\(waiting.count)"),
                ]),
                .init(
                    heading: W("办理中的订单（逾期在前）", "Open orders, overdue first"),
                    columns: [W("订单", "Order"), W("点单日期", "Ordered"), W("地点", "Place"), W("内容", "Title"), W("环节", "Step"),
                              W("单位", "Unit"), W("期限", "Due"), W("逾期", "Overdue")],
                    rows: open.map { o in
                        ["#\(o.id)", o.orderedOn.description, o.placeName, o.title, "\(o.status.chineseName) \(o.status.rawValue)",
                         o.unitName ?? "", o.dueOn?.description ?? "", o.isOverdue(on: today) ? "逾期 overdue" : ""]
                    },
                    empty: W("没有办理中的订单", "No open orders")),
                .init(
                    heading: W("待报到（吹哨）", "Whistles awaiting a report"),
                    columns: [W("吹哨", "Whistle"), W("日期", "Blown"), W("吹哨方", "By"), W("事项", "Matter"), W("部门", "Department"),
                              W("报到期限", "Report by"), W("延期", "Delays")],
                    rows: waiting.map { whistle, call in
                        ["#\(whistle.id)", whistle.blownOn.description, whistle.placeName, whistle.matter, call.unitName,
                         call.dueOn.description + (call.dueOn < today ? " 逾期 overdue" : ""), "\(call.delays.count)"]
                    },
                    empty: W("没有待报到的部门", "No department is awaited")),
            ])
        },
    ] }
}
