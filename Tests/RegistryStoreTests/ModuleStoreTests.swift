import Foundation
import GovregTestSupport
import ListMatching
import Matching
import Postgres
import Registry
import RegistryImport
import RegistryStore
import Synchronization
import Testing

/// What the test module heard, tenant by tenant.
/// An event a module defines for others (the core does not know it).
struct PointsAwarded: GovernanceEvent {
    var points: Int
    var name: String { "points.awarded" }
}

final class Heard: Sendable {
    let events = Mutex<[(UUID, CoreEvent)]>([])
    /// The points of the module-defined events heard.
    let awarded = Mutex<[Int]>([])
    func of(_ tenant: UUID) -> [CoreEvent] { events.withLock { $0.filter { $0.0 == tenant }.map(\.1) } }
}

/// Listens to events (and refuses to let a demand be rejected when `veto` is set), and adds a
/// cost term `module_term` = the `points` setting to every arc.
struct ListeningModule: GovernanceModule {
    let id = try! ModuleID("listening")
    let version = SemanticVersion(1, 0, 0)
    let compatibleCore = SemanticVersion(0, 1, 0)...SemanticVersion(0, 9, 0)
    let chineseName = "监听", englishName = "Listening", summary = "Hears core events; adds a cost term."
    let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "points", chineseName: "分值", englishName: "points", kind: .integer(0...100), default: .integer(7)),
        SettingField(key: "veto", chineseName: "否决", englishName: "veto", kind: .boolean, default: .boolean(false)),
    ])
    let heard: Heard
    var contributions: [any ModuleContribution] { [Handler(heard: heard), Adjustment()] }

    struct Handler: CoreEventHandler {
        let heard: Heard
        func handle(_ event: any GovernanceEvent, settings: ModuleSettings, in tx: TenantTransaction) async throws {
            if let event = event as? PointsAwarded { heard.awarded.withLock { $0.append(event.points) } }
            guard let event = event as? CoreEvent else { return }
            if settings.boolean("veto") == true, case .demandTransitioned(_, _, .rejected) = event {
                throw RegistryStoreError.conflict("vetoed")
            }
            heard.events.withLock { $0.append((tx.tenantID, event)) }
        }
    }

    struct Adjustment: MatchingAdjustment {
        func prepare(settings: ModuleSettings, snapshot: MatchingSnapshot, in tx: TenantTransaction) async throws -> any MatchingRule {
            Rule(points: settings.integer("points") ?? 0)
        }
    }

    struct Rule: MatchingRule {
        let points: Int64
        func apply(to problem: inout CategoryProblem, snapshot: MatchingSnapshot) throws {
            problem.addCostTerm(named: "module_term") { _, _, _ in points }
        }
    }
}

@Suite struct ModuleStoreTests {
    private func fixture(_ configuration: ConnectionConfiguration, heard: Heard) async throws -> ProjectFixture {
        let modules = try ModuleCatalogue([ListeningModule(heard: heard)])
        let plain = try await ProjectFixture.make(configuration)
        await plain.close()
        return ProjectFixture(database: RegistryDatabase(configuration: configuration, modules: modules), tenant: plain.tenant)
    }

    @Test func enableConfigureDisableWithValidatedSettings() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await fixture(configuration, heard: Heard())
            defer { Task { await f.close() } }
            let id = try ModuleID("listening")
            let enabled = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(id, settings: Data(#"{"points": 12}"#.utf8), in: tx) }
            #expect(enabled.enabled && enabled.settings.integer("points") == 12 && enabled.settings.boolean("veto") == false)
            await #expect(throws: ModuleSettingsError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.configure(id, settings: Data(#"{"points": 500}"#.utf8), in: tx) }
            }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ModuleStore.list(in: tx) }.first?.settings.integer("points") == 12)
            let configured = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.configure(id, settings: Data(#"{"veto": true}"#.utf8), in: tx) }
            #expect(configured.settings.integer("points") == 12 && configured.settings.boolean("veto") == true)
            let disabled = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(id, in: tx) }
            #expect(!disabled.enabled && disabled.settings.integer("points") == 12)   // settings stay
            await #expect(throws: RegistryStoreError.self) { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(id, in: tx) } }
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.configure(id, settings: Data("{}".utf8), in: tx) }
            }
            // A module that is not shipped is not found (a 404 over the API).
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(try ModuleID("not_shipped"), in: tx) }
            }
            // Enabled again, it keeps what the district had set.
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(id, in: tx) }.settings.integer("points") == 12)
        }
    }

    @Test func eventsReachEnabledModulesOnlyAndAFailingHandlerUndoesTheChange() async throws {
        try await TestDatabase.withMigrated { configuration in
            let heard = Heard()
            let f = try await fixture(configuration, heard: heard)
            defer { Task { await f.close() } }
            let other = try await f.sibling()
            let id = try ModuleID("listening")
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(id, in: tx) }
            let d3 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items
                .first { $0.externalID == "D003" }!.id
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(d3, to: .submitted, visibility: .public, in: tx) }
            #expect(heard.of(f.tenant) == [.demandTransitioned(d3, from: .draft, to: .submitted)])
            #expect(heard.of(other.tenant).isEmpty)

            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.configure(id, settings: Data(#"{"veto": true}"#.utf8), in: tx) }
            await #expect(throws: ModuleHandlerError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(d3, to: .rejected, reason: "重复", visibility: .public, in: tx) }
            }
            #expect(try await f.demandStateNow("D003") == .submitted)   // the change was rolled back with the handler

            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(id, in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(d3, to: .rejected, reason: "重复", visibility: .public, in: tx) }
            #expect(heard.of(f.tenant).count == 1)   // a disabled module hears nothing
        }
    }

    @Test func anImportEmitsOneEventForItsBatchAndTheHandlerReadsTheRows() async throws {
        try await TestDatabase.withMigrated { configuration in
            let heard = Heard()
            let f = try await fixture(configuration, heard: heard)
            defer { Task { await f.close() } }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(try ModuleID("listening"), in: tx) }
            let csv = """
                external_id,title,category,org_code,source_channel,quantity,measure_unit,state
                IMP-1,路灯,roads,G01,grid_report,1,job,
                IMP-2,井盖,roads,G01,grid_report,2,job,submitted

                """
            var file = DemandFile(data: Data(csv.utf8), fileName: "in.csv")
            let summary = try await DemandStore.importRows(&file, on: f.database, tenant: f.tenant, actor: f.actor)
            let importID = try #require(summary.importID)
            #expect(heard.of(f.tenant) == [.demandsImported(importID: importID, created: 2, updated: 0)])
            let rows = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.importedDemands(importID, in: tx) }
            #expect(rows.map(\.state) == [.accepted, .submitted] && rows.allSatisfy(\.created))
            // The same file again changes nothing and says nothing.
            var again = DemandFile(data: Data(csv.utf8), fileName: "in.csv")
            _ = try await DemandStore.importRows(&again, on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(heard.of(f.tenant).count == 1)
        }
    }

    @Test func anIntakeInOneStatementStillReachesTheHandlersOfEnabledModules() async throws {
        try await TestDatabase.withMigrated { configuration in
            let heard = Heard()
            let f = try await fixture(configuration, heard: heard)
            defer { Task { await f.close() } }
            let draft = DemandDraft(title: "井盖松动", category: "roads", orgCode: "G01", sourceChannel: .gridReport, quantity: try Quantity(1, .job))
            let caller = DemandIntake.Caller(tenant: f.tenant, actor: "api:grid", account: 1, key: nil, requestHash: nil, subtreeRoot: nil)
            // No module listening: the one statement files it, and nobody hears of it.
            guard case .filed(let quiet) = try await DemandIntake.file(draft, submit: true, by: caller, on: f.database) else {
                Issue.record("not filed"); return
            }
            #expect(quiet.demand.state == .submitted && quiet.history.count == 1 && heard.of(f.tenant).isEmpty)
            // A listening module enabled: the same statement inside a transaction, then the handler.
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(try ModuleID("listening"), in: tx) }
            guard case .filed(let heardOf) = try await DemandIntake.file(draft, submit: true, by: caller, on: f.database) else {
                Issue.record("not filed"); return
            }
            #expect(heard.of(f.tenant) == [.demandTransitioned(heardOf.demand.id, from: .draft, to: .submitted)])
            #expect(heardOf.demand.id.rawValue == quiet.demand.id.rawValue + 1)
            // A handler that refuses undoes the intake: veto applies to rejections only, so
            // check the roll-back through a draft the handler hears nothing of.
            guard case .filed(let draftOnly) = try await DemandIntake.file(draft, submit: false, by: caller, on: f.database) else {
                Issue.record("not filed"); return
            }
            #expect(draftOnly.demand.state == .draft && draftOnly.history.isEmpty && heard.of(f.tenant).count == 1)
        }
    }

    @Test func anEventAModuleDefinesReachesOtherModulesWithoutTheCore() async throws {
        try await TestDatabase.withMigrated { configuration in
            let heard = Heard()
            let f = try await fixture(configuration, heard: heard)
            defer { Task { await f.close() } }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(try ModuleID("listening"), in: tx) }
            // A points module (not the core) emits its own event in its own transaction.
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await tx.emit([PointsAwarded(points: 3)]) }
            #expect(heard.awarded.withLock { $0 } == [3])
            #expect(heard.of(f.tenant).isEmpty)   // not mistaken for a core event
            try await f.database.withTenant(try await f.sibling().tenant, actor: f.actor) { tx in
                try await tx.emit([PointsAwarded(points: 9)])
            }
            #expect(heard.awarded.withLock { $0 } == [3])   // not enabled in the other district
        }
    }

    @Test func aModulesMatchingTermAppliesOnlyWhereItIsEnabled() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await fixture(configuration, heard: Heard())
            defer { Task { await f.close() } }
            let id = try ModuleID("listening")
            let before = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(id, settings: Data(#"{"points": 5}"#.utf8), in: tx) }
            let with = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(with.fingerprint != before.fingerprint)
            #expect(with.cost == before.cost + 5 * (500_000 + 40))
            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.show(with.id!, in: tx) }
            #expect(detail.served.flatMap(\.allocations).allSatisfy { $0.terms.last == CostTerm(name: "module_term", amount: 5) })
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(id, in: tx) }
            let after = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(after.fingerprint == before.fingerprint)
        }
    }
}

@Suite struct ModuleSettingsConcurrencyTests {
    @Test func twoAdminsConfiguringDifferentKeysAtOnceKeepBoth() async throws {
        try await TestDatabase.withMigrated { configuration in
            let modules = try ModuleCatalogue([ListeningModule(heard: Heard())])
            let plain = try await ProjectFixture.make(configuration, full: false)
            await plain.close()
            let database = RegistryDatabase(configuration: configuration, modules: modules)
            defer { Task { await database.close() } }
            let id = try ModuleID("listening")
            try await database.withTenant(plain.tenant, actor: "test:a") { tx in try await ModuleStore.enable(id, in: tx) }
            for round in 0..<5 {
                async let first = database.withTenant(plain.tenant, actor: "test:a") { tx in try await ModuleStore.configure(id, settings: Data(#"{"points": \#(round + 20)}"#.utf8), in: tx) }
                async let second = database.withTenant(plain.tenant, actor: "test:b") { tx in try await ModuleStore.configure(id, settings: Data(#"{"veto": \#(round % 2 == 0)}"#.utf8), in: tx) }
                _ = try await (first, second)
                let settings = try await database.withTenant(plain.tenant, actor: "test:a", readOnly: true) { tx in try await ModuleStore.list(in: tx) }[0].settings
                #expect(settings.integer("points") == Int64(round + 20) && settings.boolean("veto") == (round % 2 == 0))
            }
        }
    }
}
