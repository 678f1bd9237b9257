import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct OrgUnitStoreTests {
    private func rows() -> [OrgUnitImportRow] {
        [
            OrgUnitImportRow(line: 2, code: "S1", name: "城关镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "C1", name: "滨河社区", kind: .community, parentCode: "S1"),
            OrgUnitImportRow(line: 4, code: "G1", name: "第一网格", kind: .grid, parentCode: "C1"),
            OrgUnitImportRow(line: 5, code: "S2", name: "佐龙镇", kind: .town, parentCode: nil),
        ]
    }

    @Test func movesCarryTheSubtreeAndRefuseCyclesAndUnknownParents() async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration)
            defer { Task { await database.close() } }
            let tenant = try await TenantStore(database: database).create(
                slug: try TenantSlug("langao"), name: "岚皋县", divisionCode: try DivisionCode("610925")).id
            let store = OrgUnitStore(database: database)
            // A dry run counts what it would write, and writes nothing.
            #expect(try await store.importRows(rows(), tenant: tenant, actor: "test", dryRun: true) == ImportSummary(inserted: 4))
            await #expect(throws: RegistryStoreError.notFound(kind: "org unit 组织", key: "S1")) {
                try await store.subtree(of: "S1", tenant: tenant, actor: "test")
            }
            #expect(try await store.importRows(rows(), tenant: tenant, actor: "test").inserted == 4)

            try await store.move("C1", under: "S2", tenant: tenant, actor: "test")
            #expect(try await store.subtree(of: "S2", tenant: tenant, actor: "test").map(\.code) == ["S2", "C1", "G1"])
            #expect(try await store.subtree(of: "S1", tenant: tenant, actor: "test").map(\.code) == ["S1"])

            let cycle = try await #require(throws: PostgresError.self) {
                try await store.move("S2", under: "G1", tenant: tenant, actor: "test")
            }
            #expect(cycle.sqlState == "23514")
            // A mistyped parent is an error, not a move to the top.
            await #expect(throws: RegistryStoreError.notFound(kind: "org unit 组织", key: "S9")) {
                try await store.move("C1", under: "S9", tenant: tenant, actor: "test")
            }
            #expect(try await store.subtree(of: "S2", tenant: tenant, actor: "test").map(\.code) == ["S2", "C1", "G1"])
        }
    }
}
