import Foundation
import GovregTestSupport
import ListMatching
import Postgres
import Registry
import RegistryStore
import Testing

/// What accepting a run writes, row by row, now that it is written a statement per table:
/// the numbers and names of the projects, every draw, one move of each resource, and an
/// audit entry for every row (migration 0031).
@Suite struct MatchingAcceptanceRowsTests {
    @Test func everyRowIsWrittenAndAuditedAndProjectNamesStepAroundOnesTaken() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            // R001 (1,000,000 fen) serves D001 and D004 whole: two draws on it in one statement.
            try await f.demand("D004", at: "G01", quantity: 500_000, unit: .yuan, state: .accepted)
            // A project imported from elsewhere already uses the name the first accepted
            // project would get (GR-P<its number>).
            let last = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await tx.connection.query("""
                    SELECT coalesce((SELECT last FROM tenant_number WHERE tenant_id = \(f.tenant) AND list = 'project'), 0) AS last
                    """)[0].decode(Int64.self, "last")
            }
            let unit = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await tx.connection.query("SELECT id FROM unit WHERE tenant_id = \(f.tenant) AND external_id = 'U001'")[0].decode(Int64.self, "id")
            }
            try await f.execute("""
                INSERT INTO project (tenant_id, external_id, title, responsible_unit_id)
                VALUES (\(f.tenant), \("GR-P\(last + 2)"), '旧项目', \(unit))
                """)
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let auditBefore = try await f.scalar("SELECT coalesce(max(id), 0) AS n FROM audit_log WHERE tenant_id = \(f.tenant)")
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            // One block of the district's numbers, in demand order (D001, D002, D004); the
            // taken name gets its suffix (migration 0013).
            #expect(accepted.projects == ["GR-P\(last + 2)-2", "GR-P\(last + 3)", "GR-P\(last + 4)"])
            #expect(accepted.created.map(\.externalID) == accepted.projects)
            #expect(accepted.drawn == [.yuan: 1_000_000, .volunteerHours: 40])
            #expect(try await f.remaining("R001") == 0)
            #expect(try await f.text("SELECT status AS n FROM resource WHERE tenant_id = \(f.tenant) AND external_id = 'R001'") == "exhausted")
            #expect(try await f.remaining("R002") == 60)
            #expect(try await f.scalar("""
                SELECT count(*) AS n FROM resource_ledger l JOIN project p ON p.tenant_id = l.tenant_id AND p.id = l.project_id
                WHERE l.tenant_id = \(f.tenant) AND l.kind = 'drawn' AND p.id BETWEEN \(last + 2) AND \(last + 4)
                """) == 3)
            #expect(try await f.scalar("""
                SELECT count(*) AS n FROM matching_acceptance a JOIN project p ON p.tenant_id = a.tenant_id AND p.id = a.project_id
                JOIN project_demand pd ON pd.tenant_id = p.tenant_id AND pd.project_id = p.id
                WHERE a.tenant_id = \(f.tenant) AND a.run_id = \(run.id!)
                """) == 3)

            // An audit entry per row written: inserts of every new row, one update per demand
            // moved and one per resource drawn on (R001 once, for both its draws), none for
            // the projects (named in their INSERT, not renamed after it).
            let entries = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("""
                    SELECT table_name || ' ' || action AS entry, count(*) AS n FROM audit_log
                    WHERE tenant_id = \(f.tenant) AND id > \(auditBefore) GROUP BY 1
                    """).reduce(into: [String: Int]()) { $0[try $1.decode(String.self, "entry")] = try $1.decode(Int.self, "n") }
            }
            #expect(entries == [
                "project insert": 3, "project_demand insert": 3, "project_allocation insert": 3, "resource_ledger insert": 3,
                "resource update": 2, "demand update": 3, "demand_event insert": 3, "matching_acceptance insert": 3,
                "matching_run update": 1,
            ])
            #expect(try await f.scalar("""
                SELECT count(*) AS n FROM audit_log WHERE tenant_id = \(f.tenant) AND id > \(auditBefore) AND table_name = 'project'
                    AND after ->> 'external_id' LIKE 'GR-P%' AND after ->> 'status' = 'planned'
                """) == 3)
            #expect(try await f.scalar("""
                SELECT count(*) AS n FROM audit_log WHERE tenant_id = \(f.tenant) AND id > \(auditBefore) AND table_name = 'demand'
                    AND before ->> 'state' = 'accepted' AND after ->> 'state' = 'in_project'
                """) == 3)
            #expect(try await f.scalar("""
                SELECT count(*) AS n FROM audit_log WHERE tenant_id = \(f.tenant) AND id > \(auditBefore) AND table_name = 'resource'
                    AND (before ->> 'remaining')::bigint - (after ->> 'remaining')::bigint IN (1000000, 40)
                """) == 2)
        }
    }

    @Test func ledgerLinesWrittenTogetherAreCheckedOnWhatTheyComeTo() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            // D002's project holds 40 of R002's 100 hours; 60 remain.
            let project = try await f.scalar("SELECT id AS n FROM project WHERE tenant_id = \(f.tenant) AND external_id = \(accepted.projects[1])")
            let resource = try await f.scalar("SELECT id AS n FROM resource WHERE tenant_id = \(f.tenant) AND external_id = 'R002'")
            // Several rows in one statement, as multi-row VALUES (the store's shape for Citus).
            let lines = { (kind: String, quantities: [Int64]) async throws in
                try await f.execute("INSERT INTO resource_ledger (tenant_id, resource_id, kind, quantity, project_id) VALUES "
                    + SQL.joined(quantities.map { "(\(f.tenant), \(resource), \(kind), \($0), \(project))" }, separator: ", "))
            }
            // Two draws of 40: each fits, together they overdraw.
            let overdraw = await #expect(throws: PostgresError.self) { try await lines("drawn", [40, 40]) }
            #expect(overdraw?.sqlState == "23514")
            // Two returns of 30: each fits in the 40 held, together they do not.
            let overReturn = await #expect(throws: PostgresError.self) { try await lines("returned", [30, 30]) }
            #expect(overReturn?.sqlState == "23514")
            #expect(try await f.remaining("R002") == 60)
            // Draws to nothing: exhausted; a return: available again.
            try await lines("drawn", [50, 10])
            #expect(try await f.remaining("R002") == 0)
            #expect(try await f.text("SELECT status AS n FROM resource WHERE tenant_id = \(f.tenant) AND external_id = 'R002'") == "exhausted")
            try await lines("returned", [70, 30])
            #expect(try await f.remaining("R002") == 100)
            #expect(try await f.text("SELECT status AS n FROM resource WHERE tenant_id = \(f.tenant) AND external_id = 'R002'") == "available")
        }
    }
}

extension ProjectFixture {
    /// The integer column `n` of the first row of `sql`, in the fixture's tenant.
    func scalar(_ sql: SQL) async throws -> Int64 {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await tx.connection.query(sql)[0].decode(Int64.self, "n") }
    }

    /// The text column `n` of the first row of `sql`, in the fixture's tenant.
    func text(_ sql: SQL) async throws -> String {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await tx.connection.query(sql)[0].decode(String.self, "n") }
    }
}
