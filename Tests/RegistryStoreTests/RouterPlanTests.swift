import Disclosure
import Foundation
import GovregTestSupport
import RegistryImport
import Postgres
import Registry
import RegistryStore
import Testing

/// On a Citus cluster (`scripts/test --citus`), a district's everyday statements each go to
/// the one shard that holds the district (a router plan): intake, the list under its filters,
/// the detail, a transition, an import, a matching run and the quarter's report. `govreg_app` runs here with
/// `citus.multi_task_query_log_level = error`, so a statement Citus plans over several
/// shards fails the operation; the first test shows that it does.
@Suite(.enabled(if: TestDatabase.onCitus, "needs a Citus cluster (scripts/test --citus)"))
struct RouterPlanTests {
    static let actor = "test:router"

    /// A migrated database with two districts (so that other shards hold rows too), where
    /// `govreg_app`'s later sessions refuse multi-shard statements; `body` gets a fresh pool.
    static func withDistricts(_ body: (RegistryDatabase, UUID) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { configuration in
            let setup = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([]))
            let tenant: UUID
            do {
                tenant = try await TestDistrict.create("langao", "610925", in: setup, actor: actor)
                _ = try await TestDistrict.create("pingli", "610926", in: setup, actor: actor)
                await setup.close()
            } catch {
                await setup.close()
                throw error
            }
            try await Connection.with(TestDatabase.directly(configuration)) { owner in
                let name = try await owner.query("SELECT current_database() AS name")[0].decode(String.self, "name")
                try await owner.execute("ALTER ROLE govreg_app IN DATABASE \(identifier: name) SET citus.multi_task_query_log_level = 'error'")
            }
            let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([]))
            do {
                try await body(database, tenant)
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    static func draft(_ title: String, at org: String = "G11") throws -> DemandDraft {
        DemandDraft(title: title, category: "housing_repair", orgCode: org, sourceChannel: .gridReport, quantity: try Quantity(1, .job))
    }

    @Test func aStatementOverEveryShardIsRefused() async throws {
        try await Self.withDistricts { database, tenant in
            await #expect(throws: PostgresError.self) {
                try await database.withTenant(tenant, actor: Self.actor, readOnly: true) { tx in
                    // no tenant_id filter: Citus plans it over every shard of demand
                    try await tx.connection.query("SELECT count(*) AS n FROM demand")
                }
            }
        }
    }

    @Test func aDistrictsDayStaysOnItsShard() async throws {
        try await Self.withDistricts { database, tenant in
            let caller = DemandIntake.Caller(tenant: tenant, actor: Self.actor, account: 0, key: nil, requestHash: nil, subtreeRoot: nil)
            guard case .filed(let detail) = try await DemandIntake.file(try Self.draft("楼道灯不亮"), submit: true, by: caller, on: database) else {
                Issue.record("the intake did not file")
                return
            }
            let filed = detail.demand
            try await database.withTenant(tenant, actor: Self.actor, readOnly: true) { tx in
                for filter in [
                    DemandFilter(), DemandFilter(state: .submitted), DemandFilter(category: "housing_repair"),
                    DemandFilter(under: "C1"), DemandFilter(search: "楼道"), DemandFilter(open: true),
                ] {
                    let page = try await DemandStore.list(filter, in: tx)
                    #expect(page.items.map(\.id) == [filed.id])
                }
                let detail = try await DemandStore.get(filed.id, in: tx)
                #expect(detail.demand.title == "楼道灯不亮")
            }
            try await database.withTenant(tenant, actor: Self.actor) { tx in
                try await DemandStore.transition(filed.id, to: .accepted, visibility: .internal, in: tx)
            }
            // the sample's bench talk channel (板凳会) is a module's, and no module is on here
            let sample = demandSampleCSV.replacingOccurrences(of: "板凳会", with: "网格上报")
            var file = DemandFile(data: Data(sample.utf8), channels: database.modules.sourceChannels)
            let imported = try await DemandStore.importRows(&file, on: database, tenant: tenant, actor: Self.actor)
            #expect(imported.inserted == 3)
            let run = try await MatchingStore.run(MatchingRequest(dryRun: true), on: database, tenant: tenant, actor: Self.actor)
            #expect(run.demands >= 1)
            // and the quarter's report, counted live
            let quarter = Quarter(containing: try CivilDate.todayInChina())
            let report = try await QuarterlyReport.read(quarter: quarter, tenant: tenant, database: database, actor: Self.actor)
            #expect(report.current.district.demands.received >= 1)
        }
    }
}
