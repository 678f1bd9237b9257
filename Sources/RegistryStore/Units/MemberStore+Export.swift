import Foundation
import Postgres
import Registry

/// What residents may read of the members reporting for duty: how many each unit registered
/// at each community. Members are people, so there is no per-person public projection.
public struct MemberDisclosure: Sendable, Hashable, Codable {
    public var unitName: String
    public var communityName: String
    public var members: Int
}

extension MemberStore {
    /// Every registration as an import file would give it, personal data in full, ordered by
    /// the person's external id: an export that imports back unchanged. Never for disclosure.
    public static func exportRows(in tx: TenantTransaction) async throws -> [MemberImportRow] {
        try await tx.connection.query("""
            SELECT p.id, p.external_id, p.name, p.phone, p.id_card, u.external_id AS unit_external_id, u.id AS unit_id,
                   c.code AS community_code, d.registered_on::text AS registered_on
            FROM duty_registration d
            JOIN person p ON p.tenant_id = d.tenant_id AND p.id = d.person_id
            JOIN unit u ON u.tenant_id = d.tenant_id AND u.id = d.unit_id
            JOIN org_unit c ON c.tenant_id = d.tenant_id AND c.id = d.community_id
            WHERE d.tenant_id = \(tx.tenantID)
            ORDER BY p.external_id NULLS LAST, p.id, c.code
            """).map { row in
            MemberImportRow(
                externalID: try row.decode(String?.self, "external_id") ?? "\(try row.decode(Int64.self, "id"))",
                name: try PersonalName(try row.decode(String.self, "name")),
                phone: try row.decode(String?.self, "phone").map { try PhoneNumber($0) },
                idCard: try row.decode(String?.self, "id_card").map { try IDCardNumber($0) },
                unitExternalID: try row.decode(String?.self, "unit_external_id") ?? "\(try row.decode(Int64.self, "unit_id"))",
                communityCode: try row.decode(String.self, "community_code"),
                registeredOn: try CivilDate(try row.decode(String.self, "registered_on")))
        }
    }

    /// The public projection: members per unit and community, no person named.
    public static func disclosures(in tx: TenantTransaction) async throws -> [MemberDisclosure] {
        try await tx.connection.query("""
            SELECT u.name AS unit_name, c.name AS community_name, count(*) AS members
            FROM duty_registration d
            JOIN unit u ON u.tenant_id = d.tenant_id AND u.id = d.unit_id
            JOIN org_unit c ON c.tenant_id = d.tenant_id AND c.id = d.community_id
            WHERE d.tenant_id = \(tx.tenantID)
            GROUP BY u.external_id, u.name, c.code, c.name
            ORDER BY u.external_id, c.code
            """).map { row in
            MemberDisclosure(
                unitName: try row.decode(String.self, "unit_name"),
                communityName: try row.decode(String.self, "community_name"),
                members: try row.decode(Int.self, "members"))
        }
    }
}
