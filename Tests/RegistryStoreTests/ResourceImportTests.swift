import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct ResourceImportTests {
    private let header = "external_id,unit_external_id,title,category,kind,capacity,measure_unit,service_area,status\n"

    private func load(_ f: ProjectFixture, _ csv: String, dryRun: Bool = false) async throws -> ImportSummary {
        let (rows, issues) = ResourceFile.read(Data(csv.utf8))
        return try await ResourceStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    @Test func aLargerCapacityIsPledgedOnTopAndHistoryIsNeverRewritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let file = header + "R001,U001,道路维修资金,roads,funds,10000,yuan,,\nR002,U002,志愿服务,养老服务,volunteer_hours,100,志愿服务时长,C02,\n"
            #expect(try await load(f, file) == ImportSummary(unchanged: 2))
            let raised = header + "R001,U001,道路维修资金,roads,funds,12000.50,yuan,,\nR002,U002,志愿服务,elderly_care,volunteer_hours,100,volunteer_hours,C01;C02,\n"
            #expect(try await load(f, raised, dryRun: true) == ImportSummary(updated: 2))
            #expect(try await f.remaining("R001") == 1_000_000)
            #expect(try await load(f, raised) == ImportSummary(updated: 2))
            let r001 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }
            #expect(r001.ledger.map(\.kind) == [.pledged, .pledged])
            #expect(r001.ledger.map(\.quantity) == [1_000_000, 200_050])
            #expect(r001.ledger[1].note?.contains("10000.00") == true)
            #expect(r001.resource.pledged == 1_200_050)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R002", in: tx) }.effectiveServiceArea.map(\.code) == ["C01", "C02"])
            #expect(try await load(f, raised) == ImportSummary(unchanged: 2))
            // Lower, or in another unit: refused with the line; nothing written.
            let lowered = header + "R001,U001,道路维修资金,roads,funds,9000,yuan,,\nR002,U002,志愿服务,elderly_care,volunteer_hours,100,sessions,,\n"
            let error = try await #require(throws: ImportRejected.self) { try await load(f, lowered) }
            #expect(error.issues.issues.map(\.line) == [2, 3])
            #expect(error.issues.issues.map(\.column) == ["capacity", "measure_unit"])
            #expect(error.issues.issues[0].reason.contains("¥12,000.50"))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }.resource.pledged == 1_200_050)
            await f.close()
        }
    }

    @Test func statusesFollowTheLedgerAndAWithdrawalIsFinal() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(title: "修路", responsibleUnit: "U001", demands: ["D001"],
                allocations: [ProjectAllocationRequest(resource: "R001", quantity: "10000")]), in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }.resource.status == .exhausted)
            // "available" in the file for an exhausted resource: the ledger decides, nothing changes.
            #expect(try await load(f, header + "R001,U001,道路维修资金,roads,funds,10000,yuan,,available\n") == ImportSummary(unchanged: 1))
            #expect(try await load(f, header + "R001,U001,道路维修资金,roads,funds,10000,yuan,,withdrawn\n") == ImportSummary(updated: 1))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }.resource.status == .withdrawn)
            let error = try await #require(throws: ImportRejected.self) {
                try await load(f, header + "R001,U001,道路维修资金,roads,funds,10000,yuan,,available\n")
            }
            #expect(error.issues.issues.map(\.column) == ["status"])
            await f.close()
        }
    }

    @Test func aFileWithErrorsWritesNothingAndNamesEveryError() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let before = (try await f.count("resource"), try await f.count("resource_ledger"), try await f.count("audit_log"))
            let bad = header + """
                R010,U999,a,roads,funds,100,yuan,,
                R011,U001,b,potholes,funds,100,yuan,,
                R012,U001,c,roads,funds,100,yuan,C01;X9,
                R013,U001,d,roads,funds,-5,yuan,,
                R014,U001,e,roads,funds,100,yuan,,
                R014,U001,f,roads,funds,100,yuan,,

                """
            let error = try await #require(throws: ImportRejected.self) { try await load(f, bad) }
            #expect(error.issues.issues.map(\.line) == [5, 2, 3, 4, 7])
            #expect(error.issues.issues.map(\.column) == ["capacity", "unit", "category", "service_area", "external_id"])
            #expect(error.issues.issues.map(\.value) == ["-¥5.00", "U999", "potholes", "X9", "R014"])
            let after = (try await f.count("resource"), try await f.count("resource_ledger"), try await f.count("audit_log"))
            #expect(after == before)
            await f.close()
        }
    }
}
