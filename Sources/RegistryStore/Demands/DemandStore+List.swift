import Foundation
import Postgres
public import Registry

extension DemandStore {
    /// The most items one page may hold.
    public static let maximumPageSize = 1000

    /// One page of the demand list, newest first, filtered.
    ///
    /// Keyset pagination on the id: pass the page's ``DemandPage/nextCursor`` as `cursor`
    /// for the next one. A page costs the same at any depth: one backward index range scan
    /// that stops after a page (each filter has an index ending in `id`, with the rest of the
    /// filter checked in the index; migration 0032 names each index and its user). The org
    /// subtree is one range on the demand's `org_path`.
    ///
    /// ```swift
    /// var page = try await registry.withTenant(langao, actor: "cli:root", readOnly: true) { tx in
    ///     try await DemandStore.list(DemandFilter(state: .accepted), in: tx)
    /// }
    /// while let next = page.nextCursor {
    ///     page = try await registry.withTenant(langao, actor: "cli:root", readOnly: true) { tx in
    ///         try await DemandStore.list(DemandFilter(state: .accepted), after: next, in: tx)
    ///     }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - filter: What to show.
    ///   - limit: Items per page, 1 to ``maximumPageSize``.
    ///   - cursor: Show demands with ids below this one (the previous page's cursor).
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown category or org
    ///   code in the filter (rather than an empty page, which would look like "no demands").
    public static func list(
        _ filter: DemandFilter = DemandFilter(), limit: Int = 50, after cursor: DemandID? = nil, in tx: TenantTransaction
    ) async throws -> DemandPage {
        let size = min(max(limit, 1), Self.maximumPageSize)
        // One more than the page holds: whether there is a next page.
        let sql = try await Self.page(filter, rows: size + 1, after: cursor, tx)
        var items = try await Self.withoutSorting(filter, tx) { try await tx.connection.query(sql) }.map(DemandListItem.init)
        let more = items.count > size
        if more { items.removeLast() }
        return DemandPage(items: items, nextCursor: more ? items.last?.id : nil)
    }

    /// PostgreSQL's plan of the statement ``list(_:limit:after:in:)`` runs for the same
    /// arguments, run and measured (`EXPLAIN (ANALYZE, BUFFERS)`): which index serves a filter,
    /// and how many entries and pages a page reads. `govreg demand list --explain` prints it;
    /// `scripts/bench-api` prints it for each filter it drives.
    public static func explainList(
        _ filter: DemandFilter = DemandFilter(), limit: Int = 50, after cursor: DemandID? = nil, in tx: TenantTransaction
    ) async throws -> [String] {
        let size = min(max(limit, 1), Self.maximumPageSize)
        var sql: SQL = "EXPLAIN (ANALYZE, BUFFERS) "
        sql.append(try await Self.page(filter, rows: size + 1, after: cursor, tx))
        return try await Self.withoutSorting(filter, tx) { try await tx.connection.query(sql) }.map { try $0.decode(String.self, at: 0) }
    }

    /// Runs `query` with plans that sort ruled out when the filter names an org subtree. Every
    /// filter has an index that yields a subtree's matches in id order, but the planner
    /// estimates the subtree's path range from a histogram of paths, which puts a grid's 4,000
    /// demands in a 1,000,000-demand district at 1 row; it then scanned the whole district in
    /// parallel and sorted (350 ms, where the index reads 12,000 entries in 1 ms).
    private static func withoutSorting(_ filter: DemandFilter, _ tx: TenantTransaction, _ query: () async throws -> QueryResult) async throws -> QueryResult {
        guard filter.under != nil else { return try await query() }
        try await tx.connection.execute("SET LOCAL enable_sort = off")
        let result = try await query()
        try await tx.connection.execute("SET LOCAL enable_sort = on")
        return result
    }

    /// The page's statement: the newest `rows` matches below `cursor` (one backward index
    /// range scan that stops there), then their org unit and category names, looked up per
    /// row (OFFSET 0 keeps the planner from hashing the whole district's org units, each row
    /// of which pays the row-level-security check: 0.8 ms for 287 org units, more than the
    /// page's own scan).
    private static func page(_ filter: DemandFilter, rows: Int, after cursor: DemandID?, _ tx: TenantTransaction) async throws -> SQL {
        var sql: SQL = "SELECT \(DemandListItem.columns(zone: tx.timeZone)) FROM (SELECT d.* FROM demand d WHERE d.tenant_id = \(tx.tenantID)"
        sql.append(try await Self.conditions(filter, tx))
        if let cursor { sql.append(" AND d.id < \(cursor.rawValue)") }
        sql.append("""
             ORDER BY d.id DESC LIMIT \(rows)) AS d
            CROSS JOIN LATERAL (
                SELECT o.code, o.name FROM org_unit o WHERE o.tenant_id = \(tx.tenantID) AND o.id = d.org_unit_id OFFSET 0) o
            CROSS JOIN LATERAL (
                SELECT c.name_zh FROM tenant_category c WHERE c.tenant_id = \(tx.tenantID) AND c.code = d.category_code OFFSET 0) c
            ORDER BY d.id DESC
            """)
        return sql
    }

    /// What is on the desk of whoever works at `orgUnit` (an account's org unit; nil for the
    /// district as a whole): the open demands under it escalated to its level, where a
    /// street sees what was escalated to the street (吹哨) and a community what is the
    /// community's to settle.
    public static func desk(of orgUnit: Int64?, in tx: TenantTransaction) async throws -> DemandFilter {
        guard let orgUnit else { return DemandFilter(level: .district, open: true) }
        let row = try await tx.connection.query("SELECT code, kind FROM org_unit WHERE tenant_id = \(tx.tenantID) AND id = \(orgUnit)")
        guard let node = row.first else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: "\(orgUnit)") }
        let kind = try OrgUnitKind(parsing: try node.decode(String.self, "kind"))
        return DemandFilter(under: try node.decode(String.self, "code"), level: kind.startingLevel, open: true)
    }

    /// The filter as `AND …` conditions over `demand d`. A named
    /// category is checked first, so that a typo is an error instead of an empty list.
    private static func conditions(_ filter: DemandFilter, _ tx: TenantTransaction) async throws -> SQL {
        var sql: SQL = ""
        if let code = filter.under {
            let subtree = try await OrgSubtree(code, tx)
            // Both bounds are parameters: a bound computed in SQL (or LIKE) is not
            // leakproof, and under row-level security would not be an index condition.
            sql.append(" AND d.org_path >= \(subtree.lowest) AND d.org_path < \(subtree.beyond)")
        }
        if let state = filter.state {
            sql.append(" AND d.state = \(state.rawValue)")
        }
        if let category = filter.category {
            sql.append(" AND d.category_code = \(try await categoryCode(category, tx))")
        }
        // filed_at is an instant; a day runs from its midnight in the district's zone to the next.
        // The bound is made a timestamptz first: `timestamptz >= date` is not leakproof, so
        // under row-level security it could not be an index condition (a sequential scan of
        // the whole district, measured), while `timestamptz >= timestamptz` is and can.
        if let from = filter.filedFrom {
            sql.append(" AND d.filed_at >= \(SQL.districtMidnight(from, in: tx.timeZone))")
        }
        if let to = filter.filedTo {
            sql.append(" AND d.filed_at < \(SQL.districtMidnight(to, plusDays: 1, in: tx.timeZone))")
        }
        if let level = filter.level {
            sql.append(" AND d.escalation_level = \(level.rawValue)")
        }
        if filter.open {
            sql.append(" AND d.state = ANY(\(DemandState.allCases.filter(\.isOpen).map(\.rawValue)))")
        }
        if filter.unmet {
            sql.append(" AND ")
            sql.append(hasUnmetRemainder("d", tenant: tx.tenantID))
        }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            // strpos, not LIKE: the text is the user's, and % or _ in it must mean themselves.
            sql.append(" AND strpos(lower(d.title), lower(\(search))) > 0")
        }
        return sql
    }
}
