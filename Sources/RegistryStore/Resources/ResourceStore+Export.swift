import Foundation
import Postgres
public import Registry

/// What residents may read of a resource: the `public_resource` view (public items that are
/// not withdrawn), no personal data.
public struct ResourceDisclosure: Sendable, Hashable, Codable {
    public var title: String
    public var unitName: String
    public var category: String
    public var kind: ResourceKind
    public var measureUnit: MeasureUnit
    public var pledged: Int64
    public var remaining: Int64
    public var availableFrom: CivilDate?
    public var availableUntil: CivilDate?
    public var status: ResourceStatus
    public var publishedOn: CivilDate?
}

extension ResourceStore {
    /// Every resource as an import file would give it, ordered by external id: capacity is
    /// what was pledged in total, so the export imports back into an empty district (with the
    /// same units and hierarchy) as the same list.
    public static func exportRows(in tx: TenantTransaction) async throws -> [ResourceImportRow] {
        let descriptions = try await tx.connection.query("""
            SELECT id, description FROM resource WHERE tenant_id = \(tx.tenantID) AND description IS NOT NULL
            """).reduce(into: [Int64: String]()) { $0[try $1.decode(Int64.self, "id")] = try $1.decode(String.self, "description") }
        return try await Self.records(tx, where: "", limit: nil)
            .sorted { ($0.externalID ?? "\u{10FFFF}", $0.id) < ($1.externalID ?? "\u{10FFFF}", $1.id) }
            .map { record in
                ResourceImportRow(
                    externalID: record.externalID ?? "\(record.id)", unitExternalID: record.unitExternalID ?? "",
                    title: record.title, description: descriptions[record.id], category: record.category, kind: record.kind,
                    capacity: record.pledged, measureUnit: record.measureUnit, unitCost: record.unitCost,
                    serviceAreaCodes: record.serviceArea, availableFrom: record.availableFrom,
                    availableUntil: record.availableUntil, status: record.status, isPublic: record.isPublic,
                    publishedOn: record.publishedOn)
            }
    }

    /// The disclosed resource list (公示): the `public_resource` view.
    public static func disclosures(in tx: TenantTransaction) async throws -> [ResourceDisclosure] {
        try await tx.connection.query("""
            SELECT title, unit_name, category_code, kind, measure_unit, pledged, remaining,
                   available_from::text AS available_from, available_until::text AS available_until,
                   status, published_on::text AS published_on
            FROM public_resource WHERE tenant_id = \(tx.tenantID) ORDER BY id
            """).map { row in
            ResourceDisclosure(
                title: try row.decode(String.self, "title"),
                unitName: try row.decode(String.self, "unit_name"),
                category: try row.decode(String.self, "category_code"),
                kind: try ResourceKind(parsing: try row.decode(String.self, "kind")),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                pledged: try row.decode(Int64.self, "pledged"),
                remaining: try row.decode(Int64.self, "remaining"),
                availableFrom: try row.decode(String?.self, "available_from").map(CivilDate.init),
                availableUntil: try row.decode(String?.self, "available_until").map(CivilDate.init),
                status: try ResourceStatus(parsing: try row.decode(String.self, "status")),
                publishedOn: try row.decode(String?.self, "published_on").map(CivilDate.init))
        }
    }
}
