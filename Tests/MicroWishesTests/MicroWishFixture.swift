import Foundation
import GovregTestSupport
import MicroWishes
import Postgres
import Registry
import RegistryStore
import Synchronization

/// A module that only listens: it records every ``CivicAct`` its district hears, so that a
/// test sees what a points module would be paid for.
struct ActRecorderModule: GovernanceModule {
    static let moduleID = try! ModuleID("act_recorder")
    /// (tenant, act), in the order heard, across the tests running at once.
    static let heard = Mutex<[(UUID, CivicAct)]>([])

    struct Recorder: CoreEventHandler {
        func handle(_ event: any GovernanceEvent, settings: ModuleSettings, in tx: TenantTransaction) async throws {
            guard let act = event as? CivicAct else { return }
            ActRecorderModule.heard.withLock { $0.append((tx.tenantID, act)) }
        }
    }

    var id: ModuleID { Self.moduleID }
    let version = SemanticVersion(1, 0, 0)
    let compatibleCore = SemanticVersion(0, 0, 0)...SemanticVersion(99, 0, 0)
    let chineseName = "记录员"
    let englishName = "Act recorder"
    let summary = "Records the civic acts its district hears (tests only)."
    var contributions: [any ModuleContribution] { [Recorder()] }

    /// The acts `tenant` heard.
    static func acts(of tenant: UUID) -> [CivicAct] {
        heard.withLock { $0.filter { $0.0 == tenant }.map(\.1) }
    }
}

/// A district (the test hierarchy: S1 ─ C1 ─ G11/G12, S1 ─ C2 ─ G21, S2 ─ C3) with one
/// registered unit (U001 县团委), the micro_wishes module enabled (aging after 7 days, at most
/// ¥300, four categories) unless `enabled` is false, and the act recorder listening.
struct MicroWishFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:staff"

    static let settings = #"{"aging_days": 7, "max_value_yuan": 300, "categories": "学习用品、生活用品、维修、探访"}"#

    static func make(_ configuration: ConnectionConfiguration, slug: String = "langao", code: String = "610925", enabled: Bool = true) async throws -> MicroWishFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([MicroWishesModule(), ActRecorderModule()]))
        let tenant = try await TestDistrict.create(slug, code, in: database, actor: "test:setup")
        _ = try await UnitStore.importRows([
            UnitImportRow(externalID: "U001", name: "县团委", kind: .department, communityCodes: ["C1"]),
        ], on: database, tenant: tenant, actor: "test:setup")
        try await database.withTenant(tenant, actor: "test:setup") { tx in
            try await ModuleStore.enable(ActRecorderModule.moduleID, in: tx)
            if enabled { try await ModuleStore.enable(MicroWishesModule.moduleID, settings: Data(settings.utf8), in: tx) }
        }
        return MicroWishFixture(database: database, tenant: tenant)
    }

    /// Runs `body` in a write transaction of the district.
    func write<T: Sendable>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor) { tx in try await body(tx) }
    }

    /// Runs `body` in a read-only transaction of the district.
    func read<T: Sendable>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await body(tx) }
    }

    /// Posts a wish in grid G11 (a school bag, ¥120 unless told), with the wisher's contact.
    func post(_ title: String = "一个新书包", category: String = "学习用品", value: Money? = .yuan(120), on day: CivilDate) async throws -> MicroWish {
        try await write { tx in try await MicroWishStore.post(WishDraft(
            placeCode: "G11", title: title, category: category, estimatedValue: value, postedOn: day,
            wisherName: try PersonalName("王小明"), wisherPhone: try PhoneNumber("13912345678")), in: tx) }
    }

    /// The number of wishes in the district.
    func count() async throws -> Int {
        try await read { tx in try await tx.connection.query("SELECT count(*) AS n FROM micro_wishes_wish")[0].decode(Int.self, "n") }
    }

    func close() async { await database.close() }
}

/// `n` days before today in Beijing time (the test districts' zone).
func daysAgo(_ n: Int) throws -> CivilDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    let day = calendar.date(byAdding: .day, value: -n, to: Date())!
    let parts = calendar.dateComponents([.year, .month, .day], from: day)
    return try CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)
}

func day(_ text: String) throws -> CivilDate { try CivilDate(text) }
