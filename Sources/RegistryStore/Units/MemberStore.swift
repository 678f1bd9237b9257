import Foundation
import Postgres
import Registry

/// The members units register for duty at communities (双报到), and the people behind them.
///
/// Personal data (name, phone, ID card number) is stored in `person` only, shown masked in
/// every list, and never exported with `--public` (see ``disclosures(in:)``).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public enum MemberStore {
    /// One page of registrations, personal data masked.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown unit or org code.
    public static func list(_ query: MemberQuery, in tx: TenantTransaction) async throws -> MemberPage {
        var filter: SQL = ""
        if let unit = query.unit { filter.append(" AND d.unit_id = \(try await UnitStore.id(of: unit, tx))") }
        if let code = query.orgCode {
            filter.append(" AND c.path LIKE \(try await UnitStore.subtreePath(code, tx) + "%")")
        }
        if let after = query.after { filter.append(" AND d.id > \(after)") }
        let limit = max(1, query.limit)
        let rows = try await Self.records(tx, where: filter, limit: limit + 1)
        return MemberPage(items: Array(rows.prefix(limit)), nextCursor: rows.count > limit ? rows[limit - 1].id : nil)
    }

    /// Registrations as lists show them (masked), ordered by id; `filter` continues the WHERE
    /// clause over `d` (duty_registration), `p` (person), `u` (unit) and `c` (community).
    static func records(_ tx: TenantTransaction, where filter: SQL, limit: Int?) async throws -> [MemberRecord] {
        var sql: SQL = """
            SELECT d.id, p.external_id, p.name, p.phone, p.id_card, u.external_id AS unit_external_id, u.name AS unit_name,
                   c.code AS community_code, c.name AS community_name, d.registered_on::text AS registered_on
            FROM duty_registration d
            JOIN person p ON p.tenant_id = d.tenant_id AND p.id = d.person_id
            JOIN unit u ON u.tenant_id = d.tenant_id AND u.id = d.unit_id
            JOIN org_unit c ON c.tenant_id = d.tenant_id AND c.id = d.community_id
            WHERE d.tenant_id = \(tx.tenantID)
            """
        sql.append(" ")
        sql.append(filter)
        sql.append(" ORDER BY d.id")
        if let limit { sql.append(" LIMIT \(limit)") }
        return try await tx.connection.query(sql).map { row in
            MemberRecord(
                id: try row.decode(Int64.self, "id"),
                externalID: try row.decode(String?.self, "external_id"),
                name: PersonMasking.name(try row.decode(String.self, "name")) ?? "*",
                phone: PersonMasking.phone(try row.decode(String?.self, "phone")),
                idCard: PersonMasking.idCard(try row.decode(String?.self, "id_card")),
                unitExternalID: try row.decode(String?.self, "unit_external_id"),
                unitName: try row.decode(String.self, "unit_name"),
                communityCode: try row.decode(String.self, "community_code"),
                communityName: try row.decode(String.self, "community_name"),
                registeredOn: try CivilDate(try row.decode(String.self, "registered_on")))
        }
    }
}
