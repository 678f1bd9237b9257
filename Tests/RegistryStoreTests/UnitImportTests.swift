import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct UnitImportTests {
    private let file = """
        单位编号,单位名称,单位类型,联系人,联系电话,包联社区
        U001,县人民医院,政府部门,张三,13812345678,C01
        U002,城关小学,学校,,,C01;C02
        """

    private func load(_ f: ProjectFixture, _ csv: String, dryRun: Bool = false) async throws -> ImportSummary {
        let (rows, issues) = UnitFile.read(Data(csv.utf8))
        return try await UnitStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    @Test func importingTwiceChangesNothingAndAnEditUpdatesInPlace() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration, full: false)
            #expect(try await load(f, file) == ImportSummary(inserted: 2))
            let audited = try await f.count("audit_log")
            #expect(try await load(f, file) == ImportSummary(unchanged: 2))
            #expect(try await f.count("audit_log") == audited)
            let edited = file.replacingOccurrences(of: "县人民医院", with: "县医院").replacingOccurrences(of: "C01;C02", with: "C02")
            #expect(try await load(f, edited) == ImportSummary(updated: 2))
            let units = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.list(UnitQuery(), in: tx) }.items
            #expect(units.map(\.name) == ["县医院", "城关小学"])
            #expect(units.map { $0.communities.map(\.code) } == [["C01"], ["C02"]])
            #expect(try await f.count("unit_community") == 2)
            await f.close()
        }
    }

    @Test func aFileWithErrorsLeavesTheDatabaseUnchangedAndNamesEveryError() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration, full: false)
            _ = try await load(f, file)
            let before = (try await f.count("unit"), try await f.count("unit_community"), try await f.count("audit_log"))
            let bad = """
                external_id,name,kind,communities
                U001,县医院,department,C01
                U003,红十字会,charity,C01
                U004,物业,other,C99
                U005,学校,school,G01
                U001,重复,other,
                """
            let error = try await #require(throws: ImportRejected.self) { try await load(f, bad) }
            #expect(error.issues.issues.map(\.line) == [3, 4, 5, 6])
            #expect(error.issues.issues.map(\.column) == ["kind", "communities", "communities", "external_id"])
            #expect(error.issues.issues[2].reason.contains("网格"))
            let after = (try await f.count("unit"), try await f.count("unit_community"), try await f.count("audit_log"))
            #expect(after == before)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.show("U001", in: tx) }.unit.name == "县人民医院")
            await f.close()
        }
    }

    @Test func aDryRunCountsButWritesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration, full: false)
            let audited = try await f.count("audit_log")
            #expect(try await load(f, file, dryRun: true) == ImportSummary(inserted: 2))
            #expect(try await f.count("unit") == 0)
            #expect(try await f.count("audit_log") == audited)
            await f.close()
        }
    }

    @Test func listsMaskContactsFilterAndPage() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let page = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.list(UnitQuery(limit: 1), in: tx) }
            #expect(page.items.map(\.externalID) == ["U001"])
            #expect(page.items[0].contactName == "张*")
            #expect(page.items[0].contactPhone == "138****5678")
            #expect(page.items[0].resourceCount == 1)
            let next = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.list(UnitQuery(after: page.nextCursor, limit: 1), in: tx) }
            #expect(next.items.map(\.externalID) == ["U002"])
            #expect(next.nextCursor == nil)
            let inC02 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.list(UnitQuery(orgCode: "C02"), in: tx) }.items
            #expect(inC02.map(\.externalID) == ["U002"])
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.list(UnitQuery(kind: .school), in: tx) }.items.map(\.externalID) == ["U002"])
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.communities(of: "U002", in: tx) }.map(\.name) == ["东坡社区", "滨河社区"])
            // The audit log records that the contact changed, never what it is.
            let audit = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT after::text AS after FROM audit_log WHERE tenant_id = \(f.tenant) AND table_name = 'unit'")
                    .map { try $0.decode(String.self, "after") }
            }
            #expect(audit.count == 2)
            #expect(!audit.joined().contains("13812345678") && !audit.joined().contains("张三"))
            // A single unit through the API, and its communities.
            let saved = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await UnitStore.save(UnitImportRow(externalID: "U003", name: "安居物业", kind: .propertyCompany, communityCodes: ["C02"]), in: tx) }
            #expect(saved.communities.map(\.code) == ["C02"])
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await UnitStore.save(UnitImportRow(externalID: "U004", name: "x", kind: .other, communityCodes: ["T01"]), in: tx) }
            }
            await f.close()
        }
    }
}
