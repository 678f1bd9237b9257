import Foundation
import Glibc
import Postgres
import Registry
import RegistryStore

/// A small district for the list stores' tests: a street with two communities and a grid,
/// two units, two resources (¥10,000 of funds; 100 volunteer hours) and three demands, two
/// of them accepted. Demands are written with SQL: their store is not what these tests test.
struct ProjectFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:lists"

    /// A second district in the same database, with the same hierarchy and nothing else.
    func sibling(slug: String = "shangjie", code: String = "410106") async throws -> ProjectFixture {
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(code))
        let fixture = ProjectFixture(database: database, tenant: tenant.id)
        try await fixture.hierarchy()
        return fixture
    }

    static func make(_ configuration: ConnectionConfiguration, full: Bool = true) async throws -> ProjectFixture {
        let database = RegistryDatabase(configuration: configuration)
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug("langao"), name: "岚皋县", divisionCode: try DivisionCode("610925"))
        let fixture = ProjectFixture(database: database, tenant: tenant.id)
        try await fixture.hierarchy()
        guard full else { return fixture }
        _ = try await UnitStore.importRows([
            UnitImportRow(externalID: "U001", name: "县人民医院", kind: .department, contactName: "张三", contactPhone: try PhoneNumber("13812345678"), communityCodes: ["C01"]),
            UnitImportRow(externalID: "U002", name: "城关小学", kind: .school, communityCodes: ["C01", "C02"]),
        ], on: fixture.database, tenant: tenant.id, actor: fixture.actor)
        _ = try await ResourceStore.importRows([
            ResourceImportRow(externalID: "R001", unitExternalID: "U001", title: "道路维修资金", category: "roads", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
            ResourceImportRow(externalID: "R002", unitExternalID: "U002", title: "志愿服务", category: "养老服务", kind: .volunteerHours, capacity: 100, measureUnit: .volunteerHours, serviceAreaCodes: ["C02"]),
        ], on: fixture.database, tenant: tenant.id, actor: fixture.actor)
        try await fixture.demand("D001", at: "G01", quantity: 500_000, unit: .yuan, state: .accepted)
        try await fixture.demand("D002", at: "C02", quantity: 40, unit: .volunteerHours, state: .accepted, category: "elderly_care")
        try await fixture.demand("D003", at: "C02", quantity: 10, unit: .volunteerHours, state: .draft, category: "elderly_care")
        return fixture
    }

    func hierarchy() async throws {
        _ = try await OrgUnitStore.importRows([
            OrgUnitImportRow(line: 2, code: "T01", name: "城关镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "C01", name: "东坡社区", kind: .community, parentCode: "T01"),
            OrgUnitImportRow(line: 4, code: "C02", name: "滨河社区", kind: .community, parentCode: "T01"),
            OrgUnitImportRow(line: 5, code: "G01", name: "东坡一网格", kind: .grid, parentCode: "C01"),
            OrgUnitImportRow(line: 6, code: "T02", name: "佐龙镇", kind: .town, parentCode: nil),
        ], on: database, tenant: tenant, actor: actor)
    }

    func demand(
        _ externalID: String, at code: String, quantity: Int64, unit: MeasureUnit, state: DemandState, category: String = "roads",
        rating: Int? = nil
    ) async throws {
        try await database.withTenant(tenant, actor: actor) { tx in
            // The org unit first, then a plain VALUES: Citus plans no subquery in INSERT … VALUES.
            let orgUnit = try await tx.connection.query("SELECT id FROM org_unit WHERE tenant_id = \(tenant) AND code = \(code)")
                .first?.decode(Int64.self, "id")
            try await tx.connection.execute("""
                INSERT INTO demand (tenant_id, external_id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, state, rating)
                VALUES (\(tenant), \(externalID), \("需求 " + externalID), \(category),
                        \(orgUnit), 'grid_report', \(quantity), \(unit.rawValue), \(state.rawValue), \(rating))
                """)
        }
    }

    /// The state of a demand, and the level it was settled at.
    func demandState(_ externalID: String) async throws -> (DemandState, String?) {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
            let row = try await tx.connection.query("""
                SELECT state, settled_level FROM demand WHERE tenant_id = \(tenant) AND external_id = \(externalID)
                """)[0]
            return (try DemandState(parsing: try row.decode(String.self, "state")), try row.decode(String?.self, "settled_level"))
        }
    }

    /// Rows of `table` this tenant sees (as govreg_app, with the tenant set).
    func count(_ table: String) async throws -> Int {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
            try await tx.connection.query("SELECT count(*) AS n FROM \(identifier: table) WHERE tenant_id = \(tenant)")[0].decode(Int.self, "n")
        }
    }

    /// What remains of a resource.
    func remaining(_ externalID: String) async throws -> Int64 {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await ResourceStore.show(externalID, in: tx) }.resource.remaining
    }

    func close() async { await database.close() }

    /// `text` in GB18030, as Chinese Excel saves a CSV (converted with the C library's iconv).
    static func gb18030(_ text: String) -> Data {
        let converter = iconv_open("GB18030", "UTF-8")
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        var inputLeft = input.count, outputLeft = output.count
        input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var from: UnsafeMutablePointer<CChar>? = source.baseAddress
                var to: UnsafeMutablePointer<CChar>? = target.baseAddress
                _ = iconv(converter, &from, &inputLeft, &to, &outputLeft)
            }
        }
        return Data(output.prefix(output.count - outputLeft).map { UInt8(bitPattern: $0) })
    }
}
