import Deliberation
import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore

/// A district (the shared test hierarchy: S1 ─ C1 ─ G11/G12, S1 ─ C2 ─ G21, S2 ─ C3) with the
/// deliberation module shipped and, unless `settings` is nil, enabled with those settings.
struct DeliberationFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:staff"

    static func make(_ configuration: ConnectionConfiguration, slug: String = "langao", code: String = "610925",
                     settings: String? = #"{"local_name": "邻里议事圆桌会"}"#) async throws -> DeliberationFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([DeliberationModule()]))
        let tenant = try await TestDistrict.create(slug, code, in: database, actor: "test:setup")
        let f = DeliberationFixture(database: database, tenant: tenant)
        if let settings {
            try await f.write { tx in try await ModuleStore.enable(DeliberationModule.moduleID, settings: Data(settings.utf8), in: tx) }
        }
        return f
    }

    @discardableResult
    func write<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor, body)
    }

    @discardableResult
    func read<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.withTenant(tenant, actor: actor, readOnly: true, body)
    }

    func open(_ title: String = "7号楼楼顶老化漏雨", kind: String = "邻里事", at place: String = "G11", on day: String = "2024-03-01") async throws -> DeliberationCase {
        try await write { tx in try await DeliberationStore.open(CaseDraft(placeCode: place, kind: kind, title: title, openedOn: try CivilDate(day)), in: tx) }
    }

    func round(_ id: Int64, on day: String = "2024-03-05", _ attendance: [Attendance] = [
        Attendance(role: "物业企业", count: 1, position: "愿承担一半"), Attendance(role: "居民代表", count: 6),
    ]) async throws -> DeliberationDetail {
        try await write { tx in try await DeliberationStore.holdRound(id, RoundDraft(heldOn: try CivilDate(day), attendance: attendance), in: tx) }
    }

    func advance(_ id: Int64, to step: String) async throws -> DeliberationCase {
        try await write { tx in try await DeliberationStore.advance(id, to: step, in: tx) }
    }

    func settle(_ id: Int64, _ shares: [String]? = nil, result: CaseResult = .settled) async throws -> DeliberationCase {
        let split = try shares.map { try CostSplit(parsing: $0) }
        return try await write { tx in try await DeliberationStore.recordResult(id, ResultDraft(result: result, agreement: "楼顶防水翻新", split: split), in: tx) }
    }

    /// The count of rows of a module table (row-level security scopes it to the tenant).
    func count(_ table: String) async throws -> Int {
        try await read { tx in try await tx.connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n") }
    }

    func close() async { await database.close() }
}
