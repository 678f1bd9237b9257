public import Foundation
import Registry
public import RegistryStore

/// The small district the store and API tests share: a tenant with this hierarchy
///
/// ```
/// S1 城关镇 ─ C1 东坡社区 ─ G11 东坡一网格, G12 东坡二网格
///          └ C2 滨河社区 ─ G21 滨河一网格
/// S2 佐龙镇 ─ C3 佐龙社区
/// ```
public enum TestDistrict {
    /// Creates the district `slug` (division code `divisionCode`) with the hierarchy; returns its id.
    public static func create(_ slug: String, _ divisionCode: String, in database: RegistryDatabase, actor: String) async throws -> UUID {
        let created = try await TenantStore(database: database).create(
            slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(divisionCode))
        let nodes: [(String, String, OrgUnitKind, String?)] = [
            ("S1", "城关镇", .town, nil), ("C1", "东坡社区", .community, "S1"), ("G11", "东坡一网格", .grid, "C1"),
            ("G12", "东坡二网格", .grid, "C1"), ("C2", "滨河社区", .community, "S1"), ("G21", "滨河一网格", .grid, "C2"),
            ("S2", "佐龙镇", .town, nil), ("C3", "佐龙社区", .community, "S2"),
        ]
        _ = try await OrgUnitStore.importRows(
            nodes.enumerated().map { OrgUnitImportRow(line: $0 + 2, code: $1.0, name: $1.1, kind: $1.2, parentCode: $1.3) },
            on: database, tenant: created.id, actor: actor)
        return created.id
    }
}
