import Foundation
import Postgres
public import Registry

/// The resource list (资源清单): what registered units pledge, with a pledge ledger from
/// which what remains is derived, and the org units each resource may serve.
///
/// `remaining` is kept by a trigger on `resource_ledger` and guarded by
/// `CHECK (remaining >= 0)`: an overdraw fails in the database whatever the Swift side did.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:root") { tx in
///     let created = try await ResourceStore.create(row, in: tx)
///     try await ResourceStore.pledge(created.resource.externalID!, amount: 50_000, in: tx)
/// }
/// ```
public enum ResourceStore {
    /// Files a resource: the item, its first ledger entry (a pledge of `row.capacity`) and its
    /// service area, in one transaction. Without an external id the resource gets `GR-R<id>`,
    /// so that an export of it imports back.
    ///
    /// - Throws: ``InvalidFields`` with every invalid value (``ResourceDraft/checked(on:door:)``);
    ///   ``RegistryStoreError`` for an unknown unit, category or org code, or an external id
    ///   already used.
    public static func create(_ row: ResourceImportRow, in tx: TenantTransaction) async throws -> ResourceDetail {
        // The rules of a new resource, every problem at once, before any database work; an
        // unknown unit, category or service-area code is named with them (looked up again
        // only when something is wrong).
        let given = row
        let references = {
            try await Self.referenceProblems(
                unit: given.unitExternalID, category: given.category, serviceArea: given.serviceAreaCodes, externalID: nil, in: tx)
        }
        let row: ResourceImportRow
        do {
            row = try given.checked(on: try tx.today(), door: .api)
        } catch let invalid as InvalidFields {
            throw InvalidFields(invalid.problems + (try await references()))
        }
        let unit: Int64, category: String, area: [Int64]
        do {
            unit = try await UnitStore.id(of: row.unitExternalID, tx)
            guard let code = try await Self.categoryCodes(tx)[Self.categoryKey(row.category)] else {
                throw RegistryStoreError.notFound(kind: "category 类别", key: row.category)
            }
            category = code
            let nodes = try await UnitStore.orgUnits(codes: row.serviceAreaCodes, tx)
            area = try row.serviceAreaCodes.map { code in
                guard let node = nodes[code] else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
                return node.id
            }
        } catch let error as RegistryStoreError {
            let problems = try await references()
            throw problems.isEmpty ? error : InvalidFields(problems)
        }
        let id: Int64
        do {
            id = try await Self.insert(row, unit: unit, category: category, area: area, tx)
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw RegistryStoreError.conflict("资源编号 \(row.externalID) 已存在 a resource with this external id already exists")
        }
        return try await Self.detail(id, tx)
    }

    /// One page of the resource list, newest first (keyset: ids below the cursor).
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown unit or org code.
    public static func list(_ query: ResourceQuery, in tx: TenantTransaction) async throws -> ResourcePage {
        var filter: SQL = ""
        if let status = query.status { filter.append(" AND r.status = \(status.rawValue)") }
        if let kind = query.kind { filter.append(" AND r.kind = \(kind.rawValue)") }
        if let category = query.category {
            filter.append(" AND r.category_code = \(try await Self.categoryCodes(tx)[Self.categoryKey(category)] ?? category)")
        }
        if let unit = query.unit { filter.append(" AND r.unit_id = \(try await UnitStore.id(of: unit, tx))") }
        if let code = query.orgCode {
            let path = try await UnitStore.subtreePath(code, tx)
            filter.append("""
                 AND EXISTS (SELECT 1 FROM (\(ResourceServiceArea.correlated(tenant: tx.tenantID))) a
                             JOIN org_unit o ON o.tenant_id = \(tx.tenantID) AND o.id = a.org_unit_id
                             WHERE o.path LIKE \(path + "%") OR \(path) LIKE o.path || '%')
                """)
        }
        if let from = query.availableFrom {
            filter.append(" AND (r.available_until IS NULL OR r.available_until >= \(from.description)::date)")
        }
        if let until = query.availableUntil {
            filter.append(" AND (r.available_from IS NULL OR r.available_from <= \(until.description)::date)")
        }
        if let after = query.after { filter.append(" AND r.id < \(after)") }
        let limit = max(1, query.limit)
        let rows = try await Self.records(tx, where: filter, limit: limit + 1, newestFirst: true)
        return ResourcePage(items: Array(rows.prefix(limit)), nextCursor: rows.count > limit ? rows[limit - 1].id : nil)
    }

    /// The resource whose external id (or, failing that, id) is `key`, with its ledger, its
    /// effective service area and the projects holding part of it.
    public static func show(_ key: String, in tx: TenantTransaction) async throws -> ResourceDetail {
        try await Self.detail(try await Self.id(of: key, tx), tx)
    }

    // MARK: - Shared with the other list stores

    /// The id of the resource whose external id (or, failing that, id) is `key`.
    static func id(of key: String, _ tx: TenantTransaction) async throws -> Int64 {
        let rows = try await tx.connection.query("""
            SELECT id FROM resource WHERE tenant_id = \(tx.tenantID) AND (external_id = \(key) OR id::text = \(key))
            ORDER BY external_id = \(key) DESC NULLS LAST LIMIT 1
            """)
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "resource 资源", key: key) }
        return try row.decode(Int64.self, "id")
    }

    /// Resources as lists show them, ordered by id (newest first if asked); `filter`
    /// continues the WHERE clause over `r` (resource) and `u` (its unit).
    static func records(_ tx: TenantTransaction, where filter: SQL, limit: Int?, newestFirst: Bool = false) async throws -> [ResourceRecord] {
        var sql: SQL = """
            SELECT r.id, r.external_id, r.title, u.external_id AS unit_external_id, u.name AS unit_name, r.category_code,
                   (SELECT c.name_zh FROM tenant_category c WHERE c.tenant_id = \(tx.tenantID) AND c.code = r.category_code) AS category_name,
                   r.kind, r.measure_unit, r.pledged, r.remaining, r.unit_cost_fen, r.available_from::text AS available_from,
                   r.available_until::text AS available_until, r.status, r.is_public, r.published_on::text AS published_on,
                   coalesce((SELECT array_agg(o.code ORDER BY o.code) FROM resource_service_area sa
                             JOIN org_unit o ON o.tenant_id = sa.tenant_id AND o.id = sa.org_unit_id
                             WHERE sa.tenant_id = \(tx.tenantID) AND sa.resource_id = r.id), '{}') AS service_area
            FROM resource r JOIN unit u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
            WHERE r.tenant_id = \(tx.tenantID)
            """
        sql.append(" ")
        sql.append(filter)
        sql.append(newestFirst ? " ORDER BY r.id DESC" : " ORDER BY r.id")
        if let limit { sql.append(" LIMIT \(limit)") }
        return try await tx.connection.query(sql).map { row in
            ResourceRecord(
                id: try row.decode(Int64.self, "id"),
                externalID: try row.decode(String?.self, "external_id"),
                title: try row.decode(String.self, "title"),
                unitExternalID: try row.decode(String?.self, "unit_external_id"),
                unitName: try row.decode(String.self, "unit_name"),
                category: try row.decode(String.self, "category_code"),
                categoryName: try row.decode(String.self, "category_name"),
                kind: try ResourceKind(parsing: try row.decode(String.self, "kind")),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                pledged: try row.decode(Int64.self, "pledged"),
                remaining: try row.decode(Int64.self, "remaining"),
                unitCost: try row.decode(Int64?.self, "unit_cost_fen").map(Money.init(fen:)),
                availableFrom: try row.decode(String?.self, "available_from").map(CivilDate.init),
                availableUntil: try row.decode(String?.self, "available_until").map(CivilDate.init),
                status: try ResourceStatus(parsing: try row.decode(String.self, "status")),
                isPublic: try row.decode(Bool.self, "is_public"),
                publishedOn: try row.decode(String?.self, "published_on").map(CivilDate.init),
                serviceArea: try row.decode([String].self, "service_area"))
        }
    }

    /// The district's categories: code, Chinese and English name (lowercased) → code.
    static func categoryCodes(_ tx: TenantTransaction) async throws -> [String: String] {
        var codes: [String: String] = [:]
        for row in try await tx.connection.query("SELECT code, name_zh, name_en FROM tenant_category WHERE tenant_id = \(tx.tenantID)") {
            let code = try row.decode(String.self, "code")
            for name in [try row.decode(String.self, "name_en"), try row.decode(String.self, "name_zh"), code] {
                codes[categoryKey(name)] = code
            }
        }
        return codes
    }

    /// How a category is looked up: trimmed, lowercased.
    static func categoryKey(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
