import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct MemberImportTests {
    private let file = """
        人员编号,姓名,手机号,身份证号,报到单位编号,报到社区编码,报到日期
        M1,张三,13812345678,11010519491231002X,U001,C01,2024-03-05
        M1,张三,13812345678,11010519491231002X,U002,C02,2024-03-06
        M2,欧阳娜娜,,,U002,C02,2024年4月1日
        """

    private func load(_ f: ProjectFixture, _ csv: String, dryRun: Bool = false) async throws -> ImportSummary {
        let (rows, issues) = MemberFile.read(ProjectFixture.gb18030(csv))
        return try await MemberStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    @Test func importsPeopleAndRegistrationsIdempotently() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            #expect(try await load(f, file, dryRun: true) == ImportSummary(inserted: 3))
            #expect(try await f.count("person") == 0)
            #expect(try await load(f, file) == ImportSummary(inserted: 3))
            #expect(try await f.count("person") == 2)
            #expect(try await load(f, file) == ImportSummary(unchanged: 3))
            // M1 leaves C02 and changes phone: one registration fewer, the person updated.
            let edited = """
                人员编号,姓名,手机号,身份证号,报到单位编号,报到社区编码,报到日期
                M1,张三,13900001111,11010519491231002X,U001,C01,2024-03-05
                """
            #expect(try await load(f, edited) == ImportSummary(updated: 1))
            #expect(try await f.count("duty_registration") == 2)
            await f.close()
        }
    }

    @Test func listsMaskEveryPieceOfPersonalData() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            _ = try await load(f, file)
            let page = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.list(MemberQuery(unit: "U002"), in: tx) }
            #expect(page.items.map(\.name) == ["张*", "欧阳**"])
            #expect(page.items.map(\.phone) == ["138****5678", nil])
            #expect(page.items.map(\.idCard) == ["1101************2X", nil])
            let json = String(decoding: try JSONEncoder().encode(page), as: UTF8.self)
            for secret in ["张三", "13812345678", "11010519491231002X", "欧阳娜娜"] { #expect(!json.contains(secret)) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.list(MemberQuery(orgCode: "C01"), in: tx) }.items.count == 1)
            let first = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.list(MemberQuery(limit: 2), in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.list(MemberQuery(after: first.nextCursor, limit: 2), in: tx) }.items.count == 1)
            let shown = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await UnitStore.show("U002", in: tx) }
            #expect(shown.unit.memberCount == 2)
            #expect(shown.members.map(\.name) == ["张*", "欧阳**"])
            // Not in the audit log either.
            let audit = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT string_agg(after::text, ' ') AS a FROM audit_log WHERE tenant_id = \(f.tenant) AND table_name = 'person'")[0]
                    .decode(String.self, "a")
            }
            #expect(!audit.contains("张三") && !audit.contains("13812345678"))
            let disclosed = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MemberStore.disclosures(in: tx) }
            #expect(disclosed.map(\.members) == [1, 2])
            await f.close()
        }
    }

    @Test func aFileWithErrorsWritesNothingAndNamesEveryError() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let bad = """
                external_id,name,phone,id_card,unit_external_id,community_code,registered_on
                M1,张三,13812345678,,U001,C01,2024-03-05
                M1,张四,13812345678,,U001,C02,2024-03-05
                M2,李四,,,U999,C01,2024-03-05
                M3,王五,,,U001,G01,2024-03-05
                M4,赵六,,,U001,C01,2024-03-05
                M4,赵六,,,U002,C01,2024-03-06
                M5,孙七,,,U001,C01,2024-13-01
                """
            let error = try await #require(throws: ImportRejected.self) { try await load(f, bad) }
            #expect(error.issues.issues.map(\.line) == [8, 3, 4, 5, 7])
            #expect(error.issues.issues.map(\.column) == ["registered_on", "name", "unit_external_id", "community_code", "community_code"])
            #expect(!error.description.contains("张四"))
            #expect(try await f.count("person") == 0)
            #expect(try await f.count("duty_registration") == 0)
            await f.close()
        }
    }
}
