import Foundation
import RegistryStore
import Postgres
import Registry

/// What the public site asks of a list: a street or community subtree, a category, and the
/// keyset cursor (the last id of the previous page; lists run newest first).
public struct PublicQuery: Sendable, Hashable {
    public var under: String?
    public var category: String?
    public var after: Int64?
    public var limit: Int

    public init(under: String? = nil, category: String? = nil, after: Int64? = nil, limit: Int = 50) {
        self.under = under
        self.category = category
        self.after = after
        self.limit = limit
    }
}

/// Reads the disclosed lists for the public site, in one tenant's read-only transaction.
enum PublicLists {
    /// The org units of `under`'s subtree as a SQL condition on `column` (an org unit id), or
    /// true without one. `under` must be a public area; a missing one matches nothing.
    static func subtree(_ column: SQL, _ under: String?, _ tx: TenantTransaction) -> SQL {
        guard let under else { return "true" }
        return "\(column) IN (\(subtreeIDs(under, tx)))"
    }

    /// The ids of the org units in public area `under`'s subtree (none for an unknown one).
    static func subtreeIDs(_ under: String?, _ tx: TenantTransaction) -> SQL {
        """
        SELECT o.id FROM org_unit o WHERE o.tenant_id = \(tx.tenantID) AND o.path LIKE
            (SELECT a.path FROM public_area a WHERE a.tenant_id = \(tx.tenantID) AND a.code = \(under)) || '%'
        """
    }

    static func demands(_ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicItems.Page<PublicItems.Demand> {
        let t = tx.tenantID
        // In a subtree the newest public demands of each org unit are found through its own
        // index (org unit, id), at most a page of them each, and only the page's ids go
        // through the view; a scan of the whole subtree, sorted, cost a street's page 100 ms
        // on a 1,000,000-demand district.
        let chosen: SQL = q.under == nil ? "true" : """
            p.id IN (
                SELECT n.id FROM (\(subtreeIDs(q.under, tx))) u
                CROSS JOIN LATERAL (
                    SELECT d.id FROM demand d
                    WHERE d.tenant_id = \(t) AND d.org_unit_id = u.id AND d.is_public AND d.state <> 'draft'
                      AND (\(q.category)::text IS NULL OR d.category_code = \(q.category)) AND (\(q.after)::bigint IS NULL OR d.id < \(q.after))
                    ORDER BY d.id DESC LIMIT \(q.limit + 1)) n
                ORDER BY n.id DESC LIMIT \(q.limit + 1))
            """
        let rows = try await tx.connection.query("""
            SELECT p.id, p.title, p.category_code, p.category_name, p.area_name, p.quantity, p.measure_unit,
                   p.filed_on::text AS filed_on, p.due_on::text AS due_on, p.public_status
            FROM public_demand p
            WHERE p.tenant_id = \(t) AND \(chosen)
              AND (\(q.category)::text IS NULL OR p.category_code = \(q.category))
              AND (\(q.after)::bigint IS NULL OR p.id < \(q.after))
            ORDER BY p.id DESC LIMIT \(q.limit + 1)
            """)
        return try page(rows, q) { row in try demand(row) }
    }

    static func demand(_ id: Int64, _ tx: TenantTransaction) async throws -> PublicItems.Demand? {
        let rows = try await tx.connection.query("""
            SELECT p.id, p.title, p.category_code, p.category_name, p.area_name, p.quantity, p.measure_unit,
                   p.filed_on::text AS filed_on, p.due_on::text AS due_on, p.public_status
            FROM public_demand p WHERE p.tenant_id = \(tx.tenantID) AND p.id = \(id)
            """)
        guard let row = rows.first else { return nil }
        var item = try demand(row)
        item.history = try await tx.connection.query("""
            SELECT (h.at AT TIME ZONE district_time_zone())::date::text AS on, h.public_status
            FROM public_demand_history h WHERE h.tenant_id = \(tx.tenantID) AND h.demand_id = \(id) ORDER BY h.at, h.id
            """).map { PublicItems.Step(on: try CivilDate(try $0.decode(String.self, "on")), status: try $0.decode(String.self, "public_status")) }
        item.projects = try await tx.connection.query("""
            SELECT pp.id, pp.title FROM project_demand pd
            JOIN public_project pp ON pp.tenant_id = pd.tenant_id AND pp.id = pd.project_id
            WHERE pd.tenant_id = \(tx.tenantID) AND pd.demand_id = \(id) ORDER BY pp.id
            """).map { PublicItems.Link(id: try $0.decode(Int64.self, "id"), title: PublicText.masked(try $0.decode(String.self, "title"))) }
        return item
    }

    private static func demand(_ row: Row) throws -> PublicItems.Demand {
        PublicItems.Demand(
            id: try row.decode(Int64.self, "id"), title: PublicText.masked(try row.decode(String.self, "title")),
            category: try row.decode(String.self, "category_code"), categoryName: try row.decode(String.self, "category_name"),
            place: try row.decode(String?.self, "area_name") ?? "", quantity: try row.decode(Int64.self, "quantity"),
            measureUnit: try row.decode(String.self, "measure_unit"), filedOn: try CivilDate(try row.decode(String.self, "filed_on")),
            dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init), status: try row.decode(String.self, "public_status"))
    }

    static func resources(_ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicItems.Page<PublicItems.Resource> {
        let rows = try await tx.connection.query("""
            SELECT \(resourceColumns) FROM public_resource p
            WHERE p.tenant_id = \(tx.tenantID)
              AND (\(q.under)::text IS NULL OR EXISTS (SELECT 1 FROM resource_service_area s
                   WHERE s.tenant_id = \(tx.tenantID) AND s.resource_id = p.id AND \(subtree("s.org_unit_id", q.under, tx))))
              AND (\(q.category)::text IS NULL OR p.category_code = \(q.category))
              AND (\(q.after)::bigint IS NULL OR p.id < \(q.after))
            ORDER BY p.id DESC LIMIT \(q.limit + 1)
            """)
        return try page(rows, q) { try resource($0) }
    }

    static func resource(_ id: Int64, _ tx: TenantTransaction) async throws -> PublicItems.Resource? {
        try await tx.connection.query(
            "SELECT \(resourceColumns) FROM public_resource p WHERE p.tenant_id = \(tx.tenantID) AND p.id = \(id)"
        ).first.map { try resource($0) }
    }

    private static let resourceColumns: SQL = """
        p.id, p.title, p.unit_name, p.category_code, p.kind, p.measure_unit, p.pledged, p.remaining,
        p.available_from::text AS available_from, p.available_until::text AS available_until, p.status
        """

    private static func resource(_ row: Row) throws -> PublicItems.Resource {
        PublicItems.Resource(
            id: try row.decode(Int64.self, "id"), title: PublicText.masked(try row.decode(String.self, "title")),
            unit: try row.decode(String.self, "unit_name"), category: try row.decode(String.self, "category_code"),
            kind: try row.decode(String.self, "kind"), measureUnit: try row.decode(String.self, "measure_unit"),
            pledged: try row.decode(Int64.self, "pledged"), remaining: try row.decode(Int64.self, "remaining"),
            availableFrom: try row.decode(String?.self, "available_from").map(CivilDate.init),
            availableUntil: try row.decode(String?.self, "available_until").map(CivilDate.init), status: try row.decode(String.self, "status"))
    }

    static func projects(_ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicItems.Page<PublicItems.Project> {
        let rows = try await tx.connection.query("""
            SELECT \(projectColumns) FROM public_project p
            WHERE p.tenant_id = \(tx.tenantID)
              AND (\(q.under)::text IS NULL OR EXISTS (SELECT 1 FROM project_demand pd
                   JOIN public_demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                   WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = p.id AND \(subtree("d.org_unit_id", q.under, tx))))
              AND (\(q.category)::text IS NULL OR EXISTS (SELECT 1 FROM project_demand pd
                   JOIN public_demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                   WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = p.id AND d.category_code = \(q.category)))
              AND (\(q.after)::bigint IS NULL OR p.id < \(q.after))
            ORDER BY p.id DESC LIMIT \(q.limit + 1)
            """)
        return try page(rows, q) { try project($0) }
    }

    static func project(_ id: Int64, _ tx: TenantTransaction) async throws -> PublicItems.Project? {
        guard let row = try await tx.connection.query(
            "SELECT \(projectColumns) FROM public_project p WHERE p.tenant_id = \(tx.tenantID) AND p.id = \(id)").first
        else { return nil }
        var item = try project(row)
        let t = tx.tenantID
        item.milestones = try await tx.connection.query("""
            SELECT title, due_on::text AS due_on, done_on::text AS done_on FROM project_milestone
            WHERE tenant_id = \(t) AND project_id = \(id) ORDER BY due_on NULLS LAST, id
            """).map { row in
            PublicItems.Milestone(
                title: PublicText.masked(try row.decode(String.self, "title")),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init), doneOn: try row.decode(String?.self, "done_on").map(CivilDate.init))
        }
        item.progress = try await tx.connection.query("""
            SELECT reported_on::text AS on, percent FROM project_progress WHERE tenant_id = \(t) AND project_id = \(id) ORDER BY reported_on, id
            """).map { PublicItems.Progress(on: try CivilDate(try $0.decode(String.self, "on")), percent: try $0.decode(Int.self, "percent")) }
        item.demands = try await tx.connection.query("""
            SELECT p.id, p.title FROM project_demand pd JOIN public_demand p ON p.tenant_id = pd.tenant_id AND p.id = pd.demand_id
            WHERE pd.tenant_id = \(t) AND pd.project_id = \(id) ORDER BY p.id
            """).map { PublicItems.Link(id: try $0.decode(Int64.self, "id"), title: PublicText.masked(try $0.decode(String.self, "title"))) }
        return item
    }

    private static let projectColumns: SQL = """
        p.id, p.title, p.responsible_unit_name, p.budget_fen, p.starts_on::text AS starts_on, p.due_on::text AS due_on, p.status,
        p.progress_percent, p.completed_on::text AS completed_on, p.checked_on::text AS checked_on, p.rating
        """

    private static func project(_ row: Row) throws -> PublicItems.Project {
        PublicItems.Project(
            id: try row.decode(Int64.self, "id"), title: PublicText.masked(try row.decode(String.self, "title")),
            unit: try row.decode(String.self, "responsible_unit_name"), budgetFen: try row.decode(Int64?.self, "budget_fen"),
            startsOn: try row.decode(String?.self, "starts_on").map(CivilDate.init), dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init),
            status: try row.decode(String.self, "status"), progressPercent: try row.decode(Int.self, "progress_percent"),
            completedOn: try row.decode(String?.self, "completed_on").map(CivilDate.init),
            checkedOn: try row.decode(String?.self, "checked_on").map(CivilDate.init), rating: try row.decode(Int?.self, "rating"))
    }

    /// The streets and communities, streets first, each followed by its communities, by code.
    static func areas(_ tx: TenantTransaction) async throws -> [PublicItems.Area] {
        let rows = try await tx.connection.query("""
            SELECT a.code, a.name, a.kind, s.code AS street
            FROM public_area a
            LEFT JOIN public_area s ON s.tenant_id = a.tenant_id AND s.kind IN ('street', 'town') AND a.kind IN ('community', 'village')
                 AND a.path LIKE s.path || '%'
            WHERE a.tenant_id = \(tx.tenantID)
            ORDER BY coalesce(s.code, a.code), s.code IS NOT NULL, a.code
            """)
        return try rows.map { row in
            let kind = try row.decode(String.self, "kind")
            return PublicItems.Area(
                code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                level: ["street", "town"].contains(kind) ? "street" : "community", street: try row.decode(String?.self, "street"))
        }
    }

    private static func page<Item: Sendable & Hashable & Codable>(_ rows: QueryResult, _ q: PublicQuery, _ make: (Row) throws -> Item) throws -> PublicItems.Page<Item> {
        var items = try rows.map(make)
        var next: Int64?
        if items.count > q.limit {
            items.removeLast()
            next = try rows[q.limit - 1].decode(Int64.self, "id")
        }
        return PublicItems.Page(items: items, next: next)
    }
}
