import Foundation
import Postgres
import Registry

/// The registered units (双报到单位 / 共建单位) of a district and the communities each one
/// contracts (包联).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// let page = try await database.withTenant(langao, actor: "cli:root") { tx in
///     try await UnitStore.save(UnitImportRow(externalID: "U001", name: "县人民医院", kind: .department,
///                                            communityCodes: ["C01"]), in: tx)
///     return try await UnitStore.list(UnitQuery(orgCode: "T01"), in: tx)
/// }
/// ```
public enum UnitStore {
    /// Creates the unit or updates the one with the same external id, and makes its
    /// contracted communities exactly `row.communityCodes`.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown community code,
    ///   ``RegistryStoreError/invalid(field:reason:)`` for a code that is not a community or
    ///   village.
    @discardableResult
    public static func save(_ row: UnitImportRow, in tx: TenantTransaction) async throws -> UnitRecord {
        let nodes = try await Self.orgUnits(codes: row.communityCodes, tx)
        var ids: [Int64] = []
        for code in row.communityCodes {
            guard let node = nodes[code] else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
            guard Self.isCommunity(node.kind) else {
                throw RegistryStoreError.invalid(field: "communities", reason: Self.notACommunity(code, node.kind))
            }
            ids.append(node.id)
        }
        let (id, _) = try await Self.upsert(row, communityIDs: ids, tx)
        return try await Self.records(tx, where: "AND u.id = \(id)")[0]
    }

    /// One page of units, contacts masked.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when `query.orgCode` is unknown.
    public static func list(_ query: UnitQuery, in tx: TenantTransaction) async throws -> UnitPage {
        var filter: SQL = ""
        if let kind = query.kind { filter.append(" AND u.kind = \(kind.rawValue)") }
        if let code = query.orgCode {
            let path = try await Self.subtreePath(code, tx)
            filter.append("""
                 AND EXISTS (SELECT 1 FROM unit_community uc JOIN org_unit o ON o.tenant_id = uc.tenant_id AND o.id = uc.org_unit_id
                             WHERE uc.tenant_id = \(tx.tenantID) AND uc.unit_id = u.id AND o.path LIKE \(path + "%"))
                """)
        }
        if let after = query.after { filter.append(" AND u.id > \(after)") }
        let limit = max(1, query.limit)
        let rows = try await Self.records(tx, where: filter, limit: limit + 1)
        return UnitPage(items: Array(rows.prefix(limit)), nextCursor: rows.count > limit ? rows[limit - 1].id : nil)
    }

    /// The unit whose external id (or, failing that, id) is `key`, with its members (masked)
    /// and its resources.
    public static func show(_ key: String, in tx: TenantTransaction) async throws -> UnitDetail {
        let id = try await Self.id(of: key, tx)
        let unit = try await Self.records(tx, where: "AND u.id = \(id)")[0]
        let members = try await MemberStore.records(tx, where: "AND d.unit_id = \(id)", limit: nil)
        let resources = try await ResourceStore.records(tx, where: "AND r.unit_id = \(id)", limit: nil)
        return UnitDetail(unit: unit, members: members, resources: resources)
    }

    /// The communities the unit `key` contracts (包联).
    public static func communities(of key: String, in tx: TenantTransaction) async throws -> [UnitCommunity] {
        try await show(key, in: tx).unit.communities
    }

    // MARK: - Shared with the other list stores

    /// The id of the unit whose external id (or, failing that, id) is `key`.
    static func id(of key: String, _ tx: TenantTransaction) async throws -> Int64 {
        let rows = try await tx.connection.query("""
            SELECT id FROM unit WHERE tenant_id = \(tx.tenantID) AND (external_id = \(key) OR id::text = \(key))
            ORDER BY external_id = \(key) DESC NULLS LAST LIMIT 1
            """)
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "unit 单位", key: key) }
        return try row.decode(Int64.self, "id")
    }

    /// The stored org units with these codes: code → id and kind.
    static func orgUnits(codes: [String], _ tx: TenantTransaction) async throws -> [String: (id: Int64, kind: OrgUnitKind)] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await tx.connection.query("""
            SELECT id, code, kind FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = ANY(\(Array(Set(codes))))
            """)
        var nodes: [String: (id: Int64, kind: OrgUnitKind)] = [:]
        for row in rows {
            nodes[try row.decode(String.self, "code")] = (try row.decode(Int64.self, "id"), try OrgUnitKind(parsing: try row.decode(String.self, "kind")))
        }
        return nodes
    }

    /// The materialised path of the org unit `code`, for subtree filters (`path LIKE p || '%'`).
    static func subtreePath(_ code: String, _ tx: TenantTransaction) async throws -> String {
        let rows = try await tx.connection.query("SELECT path FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = \(code)")
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
        return try row.decode(String.self, "path")
    }

    /// Whether units may contract the node (包联) and members report for duty there: a
    /// community or a village.
    static func isCommunity(_ kind: OrgUnitKind) -> Bool { kind == .community || kind == .village }

    static func notACommunity(_ code: String, _ kind: OrgUnitKind) -> String {
        "\(code) 是「\(kind.chineseName)」，包联对象须为社区或村 is a \(kind.rawValue); units contract communities or villages"
    }

    /// Units as lists show them, ordered by id; `filter` continues the WHERE clause.
    static func records(_ tx: TenantTransaction, where filter: SQL, limit: Int? = nil) async throws -> [UnitRecord] {
        var sql: SQL = """
            SELECT u.id, u.external_id, u.name, u.kind, u.contact_name, u.contact_phone, u.address,
                   coalesce((SELECT json_agg(json_build_object('code', o.code, 'name', o.name) ORDER BY o.code)
                             FROM unit_community uc JOIN org_unit o ON o.tenant_id = uc.tenant_id AND o.id = uc.org_unit_id
                             WHERE uc.tenant_id = \(tx.tenantID) AND uc.unit_id = u.id), '[]') AS communities,
                   (SELECT count(*) FROM duty_registration d WHERE d.tenant_id = \(tx.tenantID) AND d.unit_id = u.id) AS members,
                   (SELECT count(*) FROM resource r WHERE r.tenant_id = \(tx.tenantID) AND r.unit_id = u.id) AS resources
            FROM unit u WHERE u.tenant_id = \(tx.tenantID)
            """
        sql.append(" ")
        sql.append(filter)
        sql.append(" ORDER BY u.id")
        if let limit { sql.append(" LIMIT \(limit)") }
        return try await tx.connection.query(sql).map { row in
            UnitRecord(
                id: try row.decode(Int64.self, "id"),
                externalID: try row.decode(String?.self, "external_id"),
                name: try row.decode(String.self, "name"),
                kind: try UnitKind(parsing: try row.decode(String.self, "kind")),
                contactName: PersonMasking.name(try row.decode(String?.self, "contact_name")),
                contactPhone: PersonMasking.phone(try row.decode(String?.self, "contact_phone")),
                address: try row.decode(String?.self, "address"),
                communities: try row.decode(JSONDocument<[UnitCommunity]>.self, "communities").value,
                memberCount: try row.decode(Int.self, "members"),
                resourceCount: try row.decode(Int.self, "resources"))
        }
    }
}
