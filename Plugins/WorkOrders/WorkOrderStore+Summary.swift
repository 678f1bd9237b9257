import Foundation
import Postgres
public import Registry
public import RegistryStore

extension WorkOrderStore {
    /// The report section for a period: the orders taken in it and the whistles blown in it.
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> WorkOrderSummary {
        _ = try await Self.enabledSettings(tx)
        return try await Self.summary(from: from, to: to, tx)
    }

    static func summary(from: CivilDate, to: CivilDate, _ tx: TenantTransaction) async throws -> WorkOrderSummary {
        let (start, end) = (from.description, to.description)
        // Days per step over the period's orders: order → first dispatch, dispatch → acceptance
        // (the accepted dispatch), acceptance → completion.
        let orders = try await tx.connection.query("""
            WITH o AS (SELECT * FROM work_orders_order WHERE tenant_id = \(tx.tenantID) AND ordered_on BETWEEN \(start)::date AND \(end)::date),
                 d AS (SELECT d.* FROM work_orders_dispatch d JOIN o ON o.id = d.order_id WHERE d.tenant_id = \(tx.tenantID))
            SELECT (SELECT count(*) FROM o) AS orders,
                   (SELECT coalesce(jsonb_object_agg(status, n), '{}')::text FROM (SELECT status, count(*) AS n FROM o GROUP BY status) s) AS steps,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first - o.ordered_on)
                      FROM o JOIN (SELECT order_id, min(dispatched_on) AS first FROM d GROUP BY order_id) f ON f.order_id = o.id) AS dispatch_days,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY answered_on - dispatched_on) FROM d WHERE answer = 'accepted') AS accept_days,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY completed_on - accepted_on) FROM o WHERE completed_on IS NOT NULL) AS complete_days,
                   (SELECT count(*) FROM o WHERE status = 'rated') AS rated,
                   (SELECT count(*) FROM o WHERE status = 'rated' AND satisfied) AS satisfied,
                   (SELECT count(*) FROM work_orders_order q WHERE q.tenant_id = \(tx.tenantID) AND q.due_on < \(end)::date
                        AND q.ordered_on <= \(end)::date) AS overdue
            """)[0]
        let steps = try JSONDecoder().decode([String: Int].self, from: Data(try orders.decode(String.self, "steps").utf8))
        let units = try await tx.connection.query("""
            WITH o AS (SELECT * FROM work_orders_order WHERE tenant_id = \(tx.tenantID) AND ordered_on BETWEEN \(start)::date AND \(end)::date)
            SELECT u.external_id, u.name, count(*) AS dispatches, count(*) FILTER (WHERE d.answer = 'declined') AS declined,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY d.answered_on - d.dispatched_on) FILTER (WHERE d.answer = 'accepted') AS accept_days,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY o.completed_on - o.accepted_on)
                       FILTER (WHERE d.answer = 'accepted' AND o.completed_on IS NOT NULL) AS complete_days
            FROM work_orders_dispatch d JOIN o ON o.id = d.order_id
            JOIN module_unit u ON u.tenant_id = d.tenant_id AND u.id = d.unit_id
            WHERE d.tenant_id = \(tx.tenantID)
            GROUP BY u.id, u.external_id, u.name ORDER BY u.name
            """).map { row in
            UnitResponse(unit: try row.decode(String?.self, "external_id") ?? "", unitName: try row.decode(String.self, "name"),
                         dispatches: try row.decode(Int.self, "dispatches"), declined: try row.decode(Int.self, "declined"),
                         medianAcceptDays: try row.decode(Double?.self, "accept_days"), medianCompleteDays: try row.decode(Double?.self, "complete_days"))
        }
        // A whistle is answered on time when every department reported by its deadline in force.
        let whistles = try await tx.connection.query("""
            WITH c AS (SELECT c.* FROM work_orders_call c JOIN work_orders_whistle w ON w.tenant_id = c.tenant_id AND w.id = c.whistle_id
                       WHERE c.tenant_id = \(tx.tenantID) AND w.blown_on BETWEEN \(start)::date AND \(end)::date)
            SELECT (SELECT count(DISTINCT whistle_id) FROM c) AS whistles,
                   (SELECT count(*) FROM (SELECT whistle_id FROM c GROUP BY whistle_id
                        HAVING bool_and(reported_on IS NOT NULL AND reported_on <= due_on)) a) AS on_time,
                   (SELECT count(*) FROM c) AS calls,
                   (SELECT count(*) FROM c WHERE reported_on <= due_on) AS calls_on_time,
                   (SELECT count(*) FROM work_orders_delay l JOIN c ON c.id = l.call_id WHERE l.tenant_id = \(tx.tenantID)) AS delays
            """)[0]
        return WorkOrderSummary(
            from: from, to: to, orders: try orders.decode(Int.self, "orders"), byStep: steps,
            medianDispatchDays: try orders.decode(Double?.self, "dispatch_days"), medianAcceptDays: try orders.decode(Double?.self, "accept_days"),
            medianCompleteDays: try orders.decode(Double?.self, "complete_days"), rated: try orders.decode(Int.self, "rated"),
            satisfied: try orders.decode(Int.self, "satisfied"), overdue: try orders.decode(Int.self, "overdue"), units: units,
            whistles: try whistles.decode(Int.self, "whistles"), whistlesAnsweredOnTime: try whistles.decode(Int.self, "on_time"),
            calls: try whistles.decode(Int.self, "calls"), callsReportedOnTime: try whistles.decode(Int.self, "calls_on_time"),
            delays: try whistles.decode(Int.self, "delays"))
    }
}
