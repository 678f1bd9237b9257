import Foundation
import Postgres
public import Registry
public import RegistryStore

extension ProxyServiceStore {
    /// Requests, newest first: all, or at one step; with `overdueOn`, only those still open
    /// whose deadline passed before that day, the longest overdue first.
    public static func requests(step: RequestStep? = nil, overdueOn: CivilDate? = nil, limit: Int = 100, in tx: TenantTransaction) async throws -> [ProxyRequest] {
        _ = try await Self.enabledSettings(tx)
        var filter: SQL = " AND (\(step?.rawValue)::text IS NULL OR r.step = \(step?.rawValue))"
        if let overdueOn {
            filter.append(" AND r.step IN ('received', 'submitted') AND r.due_on < \(overdueOn.description)::date ORDER BY r.due_on, r.id")
        } else {
            filter.append(" ORDER BY r.received_on DESC, r.id DESC")
        }
        filter.append(" LIMIT \(max(1, min(limit, 1000)))")
        return try await Self.requests(tx, where: filter)
    }

    /// The requests still with the agent or the department, the earliest deadline first (so
    /// the overdue ones lead).
    public static func openRequests(limit: Int = 200, in tx: TenantTransaction) async throws -> [ProxyRequest] {
        _ = try await Self.enabledSettings(tx)
        return try await Self.requests(tx, where: " AND r.step IN ('received', 'submitted') ORDER BY r.due_on, r.id LIMIT \(max(1, min(limit, 1000)))")
    }

    /// One request, the resident masked.
    public static func request(_ id: Int64, in tx: TenantTransaction) async throws -> ProxyRequest {
        _ = try await Self.enabledSettings(tx)
        return try await Self.detail(id, tx)
    }

    /// The report section: requests received in the period, by item, how many the
    /// department decided within the deadline, how many are overdue on `to`, and the median
    /// days from received to decided.
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> ProxyServiceSummary {
        try await Self.summary(from: from, to: to, settings: try await Self.enabledSettings(tx), tx)
    }

    static func summary(from: CivilDate, to: CivilDate, settings: ModuleSettings, _ tx: TenantTransaction) async throws -> ProxyServiceSummary {
        let (start, end) = (from.description, to.description)
        let row = try await tx.connection.query("""
            SELECT count(*) AS requests,
                   count(*) FILTER (WHERE coalesce(completed_on, refused_on) <= \(end)::date) AS decided,
                   count(*) FILTER (WHERE completed_on <= \(end)::date) AS completed,
                   count(*) FILTER (WHERE refused_on <= \(end)::date) AS refused,
                   count(*) FILTER (WHERE coalesce(completed_on, refused_on) <= least(due_on, \(end)::date)) AS on_time,
                   count(*) FILTER (WHERE returned_on <= \(end)::date) AS returned,
                   -- open on `to` past its deadline, whenever received: a request taken last quarter
                   -- and still with the department is overdue in this one too
                   (SELECT count(*) FROM proxy_service_request o
                     WHERE o.tenant_id = \(tx.tenantID) AND o.received_on <= \(end)::date AND o.due_on < \(end)::date
                       AND coalesce(o.completed_on, o.refused_on, \(end)::date + 1) > \(end)::date) AS overdue,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(completed_on, refused_on) - received_on)
                       FILTER (WHERE coalesce(completed_on, refused_on) <= \(end)::date))::float8 AS median_days,
                   (SELECT count(*) FROM proxy_service_item i WHERE i.tenant_id = \(tx.tenantID) AND i.level = 'town') AS town_items,
                   (SELECT count(*) FROM proxy_service_item i WHERE i.tenant_id = \(tx.tenantID) AND i.level = 'village') AS village_items
            FROM proxy_service_request
            WHERE tenant_id = \(tx.tenantID) AND received_on BETWEEN \(start)::date AND \(end)::date
            """)[0]
        let top = try await tx.connection.query("""
            SELECT i.code, i.name, count(*) AS n FROM proxy_service_request r
            JOIN proxy_service_item i ON i.tenant_id = r.tenant_id AND i.id = r.item_id
            WHERE r.tenant_id = \(tx.tenantID) AND r.received_on BETWEEN \(start)::date AND \(end)::date
            GROUP BY i.code, i.name ORDER BY n DESC, i.code LIMIT 5
            """).map { ProxyServiceSummary.ItemCount(code: try $0.decode(String.self, "code"), name: try $0.decode(String.self, "name"), requests: try $0.decode(Int.self, "n")) }
        return ProxyServiceSummary(
            localName: settings.text("local_name") ?? "帮代办", from: from, to: to,
            townItems: try row.decode(Int.self, "town_items"), villageItems: try row.decode(Int.self, "village_items"),
            requests: try row.decode(Int.self, "requests"), topItems: top, decided: try row.decode(Int.self, "decided"),
            completed: try row.decode(Int.self, "completed"), refused: try row.decode(Int.self, "refused"),
            decidedOnTime: try row.decode(Int.self, "on_time"), returned: try row.decode(Int.self, "returned"),
            overdue: try row.decode(Int.self, "overdue"), medianDays: try row.decode(Double?.self, "median_days"))
    }

    // MARK: - Reading

    static func detail(_ id: Int64, _ tx: TenantTransaction) async throws -> ProxyRequest {
        guard let request = try await Self.requests(tx, where: " AND r.id = \(id)").first else {
            throw RegistryStoreError.notFound(kind: "proxy service request 代办件", key: "\(id)")
        }
        return request
    }

    /// Requests with their item, place and documents; `filter` continues the WHERE clause
    /// over `r` (and may order and limit).
    static func requests(_ tx: TenantTransaction, where filter: SQL) async throws -> [ProxyRequest] {
        var sql: SQL = """
            SELECT r.id, i.code AS item_code, i.name AS item_name, i.level, i.department, o.code AS place_code, o.name AS place_name,
                   r.agent, r.resident_name, r.resident_phone, r.step, r.received_on::text AS received_on, r.due_on::text AS due_on,
                   r.submitted_on::text AS submitted_on, r.completed_on::text AS completed_on, r.refused_on::text AS refused_on,
                   r.refusal_reason, r.returned_on::text AS returned_on, r.note
            FROM proxy_service_request r
            JOIN proxy_service_item i ON i.tenant_id = r.tenant_id AND i.id = r.item_id
            JOIN module_org_unit o ON o.tenant_id = r.tenant_id AND o.id = r.org_unit_id
            WHERE r.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        let rows = try await tx.connection.query(sql)
        let ids = try rows.map { try $0.decode(Int64.self, "id") }
        var documents: [Int64: [RequestDocument]] = [:]
        for row in try await tx.connection.query("""
            SELECT request_id, document, received_on::text AS received_on, returned_on::text AS returned_on
            FROM proxy_service_document WHERE tenant_id = \(tx.tenantID) AND request_id = ANY(\(ids)::bigint[]) ORDER BY request_id, position
            """) {
            documents[try row.decode(Int64.self, "request_id"), default: []].append(RequestDocument(
                name: try row.decode(String.self, "document"), receivedOn: try Self.day(row, "received_on"), returnedOn: try Self.day(row, "returned_on")))
        }
        return try rows.map { row in
            let id = try row.decode(Int64.self, "id")
            return ProxyRequest(
                id: id, itemCode: try row.decode(String.self, "item_code"), itemName: try row.decode(String.self, "item_name"),
                level: ServiceLevel(rawValue: try row.decode(String.self, "level"))!, department: try row.decode(String.self, "department"),
                placeCode: try row.decode(String.self, "place_code"), placeName: try row.decode(String.self, "place_name"),
                agent: try row.decode(String.self, "agent"),
                resident: (try? PersonalName(try row.decode(String.self, "resident_name")))?.masked ?? "*",
                residentPhone: try row.decode(String?.self, "resident_phone").map { (try? PhoneNumber($0))?.masked ?? "***" },
                step: RequestStep(rawValue: try row.decode(String.self, "step"))!,
                receivedOn: try CivilDate(try row.decode(String.self, "received_on")), dueOn: try CivilDate(try row.decode(String.self, "due_on")),
                submittedOn: try Self.day(row, "submitted_on"), completedOn: try Self.day(row, "completed_on"), refusedOn: try Self.day(row, "refused_on"),
                refusalReason: try row.decode(String?.self, "refusal_reason"), returnedOn: try Self.day(row, "returned_on"),
                note: try row.decode(String?.self, "note"), documents: documents[id] ?? [])
        }
    }

    private static func day(_ row: Postgres.Row, _ column: String) throws -> CivilDate? {
        try row.decode(String?.self, column).map(CivilDate.init)
    }
}
