import Foundation
import Postgres
public import Registry
public import RegistryStore

extension RedPropertyStore {
    /// The problem ledger, newest first: all, by status, or (`overdueOn`) escalated rows not
    /// answered by their deadline.
    public static func problems(
        status: ProblemStatus? = nil, overdueOn: CivilDate? = nil, limit: Int = 100, in tx: TenantTransaction
    ) async throws -> [PropertyProblem] {
        _ = try await Self.enabledSettings(tx)
        var filter: SQL = ""
        if let status { filter.append(" AND p.status = \(status.rawValue)") }
        if let overdueOn { filter.append(" AND p.status = 'escalated' AND p.respond_by < \(overdueOn.description)::date") }
        filter.append(" ORDER BY p.raised_on DESC, p.id DESC LIMIT \(max(1, limit))")
        return try await Self.problems(tx, where: filter)
    }

    /// The report section for a period.
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> RedPropertySummary {
        _ = try await Self.enabledSettings(tx)
        return try await Self.summary(from: from, to: to, tx)
    }

    static func summary(from: CivilDate, to: CivilDate, _ tx: TenantTransaction) async throws -> RedPropertySummary {
        let (start, end) = (from.description, to.description)
        let row = try await tx.connection.query("""
            SELECT (SELECT count(*) FROM red_property_compound WHERE tenant_id = \(tx.tenantID)) AS compounds,
                   (SELECT count(*) FROM red_property_branch WHERE tenant_id = \(tx.tenantID) AND set_up_on <= \(end)::date) AS branches,
                   (SELECT count(*) FROM red_property_appointment WHERE tenant_id = \(tx.tenantID) AND since <= \(end)::date) AS appointments,
                   count(p.id) AS logged,
                   count(p.id) FILTER (WHERE p.status = 'closed' AND p.closed_on <= \(end)::date) AS closed,
                   (SELECT count(*) FROM red_property_problem q WHERE q.tenant_id = \(tx.tenantID) AND q.status = 'escalated'
                        AND q.respond_by < \(end)::date) AS overdue
            FROM red_property_problem p
            WHERE p.tenant_id = \(tx.tenantID) AND p.raised_on BETWEEN \(start)::date AND \(end)::date
            """)[0]
        return RedPropertySummary(
            from: from, to: to, compounds: try row.decode(Int.self, "compounds"), branches: try row.decode(Int.self, "branches"),
            appointments: try row.decode(Int.self, "appointments"), problemsLogged: try row.decode(Int.self, "logged"),
            problemsClosed: try row.decode(Int.self, "closed"), overdueResponses: try row.decode(Int.self, "overdue"))
    }

    /// Problems with their compound and company; `filter` continues the WHERE clause over `p`.
    static func problems(_ tx: TenantTransaction, where filter: SQL) async throws -> [PropertyProblem] {
        var sql: SQL = """
            SELECT p.id, o.code, o.name, u.name AS company, p.title, p.raised_by, p.raised_on::text AS raised_on, p.status,
                   p.escalated_on::text AS escalated_on, p.respond_by::text AS respond_by, p.response,
                   p.responded_on::text AS responded_on, p.fix, p.closed_on::text AS closed_on
            FROM red_property_problem p
            JOIN red_property_compound c ON c.tenant_id = p.tenant_id AND c.id = p.compound_id
            JOIN module_org_unit o ON o.tenant_id = c.tenant_id AND o.id = c.org_unit_id
            JOIN module_unit u ON u.tenant_id = c.tenant_id AND u.id = c.company_id
            WHERE p.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        func day(_ row: Row, _ column: String) throws -> CivilDate? { try row.decode(String?.self, column).map(CivilDate.init) }
        return try await tx.connection.query(sql).map { row in
            PropertyProblem(
                id: try row.decode(Int64.self, "id"), compoundCode: try row.decode(String.self, "code"),
                compoundName: try row.decode(String.self, "name"), companyName: try row.decode(String.self, "company"),
                title: try row.decode(String.self, "title"), raisedBy: ProblemSource(rawValue: try row.decode(String.self, "raised_by"))!,
                raisedOn: try CivilDate(try row.decode(String.self, "raised_on")),
                status: ProblemStatus(rawValue: try row.decode(String.self, "status"))!,
                escalatedOn: try day(row, "escalated_on"), respondBy: try day(row, "respond_by"), response: try row.decode(String?.self, "response"),
                respondedOn: try day(row, "responded_on"), fix: try row.decode(String?.self, "fix"), closedOn: try day(row, "closed_on"))
        }
    }
}
