import Foundation
import Postgres
import Registry

extension OrgUnitStore {
    /// Parents before children and siblings in the order they were made: the path of ids
    /// compared as numbers (as text, `/1/10/` would sort before `/1/8/`).
    static let treeOrder = "string_to_array(btrim(o.path, '/'), '/')::bigint[]"

    /// The whole hierarchy as a hierarchy file gives it, parents first, so that an export
    /// imports back into an empty district as the same tree.
    public static func exportRows(in tx: TenantTransaction) async throws -> [OrgUnitImportRow] {
        try await tx.connection.query("""
            SELECT o.code, o.name, o.kind, p.code AS parent_code, o.valid_from::text AS valid_from, o.valid_to::text AS valid_to
            FROM org_unit o LEFT JOIN org_unit p ON p.tenant_id = o.tenant_id AND p.id = o.parent_id
            WHERE o.tenant_id = \(tx.tenantID)
            ORDER BY \(unsafeRaw: Self.treeOrder)
            """).map { row in
            OrgUnitImportRow(
                line: 0, code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                kind: try OrgUnitKind(parsing: try row.decode(String.self, "kind")),
                parentCode: try row.decode(String?.self, "parent_code"),
                validFrom: try row.decode(String?.self, "valid_from").map(CivilDate.init),
                validUntil: try row.decode(String?.self, "valid_to").map(CivilDate.init))
        }
    }

    /// The hierarchy carries no personal data: its disclosed projection is the whole of it.
    public static func disclosures(in tx: TenantTransaction) async throws -> [OrgUnitImportRow] {
        try await exportRows(in: tx)
    }

    /// The whole hierarchy, parents first.
    public static func all(in tx: TenantTransaction) async throws -> [OrgUnitRecord] {
        try await tx.connection.query("""
            SELECT o.id, o.code, o.name, o.kind, o.depth, o.path, p.code AS parent_code
            FROM org_unit o LEFT JOIN org_unit p ON p.tenant_id = o.tenant_id AND p.id = o.parent_id
            WHERE o.tenant_id = \(tx.tenantID)
            ORDER BY \(unsafeRaw: Self.treeOrder)
            """).map(OrgUnitRecord.init)
    }
}
