import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryImport
import RegistryStore
import Testing

/// Two districts with the same lists: from A, B's units, members, resources and projects (and
/// every table behind them) are invisible and untouchable, through SQL and through the stores.
@Suite struct ProjectIsolationTests {
    private static let tables = [
        "unit", "unit_community", "person", "duty_registration", "resource", "resource_service_area", "resource_ledger",
        "project", "project_demand", "project_allocation", "project_milestone", "project_progress", "project_event",
    ]

    /// Fills a district: members, a project that drew and progressed, with a milestone.
    private func populate(_ f: ProjectFixture) async throws -> Int64 {
        let members = MemberFile.read(Data("external_id,name,unit_external_id,community_code,registered_on\nM1,张三,U001,C01,2024-03-05\n".utf8))
        _ = try await MemberStore.importRows(members.rows, on: f.database, tenant: f.tenant, actor: f.actor)
        let project = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(externalID: "P1", title: "修路", responsibleUnit: "U001", demands: ["D001"],
            allocations: [ProjectAllocationRequest(resource: "R001", quantity: "100")]), in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start("P1", in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report("P1", percent: 10, in: tx) }
        try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.addMilestone("P1", title: "开工", in: tx) }
        return project.project.id
    }

    /// The same district shape in B, filled the same way.
    private func twoDistricts(_ configuration: ConnectionConfiguration) async throws -> (ProjectFixture, ProjectFixture, Int64) {
        let a = try await ProjectFixture.make(configuration)
        let b = try await a.sibling()
        _ = try await UnitStore.importRows(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await UnitStore.exportRows(in: tx) }, on: b.database, tenant: b.tenant, actor: b.actor)
        _ = try await ResourceStore.importRows(try await a.database.withTenant(a.tenant, actor: a.actor, readOnly: true) { tx in try await ResourceStore.exportRows(in: tx) }, on: b.database, tenant: b.tenant, actor: b.actor)
        try await b.demand("D001", at: "G01", quantity: 500_000, unit: .yuan, state: .accepted)
        _ = try await populate(a)
        return (a, b, try await populate(b))
    }

    @Test func everyTableOfTheListsIsScopedToItsTenant() async throws {
        try await TestDatabase.withMigrated { configuration in
            let (a, b, _) = try await twoDistricts(configuration)
            let ids = try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in
                var ids: [String: [Int64]] = [:]
                for table in Self.tables {
                    ids[table] = try await tx.connection.query("SELECT id FROM \(identifier: table)").map { try $0.decode(Int64.self, "id") }
                }
                return ids
            }
            try await a.database.withTenant(a.tenant, actor: a.actor) { tx in
                for table in Self.tables {
                    let bIDs = try #require(ids[table])
                    #expect(!bIDs.isEmpty, "B has rows in \(table)")
                    // No WHERE clause: row-level security alone keeps B out.
                    let seen = try await tx.connection.query("SELECT tenant_id, id FROM \(identifier: table)")
                    #expect(!seen.isEmpty, "A has rows in \(table)")
                    #expect(try seen.allSatisfy { try $0.decode(UUID.self, "tenant_id") == a.tenant }, "\(table)")
                    // Numbers count per district, so a row is B's by its tenant and id together.
                    let theirs: SQL = "tenant_id = \(b.tenant) AND id = ANY(\(bIDs))"
                    #expect(try await tx.connection.query("SELECT 1 FROM \(identifier: table) WHERE \(theirs)").isEmpty, "\(table)")
                    #expect(try await tx.connection.execute("DELETE FROM \(identifier: table) WHERE \(theirs)") == 0, "\(table)")
                }
                for (table, assignment) in [("unit", "name = 'hijacked'"), ("resource", "title = 'hijacked'"),
                                            ("project", "status = 'cancelled', cancel_reason = 'x'"), ("person", "name = 'x'")] {
                    #expect(try await tx.connection.execute(
                        "UPDATE \(identifier: table) SET \(unsafeRaw: assignment) WHERE tenant_id = \(b.tenant)") == 0, "\(table)")
                }
            }
            // A cannot write a row into B, even one that points at B's own resource.
            let foreign = try await #require(throws: PostgresError.self) {
                try await a.database.withTenant(a.tenant, actor: a.actor) { tx in
                    try await tx.connection.execute("""
                        INSERT INTO resource_ledger (tenant_id, resource_id, kind, quantity) VALUES (\(b.tenant), \(ids["resource"]![0]), 'pledged', 1)
                        """)
                }
            }
            #expect(foreign.sqlState == "42501")
            // B is as it was.
            #expect(try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await UnitStore.show("U001", in: tx) }.unit.name == "县人民医院")
            #expect(try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await ProjectStore.show("P1", in: tx) }.project.status == .inProgress)
            await a.close()
        }
    }

    @Test func theStoresCannotReachAnotherTenantsRows() async throws {
        try await TestDatabase.withMigrated { configuration in
            let (a, b, _) = try await twoDistricts(configuration)
            // Numbers count per district: B's second project, third resource and fourth demand
            // are numbers A does not have (A has one project, two resources, three demands).
            _ = try await ResourceStore.importRows([
                ResourceImportRow(externalID: "R003", unitExternalID: "U001", title: "第三笔资金", category: "roads", kind: .funds, capacity: 1_000, measureUnit: .yuan),
            ], on: b.database, tenant: b.tenant, actor: b.actor)
            for demand in ["D007", "D008", "D009"] { try await b.demand(demand, at: "G01", quantity: 1, unit: .job, state: .accepted) }
            let projectOfB = try await b.database.withTenant(b.tenant, actor: b.actor) { tx in
                try await ProjectStore.create(ProjectDraft(externalID: "P2", title: "第二个", responsibleUnit: "U001", demands: ["D009"]), in: tx)
            }.project.id
            #expect(projectOfB == 2)
            let resourceOfB = try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await ResourceStore.show("R003", in: tx) }.resource.id
            #expect(resourceOfB == 3)
            let unitOfB = try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await UnitStore.show("U001", in: tx) }.unit.id
            let demandOfB = try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT id FROM demand WHERE tenant_id = \(b.tenant) AND external_id = 'D009'")[0].decode(Int64.self, "id")
            }
            let t = a.tenant, actor = a.actor
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor, readOnly: true) { tx in try await UnitStore.show("\(unitOfB)", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor, readOnly: true) { tx in try await ResourceStore.show("\(resourceOfB)", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor) { tx in try await ResourceStore.pledge("\(resourceOfB)", amount: 1, in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor) { tx in try await ResourceStore.withdraw("\(resourceOfB)", reason: "跨区", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor, readOnly: true) { tx in try await ProjectStore.show("\(projectOfB)", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor) { tx in try await ProjectStore.cancel("\(projectOfB)", reason: "x", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await a.database.withTenant(t, actor: actor) { tx in try await ProjectStore.report("\(projectOfB)", percent: 90, in: tx) } }
            await #expect(throws: RegistryStoreError.self) {
                try await a.database.withTenant(t, actor: actor) { tx in try await ProjectStore.create(ProjectDraft(title: "x", responsibleUnit: "U001", demands: ["\(demandOfB)"]), in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {
                try await a.database.withTenant(t, actor: actor) { tx in try await ProjectStore.create(ProjectDraft(title: "x", responsibleUnit: "U001", demands: ["D002"],
                    allocations: [ProjectAllocationRequest(resource: "\(resourceOfB)", quantity: "1")]), in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {
                try await a.database.withTenant(t, actor: actor, readOnly: true) { tx in try await MemberStore.list(MemberQuery(unit: "\(unitOfB)"), in: tx) }
            }
            // Lists and exports of A hold A's rows only.
            #expect(try await a.database.withTenant(t, actor: actor, readOnly: true) { tx in try await ResourceStore.list(ResourceQuery(), in: tx) }.items.allSatisfy { $0.id != resourceOfB })
            #expect(try await a.database.withTenant(t, actor: actor, readOnly: true) { tx in try await ProjectStore.exportRows(in: tx) }.count == 1)
            #expect(try await b.database.withTenant(b.tenant, actor: b.actor, readOnly: true) { tx in try await ProjectStore.show("P1", in: tx) }.progress.map(\.percent) == [10])
            await a.close()
        }
    }
}
