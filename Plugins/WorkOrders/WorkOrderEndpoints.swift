import Foundation
import Postgres
import Registry
import RegistryStore

/// The work-order and whistle operations of the HTTP API (`…/modules/work_orders/…`).
struct WorkOrderEndpoints: ModuleEndpoints {
    struct Order: Decodable {
        var placeCode: String
        var demand: String?
        var title: String?
        var category: String?
        var on: CivilDate?
        enum CodingKeys: String, CodingKey { case placeCode = "place_code", demand, title, category, on }
    }

    struct Dispatching: Decodable { var unit: String; var on: CivilDate? }
    struct Acceptance: Decodable {
        var servedBy: String?
        var on: CivilDate?
        enum CodingKeys: String, CodingKey { case servedBy = "served_by", on }
    }

    struct Reasoned: Decodable { var reason: String; var on: CivilDate? }
    struct Completion: Decodable { var result: String; var on: CivilDate? }
    struct Rating: Decodable { var satisfied: Bool; var score: Int; var comment: String?; var on: CivilDate? }
    struct Blow: Decodable {
        var placeCode: String
        var matter: String
        var departments: [String]
        var dueOn: CivilDate?
        var order: Int64?
        var on: CivilDate?
        enum CodingKeys: String, CodingKey { case placeCode = "place_code", matter, departments, dueOn = "due_on", order, on }
    }

    struct Report: Decodable { var unit: String; var report: String; var on: CivilDate? }
    struct Postponement: Decodable { var unit: String; var until: CivilDate; var reason: String; var on: CivilDate? }

    static let day = ModuleEndpoint.Field("on", .date, "The day (default today)")
    static let unit = ModuleEndpoint.Field("unit", .text, required: true, "The unit's external id")

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "orders", .read, summary: "四联单 Work orders, newest first",
                           query: [.init("status", .choice(OrderStep.allCases.map(\.rawValue)), "Where the orders stand"),
                                   .init("overdue_on", .date, "Open orders past their step's deadline on this day")]) { request in
                let status = try request.query("status", as: OrderStep.self)
                let overdue = try request.query["overdue_on"].map { try CivilDate($0) }
                return .json(try await WorkOrderStore.orders(status: status, overdueOn: overdue, in: request.tx))
            },
            ModuleEndpoint(.get, "orders/{id}", .read, summary: "一张订单 A work order with its dispatches") { request in
                .json(try await WorkOrderStore.order(try request.id(), in: request.tx))
            },
            ModuleEndpoint(.post, "orders", .write, summary: "点单 Take a resident's order (from a demand, or directly)",
                           body: [.init("place_code", .text, required: true, "Org unit code where the order is taken"),
                                  .init("demand", .text, "The demand's external id (its title and category are used)"),
                                  .init(WorkOrderFields.title), .init(WorkOrderFields.category), Self.day],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Order.self)
                let draft = OrderDraft(placeCode: input.placeCode, demand: input.demand, title: input.title, category: input.category, orderedOn: input.on)
                return .json(try await WorkOrderStore.order(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "orders/{id}/dispatch", .write, summary: "下单 Dispatch to a unit",
                           body: [Self.unit, Self.day], place: .record(orderPlace)) { request in
                let input = try request.decode(Dispatching.self)
                return .json(try await WorkOrderStore.dispatch(try request.id(), to: input.unit, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "orders/{id}/acceptance", .write, summary: "接单 The unit accepts",
                           body: [.init(WorkOrderFields.servedBy), Self.day], place: .record(orderPlace)) { request in
                let input = try request.decode(Acceptance.self)
                return .json(try await WorkOrderStore.accept(try request.id(), servedBy: input.servedBy, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "orders/{id}/decline", .write, summary: "拒单 The unit declines, with a reason",
                           body: [.init(WorkOrderFields.reason, required: true), Self.day], place: .record(orderPlace)) { request in
                let input = try request.decode(Reasoned.self)
                return .json(try await WorkOrderStore.decline(try request.id(), reason: input.reason, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "orders/{id}/completion", .write, summary: "办结 Record the work done",
                           body: [.init(WorkOrderFields.result, required: true), Self.day], place: .record(orderPlace)) { request in
                let input = try request.decode(Completion.self)
                return .json(try await WorkOrderStore.complete(try request.id(), result: input.result, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "orders/{id}/rating", .write, summary: "评单 The resident rates the result",
                           body: [.init("satisfied", .boolean, required: true, "Satisfied or not"), .init(WorkOrderFields.score, required: true),
                                  .init(WorkOrderFields.comment), Self.day], place: .record(orderPlace)) { request in
                let input = try request.decode(Rating.self)
                return .json(try await WorkOrderStore.rate(try request.id(), satisfied: input.satisfied, score: input.score, comment: input.comment,
                                                           on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "orders/{id}/cancellation", .write, summary: "撤单 Withdraw an order no unit has taken on",
                           body: [.init(WorkOrderFields.reason, required: true), Self.day], place: .record(orderPlace)) { request in
                let input = try request.decode(Reasoned.self)
                return .json(try await WorkOrderStore.cancel(try request.id(), reason: input.reason, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.get, "whistles", .read, summary: "吹哨 Whistles, newest first",
                           query: [.init("awaiting", .boolean, "Only whistles with a department yet to report")]) { request in
                let awaiting = request.query["awaiting"].map { $0 == "true" } ?? false
                return .json(try await WorkOrderStore.whistles(awaiting: awaiting, in: request.tx))
            },
            ModuleEndpoint(.post, "whistles", .write, summary: "吹哨 Summon departments on a matter beyond the community",
                           body: [.init("place_code", .text, required: true, "Org unit code of who blows (the street)"),
                                  .init(WorkOrderFields.matter, required: true),
                                  .init("departments", .textList, required: true, "The units summoned (external ids)"),
                                  .init("due_on", .date, "The report deadline (default: the day plus the district's deadline)"),
                                  .init("order", .integer, "The work order that outgrew the community"), Self.day],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Blow.self)
                return .json(try await WorkOrderStore.blowWhistle(
                    placeCode: input.placeCode, matter: input.matter, departments: input.departments, dueOn: input.dueOn, order: input.order,
                    on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "whistles/{id}/reports", .write, summary: "报到 A summoned department reports",
                           body: [Self.unit, .init(WorkOrderFields.report, required: true), Self.day], place: .record(whistlePlace)) { request in
                let input = try request.decode(Report.self)
                return .json(try await WorkOrderStore.report(try request.id(), unit: input.unit, report: input.report, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "whistles/{id}/delays", .write, summary: "延期 Grant a department a later deadline, with the reason",
                           body: [Self.unit, .init("until", .date, required: true, "The new deadline"), .init(WorkOrderFields.reason, required: true), Self.day],
                           place: .record(whistlePlace)) { request in
                let input = try request.decode(Postponement.self)
                return .json(try await WorkOrderStore.delay(try request.id(), unit: input.unit, until: input.until, reason: input.reason,
                                                            on: input.on, in: request.tx), status: 201)
            },
        ]
    }
}

/// The org unit where an order was taken: where writes on it happen.
@Sendable private func orderPlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("""
        SELECT org_unit_id FROM work_orders_order WHERE tenant_id = \(tx.tenantID) AND id = \(id)
        """).first?.decode(Int64.self, "org_unit_id")
}

/// The org unit that blew a whistle: where reports and delays on it are recorded.
@Sendable private func whistlePlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("""
        SELECT org_unit_id FROM work_orders_whistle WHERE tenant_id = \(tx.tenantID) AND id = \(id)
        """).first?.decode(Int64.self, "org_unit_id")
}
