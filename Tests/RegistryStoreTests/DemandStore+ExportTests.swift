import Foundation
import Postgres
import Registry
import RegistryImport
import RegistryStore
import Testing

extension DemandFixture {
    /// The demand list as `govreg export demands` writes it.
    func exportCSV(chinese: Bool = false, pageSize: Int = 2) async throws -> Data {
        let file = DemandExportFile(chinese: chinese)
        var data = file.header
        try await database.withTenant(tenant, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in try await DemandStore.export( pageSize: pageSize, in: tx) { data.append(file.rows($0)) } }
        return data
    }

    /// Every exported row, without its tenant-specific id.
    func exportedRows() async throws -> [DemandExportRow] {
        var rows: [DemandExportRow] = []
        try await database.withTenant(tenant, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in try await DemandStore.export(in: tx) { rows += $0 } }
        return rows.map { row in
            var row = row
            row.id = 0
            return row
        }
    }
}

@Suite struct DemandStoreExportTests {
    @Test func anExportImportsIntoAnEmptyDistrictUnchanged() async throws {
        try await DemandFixture.with { f in
            _ = try await f.importFile(Data(demandSampleCSV.utf8))
            let filed = try await f.file(try f.draft("没有编号的需求", at: "C2", quantity: try Quantity(Money.yuan(88))))
            // A demand written by other code without an external id (as before external ids were given).
            let bare = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                // The org unit first: Citus plans no subquery in INSERT … VALUES.
                let orgUnit = try await tx.connection.query("SELECT id FROM org_unit WHERE tenant_id = \(f.tenant) AND code = 'S2'")
                    .first?.decode(Int64.self, "id")
                return DemandID(try await tx.connection.query("""
                    INSERT INTO demand (tenant_id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, state)
                    VALUES (\(f.tenant), '无编号', 'roads', \(orgUnit), 'other', 3, 'items', 'accepted')
                    RETURNING id
                    """)[0].decode(Int64.self, "id"))
            }
            let road = try #require(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items.first { $0.externalID == "D002" })
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(road.id, to: .accepted, visibility: .public, in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.escalate(road.id, to: .community, reason: "需社区协调", in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(road.id, to: .resolved, visibility: .public, in: tx) }
            let original = try await f.exportedRows()
            // Levels travel too: handed up to the community, and settled there.
            let settled = try #require(original.first { $0.externalID == "D002" })
            #expect(settled.escalationLevel == .community && settled.settledLevel == .community)
            #expect(original.count == 5)
            #expect(original.contains { $0.externalID == "GR-D\(filed)" } && original.contains { $0.externalID == "GR-D\(bare)" })

            for (index, chinese) in [false, true].enumerated() {
                let csv = try await f.exportCSV(chinese: chinese)
                #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
                let copy = try await f.sibling(["shangjie", "lingwu"][index], ["410106", "640181"][index])
                #expect(try await copy.importFile(csv) == DemandImportSummary(inserted: 5))
                #expect(try await copy.exportedRows() == original, "chinese header: \(chinese)")
            }

            // Back into the district it came from: nothing changes, and the demand stored
            // without an external id takes the one the export gave it instead of being copied.
            #expect(try await f.importFile(try await f.exportCSV()) == DemandImportSummary(unchanged: 5))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(filed, in: tx) }.demand.externalID == "GR-D\(filed)")
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(bare, in: tx) }.demand.externalID == "GR-D\(bare)")
            #expect(try await f.exportedRows() == original)
        }
    }

    @Test func thePublicProjectionCarriesNoPersonalDataOrInternalText() async throws {
        try await DemandFixture.with { f in
            let resident = try await f.resident(name: "王小明", phone: "13800001111")
            let shown = try await f.file(try f.draft("健身器材损坏", at: "G21", externalID: "SECRET-EXT-1", isPublic: true, reporter: resident))
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(
                shown, to: .accepted, note: "内部备注：王小明反映", visibility: .internal, in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(shown, to: .matched, note: "已安排维修", visibility: .public, in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.escalate(shown, to: .community, reason: "需社区出资", in: tx) }
            let hidden = try await f.file(try f.draft("不公示的需求", isPublic: false))
            let draft = try await f.file(try f.draft("公示的草稿", isPublic: true), submit: false)
            let rejected = try await f.file(try f.draft("被驳回的需求", isPublic: true))
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(
                rejected, to: .rejected, note: "已转交县住建局", reason: "内部理由：不归社区管",
                visibility: .public, in: tx) }

            var demands: [PublicDemand] = []
            let file = PublicDemandExportFile(chinese: true)
            var csv = file.header
            try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true, isolation: .repeatableRead) { tx in try await DemandStore.exportPublic(in: tx) {
                demands += $0
                csv.append(file.rows($0))
            } }
            #expect(demands.map(\.id) == [shown, rejected])
            #expect(!demands.map(\.id).contains(hidden) && !demands.map(\.id).contains(draft))
            let first = demands[0]
            #expect(first.publicStatus == .inProgress && first.orgUnitName == "滨河一网格")
            #expect(first.history.map(\.status) == [.received, .inProgress])
            #expect(first.history.flatMap(\.notes) == ["已安排维修"])
            #expect(demands[1].publicStatus == .notTakenUp && demands[1].history.last?.notes == ["已转交县住建局"])
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.publicDemand(shown, in: tx) } == first)
            await #expect(throws: RegistryStoreError.self) { try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.publicDemand(hidden, in: tx) } }

            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            for text in [String(decoding: csv, as: UTF8.self), String(decoding: try encoder.encode(demands), as: UTF8.self)] {
                for secret in ["王小明", "13800001111", "SECRET-EXT-1", "内部", "需社区出资", "test:demands", "matched", "rejected"] {
                    #expect(!text.contains(secret), "the public export shows \(secret)")
                }
            }
            #expect(String(decoding: csv, as: UTF8.self).contains("办理中"))
        }
    }
}
