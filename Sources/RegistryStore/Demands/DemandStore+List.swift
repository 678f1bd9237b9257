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
    /// (the `demand_*` indexes end in `id`), or under an org unit one per node of its
    /// subtree, found by a range scan of `org_unit.path`.
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
        // The newest matches below the cursor, one more than the page holds (which tells
        // whether there is a next page): one backward index range scan.
        var newest: SQL = "SELECT d.* FROM demand d WHERE d.tenant_id = \(tx.tenantID)"
        newest.append(try await Self.conditions(filter, tx))
        if let cursor { newest.append(" AND d.id < \(cursor.rawValue)") }
        let order: SQL = " ORDER BY d.id DESC LIMIT \(size + 1)"
        var source: SQL
        if let code = filter.under {
            _ = try await Self.orgUnitID(code, tx)
            // Under an org unit: the newest matches of each node of its subtree (a range
            // scan of org_unit.path), each one backward scan of demand_org_unit, merged.
            // Filtering the whole table by "org unit in subtree" would instead read every
            // match below the cursor and sort them: fine for a street, slow for a deep page
            // under one community of a million-demand district.
            source = """
                (SELECT sub.id FROM org_unit root
                 JOIN org_unit sub ON sub.tenant_id = root.tenant_id AND sub.path LIKE root.path || '%'
                 WHERE root.tenant_id = \(tx.tenantID) AND root.code = \(code)) AS subtree
                CROSS JOIN LATERAL (
                """
            source.append(newest + " AND d.org_unit_id = subtree.id" + order + ") AS d")
        } else {
            source = "(" + newest + order + ") AS d"
        }
        var sql: SQL = "SELECT \(unsafeRaw: DemandListItem.columns) FROM "
        sql.append(source)
        sql.append("""

            JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
            JOIN tenant_category c ON c.tenant_id = d.tenant_id AND c.code = d.category_code
            """)
        sql.append(order)
        var items = try await tx.connection.query(sql).map(DemandListItem.init)
        let more = items.count > size
        if more { items.removeLast() }
        return DemandPage(items: items, nextCursor: more ? items.last?.id : nil)
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

    /// The filter, but for the org subtree, as `AND …` conditions over `demand d`. A named
    /// category is checked first, so that a typo is an error instead of an empty list.
    private static func conditions(_ filter: DemandFilter, _ tx: TenantTransaction) async throws -> SQL {
        var sql: SQL = ""
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
            sql.append(hasUnmetRemainder("d"))
        }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            // strpos, not LIKE: the text is the user's, and % or _ in it must mean themselves.
            sql.append(" AND strpos(lower(d.title), lower(\(search))) > 0")
        }
        return sql
    }
}
