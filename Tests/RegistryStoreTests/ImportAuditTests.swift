import Crypto
import Foundation
import Postgres
import Registry
import RegistryImport
import RegistryStore
import Testing

/// An import is audited as one batch (migration 0030): one record of who loaded which file,
/// the new demands tagged with it and their line; single-record changes keep their per-row
/// audit, and so do the changes an import makes.
@Suite struct ImportAuditTests {
    @Test func anImportedDemandsOriginAndLaterEditsAreInItsAuditTrail() async throws {
        try await DemandFixture.with { f in
            let data = Data(demandSampleCSV.utf8)
            var file = DemandFile(data: data, fileName: "/home/clerk/需求 2024.csv", channels: f.database.modules.sourceChannels)
            let summary = try await DemandStore.importRows(&file, on: f.database, tenant: f.tenant, actor: "cli:wang")
            let importID = try #require(summary.importID)
            #expect(summary.inserted == 3)

            let batch = try #require(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await ImportBatchStore.find(importID, in: tx)
            })
            #expect(batch.origin == ImportOrigin(fileName: "需求 2024.csv", sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), byteCount: data.count))
            #expect(batch.actor == "cli:wang" && batch.list == "demands" && batch.rows == 3 && batch.inserted == 3 && batch.updated == 0)
            #expect(batch.options == ["encoding": "utf8"])
            // No per-row audit entry for the rows the import created: the batch record stands for them.
            let inserts = try await f.database.operatorPool.query("""
                SELECT count(*) AS n FROM audit_log WHERE tenant_id = \(f.tenant) AND table_name = 'demand' AND action = 'insert'
                """)[0].decode(Int.self, "n")
            #expect(inserts == 0)

            // D003 starts on line 4 of the file (its description spans two lines).
            let d003 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.id(of: "D003", in: tx) }
            var trail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await AuditTrail.demand(d003, in: tx) }
            #expect(trail.count == 1)
            #expect(trail.first?.action == .imported && trail.first?.importID == importID && trail.first?.line == 4)
            #expect(trail.first?.actor == "cli:wang" && trail.first?.origin?.fileName == "需求 2024.csv")

            // A later single-record edit keeps its per-row audit.
            try await f.database.withTenant(f.tenant, actor: "api:li") { tx in
                _ = try await DemandStore.revise(d003, DemandRevision(title: "老年日间照料（扩大）"), expectedVersion: nil, in: tx)
            }
            // A second file changes D003 again: audited per row, naming that import and line.
            let edited = demandSampleCSV.replacingOccurrences(of: "老年日间照料", with: "老年日间照料服务")
            var second = DemandFile(data: Data(edited.utf8), fileName: "v2.csv", channels: f.database.modules.sourceChannels)
            let again = try await DemandStore.importRows(&second, on: f.database, tenant: f.tenant, actor: "cli:zhao")
            #expect(again.updated == 1 && again.unchanged == 2)
            trail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await AuditTrail.demand(d003, in: tx) }
            #expect(trail.map(\.action) == [.imported, .update, .update])
            #expect(trail[0].importID == importID && trail[0].line == 4)   // still the creating import, though the row now names the second
            #expect(trail[1].actor == "api:li" && trail[1].importID == nil && trail[1].changed == ["title"])
            #expect(trail[2].actor == "cli:zhao" && trail[2].importID == again.importID && trail[2].line == 4)
            #expect(trail[2].origin?.fileName == "v2.csv" && trail[2].changed == ["title"])

            let listed = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ImportBatchStore.list(in: tx) }
            #expect(listed.map(\.id) == [try #require(again.importID), importID])
            #expect(listed.first?.updated == 1 && listed.first?.unchanged == 2)
        }
    }

    @Test func aDryRunLeavesNoRecordAndUsesNoImportNumber() async throws {
        try await DemandFixture.with { f in
            var file = DemandFile(data: Data(demandSampleCSV.utf8), fileName: "a.csv", channels: f.database.modules.sourceChannels)
            let dry = try await DemandStore.importRows(&file, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: true)
            #expect(dry.importID == nil && dry.inserted == 3)
            #expect(try await f.total("import_batch") == 0)
            var real = DemandFile(data: Data(demandSampleCSV.utf8), fileName: "a.csv", channels: f.database.modules.sourceChannels)
            #expect(try await DemandStore.importRows(&real, on: f.database, tenant: f.tenant, actor: f.actor).importID == 1)
        }
    }

    /// Outside an import every new demand has its insert entry (a filed demand had none before
    /// migration 0039: the untagged row was taken for the transaction's own import).
    @Test func aDemandFiledOutsideAnImportIsAudited() async throws {
        try await DemandFixture.with { f in
            let id = try await f.file(try f.draft("路灯坏了"))
            let audited = try await f.database.operatorPool.query("""
                SELECT actor, after->>'title' AS title FROM audit_log
                WHERE tenant_id = \(f.tenant) AND table_name = 'demand' AND action = 'insert' AND row_id = \(id.rawValue)
                """).map { "\(try $0.decode(String.self, "actor")) \(try $0.decode(String.self, "title"))" }
            #expect(audited == ["\(f.actor) 路灯坏了"])
        }
    }

    @Test func aRowCannotSkipItsAuditByCarryingATag() async throws {
        try await DemandFixture.with { f in
            // As the application: a demand written with some import's tag outside that import.
            try await f.database.withTenant(f.tenant, actor: "api:mallory") { tx in
                // the place looked up first, the row given as values: the store's own shape,
                // the one Citus sends to the district's shard
                let place = try await tx.connection.query("SELECT id FROM org_unit WHERE tenant_id = \(f.tenant) AND code = 'G11'")[0]
                    .decode(Int64.self, "id")
                try await tx.connection.execute("""
                    INSERT INTO demand (tenant_id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, import_id, import_line)
                    VALUES (\(f.tenant), '伪造', 'housing_repair', \(place), 'other', 1, 'job', 7, 1)
                    """)
            }
            let audited = try await f.database.operatorPool.query("""
                SELECT actor FROM audit_log WHERE tenant_id = \(f.tenant) AND table_name = 'demand' AND action = 'insert'
                  AND after->>'title' = '伪造'
                """).map { try $0.decode(String.self, "actor") }
            #expect(audited == ["api:mallory"])
            // And the batch records are append-only for the application: no update outside its own import.
            await #expect(throws: PostgresError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                    try await tx.connection.execute("UPDATE import_batch SET actor = 'x' WHERE tenant_id = \(f.tenant)")
                }
            }
        }
    }
}
