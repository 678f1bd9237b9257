import Foundation
import Postgres
public import Registry
public import RegistryStore

extension WorkOrderStore {
    /// Orders, newest first: all, by step, or (`overdueOn`) open ones whose step's deadline
    /// passed before that day.
    public static func orders(
        status: OrderStep? = nil, overdueOn: CivilDate? = nil, limit: Int = 100, in tx: TenantTransaction
    ) async throws -> [WorkOrder] {
        _ = try await Self.enabledSettings(tx)
        var filter: SQL = ""
        if let status { filter.append(" AND o.status = \(status.rawValue)") }
        if let overdueOn { filter.append(" AND o.due_on < \(overdueOn.description)::date") }
        filter.append(" ORDER BY o.ordered_on DESC, o.id DESC LIMIT \(max(1, min(limit, 1000)))")
        return try await Self.orders(tx, where: filter)
    }

    /// One order with its dispatches.
    public static func order(_ id: Int64, in tx: TenantTransaction) async throws -> WorkOrder {
        _ = try await Self.enabledSettings(tx)
        return try await Self.order(id, tx)
    }

    /// Whistles, newest first; `awaiting` keeps those with a department yet to report.
    public static func whistles(awaiting: Bool = false, limit: Int = 100, in tx: TenantTransaction) async throws -> [Whistle] {
        _ = try await Self.enabledSettings(tx)
        var filter: SQL = ""
        if awaiting {
            filter.append(" AND EXISTS (SELECT 1 FROM work_orders_call c WHERE c.tenant_id = w.tenant_id AND c.whistle_id = w.id AND c.reported_on IS NULL)")
        }
        filter.append(" ORDER BY w.blown_on DESC, w.id DESC LIMIT \(max(1, min(limit, 1000)))")
        return try await Self.whistles(tx, where: filter)
    }

    static func order(_ id: Int64, _ tx: TenantTransaction) async throws -> WorkOrder {
        guard let order = try await Self.orders(tx, where: " AND o.id = \(id)").first else {
            throw RegistryStoreError.notFound(kind: "work order 订单", key: "\(id)")
        }
        return order
    }

    /// Orders with their place, demand, unit and dispatches; `filter` continues the WHERE clause over `o`.
    static func orders(_ tx: TenantTransaction, where filter: SQL) async throws -> [WorkOrder] {
        var sql: SQL = """
            SELECT o.id, p.code, p.name, d.external_id AS demand, o.title, o.category_code, o.status, o.ordered_on::text AS ordered_on,
                   o.due_on::text AS due_on, u.external_id AS unit, u.name AS unit_name, o.accepted_on::text AS accepted_on, o.served_by,
                   o.completed_on::text AS completed_on, o.result, o.rated_on::text AS rated_on, o.satisfied, o.score::integer AS score,
                   o.rating_comment, o.cancelled_on::text AS cancelled_on, o.cancel_reason
            FROM work_orders_order o
            JOIN module_org_unit p ON p.tenant_id = o.tenant_id AND p.id = o.org_unit_id
            LEFT JOIN module_demand d ON d.tenant_id = o.tenant_id AND d.id = o.demand_id
            LEFT JOIN module_unit u ON u.tenant_id = o.tenant_id AND u.id = o.unit_id
            WHERE o.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        var orders = try await tx.connection.query(sql).map { row in
            WorkOrder(
                id: try row.decode(Int64.self, "id"), placeCode: try row.decode(String.self, "code"), placeName: try row.decode(String.self, "name"),
                demand: try row.decode(String?.self, "demand"), title: try row.decode(String.self, "title"),
                category: try row.decode(String.self, "category_code"), status: OrderStep(rawValue: try row.decode(String.self, "status"))!,
                orderedOn: try CivilDate(try row.decode(String.self, "ordered_on")), dueOn: try day(row, "due_on"),
                unit: try row.decode(String?.self, "unit"), unitName: try row.decode(String?.self, "unit_name"),
                acceptedOn: try day(row, "accepted_on"), servedBy: try row.decode(String?.self, "served_by"),
                completedOn: try day(row, "completed_on"), result: try row.decode(String?.self, "result"), ratedOn: try day(row, "rated_on"),
                satisfied: try row.decode(Bool?.self, "satisfied"), score: try row.decode(Int?.self, "score"),
                ratingComment: try row.decode(String?.self, "rating_comment"), cancelledOn: try day(row, "cancelled_on"),
                cancelReason: try row.decode(String?.self, "cancel_reason"), dispatches: [])
        }
        guard !orders.isEmpty else { return [] }
        var dispatches: [Int64: [Dispatch]] = [:]
        for row in try await tx.connection.query("""
            SELECT d.order_id, u.external_id, u.name, d.dispatched_on::text AS dispatched_on, d.answer_by::text AS answer_by,
                   d.answer, d.answered_on::text AS answered_on, d.reason
            FROM work_orders_dispatch d JOIN module_unit u ON u.tenant_id = d.tenant_id AND u.id = d.unit_id
            WHERE d.tenant_id = \(tx.tenantID) AND d.order_id = ANY(\(orders.map(\.id))::bigint[])
            ORDER BY d.id
            """) {
            dispatches[try row.decode(Int64.self, "order_id"), default: []].append(Dispatch(
                unit: try row.decode(String?.self, "external_id") ?? "", unitName: try row.decode(String.self, "name"),
                dispatchedOn: try CivilDate(try row.decode(String.self, "dispatched_on")), answerBy: try CivilDate(try row.decode(String.self, "answer_by")),
                answer: try row.decode(String?.self, "answer").flatMap(Dispatch.Answer.init(rawValue:)),
                answeredOn: try day(row, "answered_on"), reason: try row.decode(String?.self, "reason")))
        }
        for index in orders.indices { orders[index].dispatches = dispatches[orders[index].id] ?? [] }
        return orders
    }

    /// Whistles with their calls and delays; `filter` continues the WHERE clause over `w`.
    static func whistles(_ tx: TenantTransaction, where filter: SQL) async throws -> [Whistle] {
        var sql: SQL = """
            SELECT w.id, p.code, p.name, w.order_id, w.matter, w.blown_on::text AS blown_on
            FROM work_orders_whistle w JOIN module_org_unit p ON p.tenant_id = w.tenant_id AND p.id = w.org_unit_id
            WHERE w.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        var whistles = try await tx.connection.query(sql).map { row in
            Whistle(id: try row.decode(Int64.self, "id"), placeCode: try row.decode(String.self, "code"), placeName: try row.decode(String.self, "name"),
                    orderID: try row.decode(Int64?.self, "order_id"), matter: try row.decode(String.self, "matter"),
                    blownOn: try CivilDate(try row.decode(String.self, "blown_on")), calls: [])
        }
        guard !whistles.isEmpty else { return [] }
        let ids = whistles.map(\.id)
        var delays: [Int64: [Delay]] = [:]
        for row in try await tx.connection.query("""
            SELECT l.call_id, l.granted_on::text AS granted_on, l.from_due_on::text AS from_due_on, l.to_due_on::text AS to_due_on, l.reason
            FROM work_orders_delay l JOIN work_orders_call c ON c.tenant_id = l.tenant_id AND c.id = l.call_id
            WHERE l.tenant_id = \(tx.tenantID) AND c.whistle_id = ANY(\(ids)::bigint[]) ORDER BY l.id
            """) {
            delays[try row.decode(Int64.self, "call_id"), default: []].append(Delay(
                grantedOn: try CivilDate(try row.decode(String.self, "granted_on")), fromDueOn: try CivilDate(try row.decode(String.self, "from_due_on")),
                toDueOn: try CivilDate(try row.decode(String.self, "to_due_on")), reason: try row.decode(String.self, "reason")))
        }
        var calls: [Int64: [Call]] = [:]
        for row in try await tx.connection.query("""
            SELECT c.id, c.whistle_id, u.external_id, u.name, c.first_due_on::text AS first_due_on, c.due_on::text AS due_on,
                   c.reported_on::text AS reported_on, c.report
            FROM work_orders_call c JOIN module_unit u ON u.tenant_id = c.tenant_id AND u.id = c.unit_id
            WHERE c.tenant_id = \(tx.tenantID) AND c.whistle_id = ANY(\(ids)::bigint[]) ORDER BY c.id
            """) {
            let reported = try day(row, "reported_on")
            calls[try row.decode(Int64.self, "whistle_id"), default: []].append(Call(
                unit: try row.decode(String?.self, "external_id") ?? "", unitName: try row.decode(String.self, "name"),
                status: reported == nil ? .summoned : .reported, firstDueOn: try CivilDate(try row.decode(String.self, "first_due_on")),
                dueOn: try CivilDate(try row.decode(String.self, "due_on")), reportedOn: reported, report: try row.decode(String?.self, "report"),
                delays: delays[try row.decode(Int64.self, "id")] ?? []))
        }
        for index in whistles.indices { whistles[index].calls = calls[whistles[index].id] ?? [] }
        return whistles
    }
}

/// A `date` column read as text.
func day(_ row: Row, _ column: String) throws -> CivilDate? {
    try row.decode(String?.self, column).map(CivilDate.init)
}
