import Foundation
import Postgres
public import Registry

/// The project list (项目清单): projects made from demands and resources and tracked to
/// completion, check (验收) and the residents' rating.
///
/// Every operation that moves a project also moves what hangs off it, in the same
/// transaction: creating one draws its allocations from the resources and takes its demands
/// into the project; completing it resolves the demands; cancelling it returns what it holds
/// and puts the demands back on the list. The workflows' rules are the domain's
/// (`ProjectWorkflow`, `DemandWorkflow`); the database guards the resources' remaining.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// let project = try await database.withTenant(langao, actor: "cli:root") { tx in
///     try await ProjectStore.create(
///         ProjectDraft(title: "幸福路路面修补", responsibleUnit: "U001", demands: ["D00017"],
///                      allocations: [ProjectAllocationRequest(resource: "R0003", quantity: "20000")]),
///         in: tx)
/// }
/// try await database.withTenant(langao, actor: "cli:root") { tx in
///     try await ProjectStore.start(project.project.externalID!, in: tx)
/// }
/// ```
public enum ProjectStore {
    /// Creates a project from demands and resource allocations in one transaction: the
    /// project, its demand and allocation rows, a `drawn` ledger line per allocation, and
    /// each demand moved accepted/matched → in_project with an event. If anything fails,
    /// nothing remains.
    ///
    /// - Throws: ``InvalidFields`` with every problem of the draft
    ///   (``ProjectDraft/checked(on:door:)``), and then of its allocations (a resource that
    ///   cannot be drawn on, a quantity unreadable in its unit); ``RegistryStoreError`` for
    ///   an unknown unit, demand or resource; ``RegistryError``: `illegalTransition` for a
    ///   demand that is not accepted or matched (naming its state), `insufficientRemaining`
    ///   naming the resource when the database refuses an overdraw.
    public static func create(_ draft: ProjectDraft, in tx: TenantTransaction) async throws -> ProjectDetail {
        let id = try await Self.insert(draft, tx)
        return try await Self.detail(id, tx)
    }

    /// One page of the project list, newest first.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown unit or org code.
    public static func list(_ query: ProjectQuery, in tx: TenantTransaction) async throws -> ProjectPage {
        var filter: SQL = ""
        if let status = query.status { filter.append(" AND p.status = \(status.rawValue)") }
        if let unit = query.unit { filter.append(" AND p.responsible_unit_id = \(try await UnitStore.id(of: unit, tx))") }
        if let category = query.category {
            let code = try await ResourceStore.categoryCodes(tx)[ResourceStore.categoryKey(category)] ?? category
            filter.append("""
                 AND EXISTS (SELECT 1 FROM project_demand pd JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                             WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = p.id AND d.category_code = \(code))
                """)
        }
        if let orgCode = query.orgCode {
            let path = try await UnitStore.subtreePath(orgCode, tx)
            filter.append("""
                 AND EXISTS (SELECT 1 FROM project_demand pd JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                             JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
                             WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = p.id AND o.path LIKE \(path + "%"))
                """)
        }
        if let from = query.from { filter.append(" AND coalesce(p.due_on, p.starts_on, \(from.description)::date) >= \(from.description)::date") }
        if let to = query.to { filter.append(" AND coalesce(p.starts_on, p.due_on, \(to.description)::date) <= \(to.description)::date") }
        if let after = query.after { filter.append(" AND p.id < \(after)") }
        let limit = max(1, query.limit)
        let rows = try await Self.records(tx, where: filter, limit: limit + 1, newestFirst: true)
        return ProjectPage(items: Array(rows.prefix(limit)), nextCursor: rows.count > limit ? rows[limit - 1].id : nil)
    }

    /// The project whose external id (or, failing that, id) is `key`, with its demands,
    /// allocations, milestones, progress reports and history.
    public static func show(_ key: String, in tx: TenantTransaction) async throws -> ProjectDetail {
        try await Self.detail(try await Self.id(of: key, tx), tx)
    }

    // MARK: - Shared

    /// The id of the project whose external id (or, failing that, id) is `key`.
    static func id(of key: String, _ tx: TenantTransaction) async throws -> Int64 {
        let rows = try await tx.connection.query("""
            SELECT id FROM project WHERE tenant_id = \(tx.tenantID) AND (external_id = \(key) OR id::text = \(key))
            ORDER BY external_id = \(key) DESC NULLS LAST LIMIT 1
            """)
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "project 项目", key: key) }
        return try row.decode(Int64.self, "id")
    }

    /// Projects as lists show them, ordered by id; `filter` continues the WHERE clause over
    /// `p` (project) and `u` (its responsible unit).
    static func records(_ tx: TenantTransaction, where filter: SQL, limit: Int?, newestFirst: Bool = false) async throws -> [ProjectRecord] {
        var sql: SQL = """
            SELECT p.id, p.external_id, p.title, p.status, u.external_id AS unit_external_id, u.name AS unit_name, p.budget_fen,
                   p.starts_on::text AS starts_on, p.due_on::text AS due_on, p.progress_percent, p.rating,
                   p.completed_on::text AS completed_on, p.checked_on::text AS checked_on, p.is_public,
                   p.published_on::text AS published_on,
                   (SELECT count(*) FROM project_demand pd WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = p.id) AS demands
            FROM project p JOIN unit u ON u.tenant_id = p.tenant_id AND u.id = p.responsible_unit_id
            WHERE p.tenant_id = \(tx.tenantID)
            """
        sql.append(" ")
        sql.append(filter)
        sql.append(newestFirst ? " ORDER BY p.id DESC" : " ORDER BY p.id")
        if let limit { sql.append(" LIMIT \(limit)") }
        return try await tx.connection.query(sql).map { row in
            ProjectRecord(
                id: try row.decode(Int64.self, "id"),
                externalID: try row.decode(String?.self, "external_id"),
                title: try row.decode(String.self, "title"),
                status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
                responsibleUnitExternalID: try row.decode(String?.self, "unit_external_id"),
                responsibleUnitName: try row.decode(String.self, "unit_name"),
                budget: try row.decode(Int64?.self, "budget_fen").map(Money.init(fen:)),
                startsOn: try row.decode(String?.self, "starts_on").map(CivilDate.init),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init),
                progressPercent: try row.decode(Int.self, "progress_percent"),
                demandCount: try row.decode(Int.self, "demands"),
                rating: try row.decode(Int?.self, "rating"),
                completedOn: try row.decode(String?.self, "completed_on").map(CivilDate.init),
                checkedOn: try row.decode(String?.self, "checked_on").map(CivilDate.init),
                isPublic: try row.decode(Bool.self, "is_public"),
                publishedOn: try row.decode(String?.self, "published_on").map(CivilDate.init))
        }
    }
}
