import Foundation
import GovregTestSupport
import Matching
import Postgres
import Registry
import RegistryStore
import Synchronization
import Testing
import WorkOrders

/// A district with the test hierarchy (S1 ─ C1 ─ G11/G12, S1 ─ C2 ─ G21, S2 ─ C3), three
/// units — 城关街道办 (U001) and 县住建局 (U002), departments, and 红十字会 (U003) — each of the
/// first two pledging ¥10,000 for housing repair, one accepted demand (D001, ¥5,000 of repairs
/// in G11), and the module enabled with `settings`.
struct WorkOrdersFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:staff"

    static func make(
        _ configuration: ConnectionConfiguration, settings: String = "{}", slug: String = "shangjie", code: String = "410106",
        modules: [any GovernanceModule] = [WorkOrdersModule()]
    ) async throws -> WorkOrdersFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue(modules))
        let tenant = try await TestDistrict.create(slug, code, in: database, actor: "test:setup")
        let f = WorkOrdersFixture(database: database, tenant: tenant)
        _ = try await UnitStore.importRows([
            UnitImportRow(externalID: "U001", name: "城关街道办", kind: .department, communityCodes: ["C1"]),
            UnitImportRow(externalID: "U002", name: "县住建局", kind: .department, communityCodes: ["C1"]),
            UnitImportRow(externalID: "U003", name: "红十字会", kind: .socialOrganisation, communityCodes: ["C1"]),
        ], on: database, tenant: tenant, actor: f.actor)
        _ = try await ResourceStore.importRows([
            ResourceImportRow(externalID: "R001", unitExternalID: "U001", title: "街道维修资金", category: "housing_repair", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
            ResourceImportRow(externalID: "R002", unitExternalID: "U002", title: "住建维修资金", category: "housing_repair", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
        ], on: database, tenant: tenant, actor: f.actor)
        try await database.withTenant(tenant, actor: f.actor) { tx in
            let place = try await OrgUnitStore.id(of: "G11", in: tx)
            try await tx.connection.execute("""
                INSERT INTO demand (tenant_id, external_id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, state)
                VALUES (\(tenant), 'D001', '楼顶漏水', 'housing_repair', \(place), 'grid_report', 500000, 'yuan', 'accepted')
                """)
        }
        for module in modules {
            let document = module.id == WorkOrdersModule.moduleID ? settings : "{}"
            try await database.withTenant(tenant, actor: f.actor) { tx in _ = try await ModuleStore.enable(module.id, settings: Data(document.utf8), in: tx) }
        }
        return f
    }

    /// Runs `body` in a write transaction of the fixture's district.
    @discardableResult
    func write<T: Sendable>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor) { tx in try await body(tx) }
    }

    /// Runs `body` in a read-only transaction.
    func read<T: Sendable>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await body(tx) }
    }

    /// Rows of one of the module's tables in this district.
    func count(_ table: String) async throws -> Int {
        try await read { tx in try await tx.connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n") }
    }

    /// An order taken directly in C1 on `day`.
    func order(_ title: String = "楼道灯不亮", category: String = "housing_repair", on day: String = "2024-05-06") async throws -> WorkOrder {
        try await write { tx in try await WorkOrderStore.order(OrderDraft(placeCode: "C1", title: title, category: category, orderedOn: try CivilDate(day)), in: tx) }
    }

    /// The resource the matching gives D001, and the names of the winning allocation's terms.
    func match() async throws -> (resource: String?, terms: [String]) {
        let run = try await MatchingStore.run(MatchingRequest(), on: database, tenant: tenant, actor: actor)
        let detail = try await read { tx in try await MatchingStore.show(run.id!, in: tx) }
        let allocation = detail.served.first?.allocations.first
        return (allocation?.resourceExternalID, allocation?.terms.map(\.name) ?? [])
    }

    func close() async { await database.close() }
}

func day(_ text: String) throws -> CivilDate { try CivilDate(text) }

/// Expects `body` to be refused with a ``RegistryError`` of `code`, and returns it.
@discardableResult
func refused(_ code: RegistryError.Code, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> RegistryError? {
    do {
        try await body()
        Issue.record("not refused", sourceLocation: sourceLocation)
    } catch let error as RegistryError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("refused with \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A module that hears the civic acts other modules emit, as a points module would, and keeps
/// them by district: the test's stand-in for the Points module.
struct ActListenerModule: GovernanceModule {
    static let moduleID = try! ModuleID("act_listener")
    static let heard = Mutex<[(UUID, CivicAct)]>([])

    var id: ModuleID { Self.moduleID }
    let version = SemanticVersion(1, 0, 0)
    let compatibleCore = SemanticVersion(0, 0, 0)...SemanticVersion(99, 0, 0)
    let chineseName = "积分监听"
    let englishName = "Act listener"
    let summary = "Keeps the civic acts it hears (tests only)."
    let settingsSchema = ModuleSettingsSchema([])
    var contributions: [any ModuleContribution] { [Listener()] }

    struct Listener: CoreEventHandler {
        func handle(_ event: any GovernanceEvent, settings: ModuleSettings, in tx: TenantTransaction) async throws {
            guard let act = event as? CivicAct else { return }
            ActListenerModule.heard.withLock { $0.append((tx.tenantID, act)) }
        }
    }

    static func acts(of tenant: UUID) -> [CivicAct] { heard.withLock { $0.filter { $0.0 == tenant }.map(\.1) } }
}
