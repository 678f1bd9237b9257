import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct ResourceStoreTests {
    @Test func theDatabaseItselfRefusesAnOverdraw() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let project = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(
                ProjectDraft(title: "修路", responsibleUnit: "U001", demands: ["D001"]), in: tx) }.project.id
            // No Swift in the way: a plain INSERT as govreg_app, with the tenant set.
            let error = try await #require(throws: PostgresError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                    let role = try await tx.connection.query("SELECT current_user AS me")[0].decode(String.self, "me")
                    #expect(role == RegistryDatabase.applicationRole)
                    let resource = try await tx.connection.query("SELECT id FROM resource WHERE tenant_id = \(f.tenant) AND external_id = 'R001'")[0]
                        .decode(Int64.self, "id")
                    try await tx.connection.execute("""
                        INSERT INTO resource_ledger (tenant_id, resource_id, kind, quantity, project_id)
                        VALUES (\(f.tenant), \(resource), 'drawn', 1000001, \(project))
                        """)
                }
            }
            #expect(error.sqlState == "23514")
            #expect(error.message.contains("resource_remaining_check"))
            #expect(try await f.remaining("R001") == 1_000_000)
            // Nor can the application write remaining (or pledged) past the ledger by hand.
            let direct = try await #require(throws: PostgresError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                    try await tx.connection.execute("UPDATE resource SET remaining = -1 WHERE tenant_id = \(f.tenant) AND external_id = 'R001'")
                }
            }
            #expect(direct.sqlState == "23514")
            await f.close()
        }
    }

    @Test func creatingPledgesTheCapacityAsTheFirstLedgerEntry() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let created = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.create(
                ResourceImportRow(externalID: "", unitExternalID: "U002", title: "会议室开放", category: "culture", kind: .venue,
                                  capacity: 12, measureUnit: .sessions, status: .offered), in: tx) }
            #expect(created.resource.externalID == "GR-R\(created.resource.id)")
            #expect(created.ledger.map(\.kind) == [.pledged])
            #expect(created.ledger.map(\.quantity) == [12])
            #expect(created.resource.remaining == 12)
            #expect(created.resource.status == .offered)
            // Offered: not yet drawable. Confirming makes it available; a pledge adds to it.
            await #expect(throws: InvalidFields.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(title: "活动", responsibleUnit: "U002", demands: ["D002"],
                    allocations: [ProjectAllocationRequest(resource: "\(created.resource.id)", quantity: "1")]), in: tx) }
            }
            let key = created.resource.externalID!
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.confirm(key, in: tx) }.resource.status == .available)
            let pledged = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.pledge(key, amount: 8, note: "追加", in: tx) }
            #expect(pledged.resource.pledged == 20)
            #expect(pledged.resource.remaining == 20)
            // Withdrawal is final: it needs a reason, kept with who withdrew it and when.
            let blank = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.withdraw(key, reason: "  ", in: tx) }
            }
            #expect(blank.code == .reasonRequired && blank.field == "reason")
            let withdrawn = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await ResourceStore.withdraw(key, reason: "单位撤出共建", in: tx)
            }
            #expect(withdrawn.resource.status == .withdrawn)
            #expect(withdrawn.withdrawal?.reason == "单位撤出共建" && withdrawn.withdrawal?.actor == f.actor)
            let refused = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ResourceStore.pledge(key, amount: 1, in: tx) }
            }
            #expect(refused.code == .notAllowedInState)
            // The ledger replays under the domain's rules to the same remaining.
            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show(key, in: tx) }
            let entries = detail.ledger.map { LedgerEntry(kind: $0.kind, amount: $0.quantity, project: $0.projectID.map { ProjectID(rawValue: $0) }, at: $0.at) }
            #expect(try ResourceLedger(measureUnit: .sessions, entries: entries).remaining == detail.resource.remaining)
            await f.close()
        }
    }

    @Test func theServiceAreaDefaultsToTheUnitsCommunities() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let r001 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }
            #expect(r001.serviceAreaIsDefault)
            #expect(r001.effectiveServiceArea.map(\.code) == ["C01"])
            let r002 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R002", in: tx) }
            #expect(!r002.serviceAreaIsDefault)
            #expect(r002.effectiveServiceArea.map(\.code) == ["C02"])
            // Matching's question: which resources may serve a demand raised here?
            let grid = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.resourceIDs(serving: "G01", in: tx) }
            #expect(grid == [r001.resource.id])
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.resourceIDs(serving: "C02", in: tx) } == [r002.resource.id])
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.resourceIDs(serving: "T02", in: tx) }.isEmpty)
            await f.close()
        }
    }

    @Test func listsFilterAndPage() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let ids = { (query: ResourceQuery) in try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.list(query, in: tx) }.items.compactMap(\.externalID) }
            #expect(try await ids(ResourceQuery()) == ["R002", "R001"])
            let first = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.list(ResourceQuery(limit: 1), in: tx) }
            #expect(first.items.map(\.externalID) == ["R002"])
            #expect(try await ids(ResourceQuery(after: first.nextCursor, limit: 1)) == ["R001"])
            #expect(try await ids(ResourceQuery(category: "道路交通")) == ["R001"])
            #expect(try await ids(ResourceQuery(kind: .volunteerHours)) == ["R002"])
            #expect(try await ids(ResourceQuery(unit: "U001")) == ["R001"])
            #expect(try await ids(ResourceQuery(orgCode: "G01")) == ["R001"])
            #expect(try await ids(ResourceQuery(orgCode: "T01")) == ["R002", "R001"])
            #expect(try await ids(ResourceQuery(orgCode: "T02")) == [])
            #expect(try await ids(ResourceQuery(status: .exhausted)) == [])
            await #expect(throws: RegistryStoreError.notFound(kind: "org unit 组织", key: "NOPE")) {
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.list(ResourceQuery(orgCode: "NOPE"), in: tx) }
            }
            await f.close()
        }
    }

    @Test func amountsAreWrittenInTheResourcesUnit() throws {
        #expect(ResourceStore.amountText(150_005, in: .yuan) == "1500.05")
        #expect(ResourceStore.amountText(40, in: .sessions) == "40")
    }
}
