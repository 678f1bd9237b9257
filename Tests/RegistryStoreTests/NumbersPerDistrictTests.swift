import Foundation
import GovregTestSupport
import Matching
import Postgres
import Registry
import RegistryStore
import Testing

/// The numbers people see (demand, resource, project and run numbers, and the GR- external
/// ids made of them) count per district, from 1, without gaps.
@Suite struct NumbersPerDistrictTests {
    @Test func aSecondDistrictCountsFromOneWhateverTheFirstHolds() async throws {
        try await TestDatabase.withMigrated { configuration in
            let first = try await ProjectFixture.make(configuration)
            defer { Task { await first.close() } }
            let firstRun = try await MatchingStore.run(MatchingRequest(), on: first.database, tenant: first.tenant, actor: first.actor)
            #expect(firstRun.id == 1)
            #expect(try await MatchingStore.accept(1, on: first.database, tenant: first.tenant, actor: first.actor).projects == ["GR-P1", "GR-P2"])

            let second = try await first.sibling()
            _ = try await UnitStore.importRows(
                [UnitImportRow(externalID: "U001", name: "城关小学", kind: .school, communityCodes: ["C01"])],
                on: second.database, tenant: second.tenant, actor: second.actor)
            _ = try await ResourceStore.importRows([
                ResourceImportRow(externalID: "", unitExternalID: "U001", title: "道路维修资金", category: "roads", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
            ], on: second.database, tenant: second.tenant, actor: second.actor)
            try await second.demand("D001", at: "G01", quantity: 500_000, unit: .yuan, state: .accepted)
            let numbers = try await second.database.withTenant(second.tenant, actor: second.actor, readOnly: true) { tx in
                let row = try await tx.connection.query("""
                    SELECT (SELECT id FROM demand WHERE external_id = 'D001') AS demand,
                           (SELECT external_id FROM resource) AS resource
                    """)[0]
                return (try row.decode(Int64.self, "demand"), try row.decode(String.self, "resource"))
            }
            #expect(numbers.0 == 1 && numbers.1 == "GR-R1")
            let secondRun = try await MatchingStore.run(MatchingRequest(), on: second.database, tenant: second.tenant, actor: second.actor)
            #expect(secondRun.id == 1)
            #expect(try await MatchingStore.accept(1, on: second.database, tenant: second.tenant, actor: second.actor).projects == ["GR-P1"])
            // The first district's run #1 is still its own.
            #expect(try await first.database.withTenant(first.tenant, actor: first.actor, readOnly: true) { tx in
                try await MatchingStore.show(1, in: tx)
            }.run.demands == 2)
        }
    }

    @Test func whatIsRolledBackGivesItsNumbersBack() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let preview = try await MatchingStore.accept(run.id!, dryRun: true, on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(preview.projects == ["GR-P1", "GR-P2"])
            #expect(try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor).projects == ["GR-P1", "GR-P2"])
            // A refused demand (its external id is taken) takes no number either.
            await #expect(throws: (any Error).self) { try await f.demand("D001", at: "G01", quantity: 1, unit: .job, state: .accepted) }
            try await f.demand("D004", at: "G01", quantity: 1, unit: .job, state: .accepted)
            let ids = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT id FROM demand ORDER BY id").map { try $0.decode(Int64.self, "id") }
            }
            #expect(ids == [1, 2, 3, 4])
        }
    }

    @Test func anImportNumbersItsNewRowsInLineOrderAndKeepsStoredOnes() async throws {
        try await DemandFixture.with { f in
            try await f.file(try f.draft("先登记的"))
            #expect(try await f.importFile(Data(demandSampleCSV.utf8)) == DemandImportSummary(inserted: 3))
            // Again, with one row changed and one added: the stored rows keep their numbers.
            let changed = demandSampleCSV.replacingOccurrences(of: "楼道灯不亮", with: "楼道灯坏了")
                + "D004,新增一条,,housing_repair,G11,网格上报,1,job,,,,,,,\r\n"
            #expect(try await f.importFile(Data(changed.utf8)) == DemandImportSummary(inserted: 1, updated: 1, unchanged: 2))
            let numbers = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT id, external_id FROM demand ORDER BY id").map {
                    "\(try $0.decode(Int64.self, "id")) \(try $0.decode(String.self, "external_id"))"
                }
            }
            #expect(numbers == ["1 GR-D1", "2 D001", "3 D002", "4 D003", "5 D004"])
        }
    }
}
