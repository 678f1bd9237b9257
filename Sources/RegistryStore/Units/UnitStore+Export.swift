import Foundation
import Postgres
public import Registry

/// What residents may read of a registered unit: who it is and which communities it
/// contracts, never its contact person or phone.
public struct UnitDisclosure: Sendable, Hashable, Codable {
    public var name: String
    public var kind: UnitKind
    public var address: String?
    /// Names of the contracted communities.
    public var communities: [String]
}

extension UnitStore {
    /// Every unit as an import file would give it, contacts in full, ordered by external id:
    /// an export that imports back unchanged. Not for disclosure (see ``disclosures(in:)``).
    public static func exportRows(in tx: TenantTransaction) async throws -> [UnitImportRow] {
        try await rows(tx, where: "")
    }

    /// One unit as a file row, its contact unmasked: what an edit starts from, so that a
    /// contact left blank in a form is kept rather than erased (never shown as such).
    public static func row(_ key: String, in tx: TenantTransaction) async throws -> UnitImportRow {
        let id = try await Self.id(of: key, tx)
        return try await rows(tx, where: "AND u.id = \(id)")[0]
    }

    private static func rows(_ tx: TenantTransaction, where filter: SQL) async throws -> [UnitImportRow] {
        let rows = try await tx.connection.query("""
            SELECT u.id, u.external_id, u.name, u.kind, u.contact_name, u.contact_phone, u.address,
                   coalesce((SELECT array_agg(o.code ORDER BY o.code)
                             FROM unit_community uc JOIN org_unit o ON o.tenant_id = uc.tenant_id AND o.id = uc.org_unit_id
                             WHERE uc.tenant_id = \(tx.tenantID) AND uc.unit_id = u.id), '{}') AS communities
            FROM unit u WHERE u.tenant_id = \(tx.tenantID) \(filter)
            ORDER BY u.external_id NULLS LAST, u.id
            """)
        return try rows.map { row in
            UnitImportRow(
                externalID: try row.decode(String?.self, "external_id") ?? "\(try row.decode(Int64.self, "id"))",
                name: try row.decode(String.self, "name"),
                kind: try UnitKind(parsing: try row.decode(String.self, "kind")),
                contactName: try row.decode(String?.self, "contact_name"),
                contactPhone: try row.decode(String?.self, "contact_phone").flatMap { try? PhoneNumber($0) },
                address: try row.decode(String?.self, "address"),
                communityCodes: try row.decode([String].self, "communities"))
        }
    }

    /// The public projection of the units: no personal data.
    public static func disclosures(in tx: TenantTransaction) async throws -> [UnitDisclosure] {
        try await tx.connection.query("""
            SELECT u.name, u.kind, u.address,
                   coalesce((SELECT array_agg(o.name ORDER BY o.code)
                             FROM unit_community uc JOIN org_unit o ON o.tenant_id = uc.tenant_id AND o.id = uc.org_unit_id
                             WHERE uc.tenant_id = \(tx.tenantID) AND uc.unit_id = u.id), '{}') AS communities
            FROM unit u WHERE u.tenant_id = \(tx.tenantID)
            ORDER BY u.external_id NULLS LAST, u.id
            """).map { row in
            UnitDisclosure(
                name: try row.decode(String.self, "name"),
                kind: try UnitKind(parsing: try row.decode(String.self, "kind")),
                address: try row.decode(String?.self, "address"),
                communities: try row.decode([String].self, "communities"))
        }
    }
}
