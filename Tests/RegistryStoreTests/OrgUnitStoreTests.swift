import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
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
            // A dry run counts what it would write, and writes nothing.
            #expect(try await OrgUnitStore.importRows(rows(), on: database, tenant: tenant, actor: "test", dryRun: true) == ImportSummary(inserted: 4))
            await #expect(throws: RegistryStoreError.notFound(kind: "org unit 组织", key: "S1")) {
                try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in try await OrgUnitStore.subtree(of: "S1", in: tx) }
            }
            #expect(try await OrgUnitStore.importRows(rows(), on: database, tenant: tenant, actor: "test").inserted == 4)

            try await database.withTenant(tenant, actor: "test") { tx in try await OrgUnitStore.move("C1", under: "S2", in: tx) }
            #expect(try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in try await OrgUnitStore.subtree(of: "S2", in: tx) }.map(\.code) == ["S2", "C1", "G1"])
            #expect(try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in try await OrgUnitStore.subtree(of: "S1", in: tx) }.map(\.code) == ["S1"])

            // A cycle and a turned-over hierarchy are named in both languages, at the parent.
            let cycle = try await #require(throws: InvalidFields.self) {
                try await database.withTenant(tenant, actor: "test") { tx in try await OrgUnitStore.move("C1", under: "G1", in: tx) }
            }
            #expect(cycle.problems.map(\.field) == ["parent_code"])
            #expect(cycle.description.contains("形成循环") && cycle.description.contains("cycle"))
            let upsideDown = try await #require(throws: InvalidFields.self) {
                try await database.withTenant(tenant, actor: "test") { tx in try await OrgUnitStore.move("S1", under: "G1", in: tx) }
            }
            #expect(upsideDown.description.contains("层级颠倒") && upsideDown.description.contains("a town cannot sit under a grid"))
            // Back to the top: the community becomes a node of its own.
            try await database.withTenant(tenant, actor: "test") { tx in try await OrgUnitStore.move("C1", under: nil, in: tx) }
            #expect(try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in try await OrgUnitStore.subtree(of: "C1", in: tx) }.map(\.depth) == [0, 1])
            try await database.withTenant(tenant, actor: "test") { tx in try await OrgUnitStore.move("C1", under: "S2", in: tx) }
            // An import may not turn the levels over either: a town under a stored grid, and a
            // stored community whose parent the file turns into a grid.
            let turned = [OrgUnitImportRow(line: 2, code: "S3", name: "新镇", kind: .town, parentCode: "G1"),
                          OrgUnitImportRow(line: 3, code: "S2", name: "佐龙镇", kind: .grid, parentCode: nil)]
            let refused = try await #require(throws: ImportRejected.self) {
                try await OrgUnitStore.importRows(turned, on: database, tenant: tenant, actor: "test")
            }
            #expect(refused.issues.inFileOrder().issues.map { "\($0.line) \($0.column ?? "")" } == ["2 parent_code", "3 kind"])
            // A mistyped parent is an error, not a move to the top.
            await #expect(throws: RegistryStoreError.notFound(kind: "org unit 组织", key: "S9")) {
                try await database.withTenant(tenant, actor: "test") { tx in try await OrgUnitStore.move("C1", under: "S9", in: tx) }
            }
            #expect(try await database.withTenant(tenant, actor: "test", readOnly: true) { tx in try await OrgUnitStore.subtree(of: "S2", in: tx) }.map(\.code) == ["S2", "C1", "G1"])
        }
    }

    @Test func aFileNamesEveryProblemAtOnceAndAnExportImportsAsTheSameTree() async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration)
            defer { Task { await database.close() } }
            let tenants = TenantStore(database: database)
            let langao = try await tenants.create(slug: try TenantSlug("langao"), name: "岚皋县", divisionCode: try DivisionCode("610925")).id
            let pingli = try await tenants.create(slug: try TenantSlug("pingli"), name: "平利县", divisionCode: try DivisionCode("610926")).id
            // A bad period, a duplicate code and an unknown parent: all three, in one answer.
            let bad = "编码,名称,类型,上级编码,生效日期,失效日期\nS1,城关镇,town,,2024-05-01,2024-04-01\nS1,又一个,town,,,\nC1,滨河社区,community,S9,,\n"
            let (badRows, badIssues) = OrgUnitFile.read(Data(bad.utf8))
            let refused = try await #require(throws: ImportRejected.self) {
                try await OrgUnitStore.importRows(badRows, issues: badIssues, on: database, tenant: langao, actor: "test")
            }
            #expect(refused.issues.inFileOrder().issues.map { "\($0.line) \($0.column ?? "")" } == ["2 失效日期", "3 code", "4 parent_code"])
            #expect(try await database.withTenant(langao, actor: "test", readOnly: true) { tx in try await OrgUnitStore.all(in: tx) }.isEmpty)
            // Twelve grids under one community: the tree order is by id, not by the text of the path.
            var csv = "code,name,kind,parent_code,valid_from,valid_to\nS1,城关镇,town,,2024-01-01,\nC1,滨河社区,community,S1,,2030-12-31\n"
            for n in 1...12 { csv += "G\(n),第\(n)网格,grid,C1,,\n" }
            #expect(try await OrgUnitStore.importRows(try OrgUnitFile.rows(from: Data(csv.utf8)), on: database, tenant: langao, actor: "test").inserted == 14)
            let exported = try await database.withTenant(langao, actor: "test", readOnly: true) { tx in try await OrgUnitStore.exportRows(in: tx) }
            #expect(exported.map(\.code) == ["S1", "C1"] + (1...12).map { "G\($0)" })
            for chinese in [false, true] {
                let again = OrgUnitFile.read(OrgUnitFile.csv(exported, chinese: chinese))
                #expect(again.issues.isEmpty)
                _ = try await OrgUnitStore.importRows(again.rows, on: database, tenant: pingli, actor: "test")
            }
            #expect(try await database.withTenant(pingli, actor: "test", readOnly: true) { tx in try await OrgUnitStore.exportRows(in: tx) } == exported)
            #expect(try await database.withTenant(pingli, actor: "test", readOnly: true) { tx in try await OrgUnitStore.all(in: tx) }.map(\.code) == exported.map(\.code))
        }
    }
}
