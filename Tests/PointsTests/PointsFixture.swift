import Foundation
import GovregTestSupport
import Points
import Postgres
import Registry
import RegistryStore

/// A district (the test hierarchy: S1 ─ C1 ─ G11/G12, S1 ─ C2 ─ G21, S2 ─ C3) with the points
/// module enabled, two rules (volunteer hours: 2 a unit, capped at 20 a period; a micro-wish
/// fulfilled: 5, no cap) and two households (H001 in G11, H002 in C2; H001 with a name).
struct PointsFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:points"

    static func make(
        _ configuration: ConnectionConfiguration, settings: String = "{}", slug: String = "langao", code: String = "610925",
        maxConnections: Int = 8
    ) async throws -> PointsFixture {
        let database = RegistryDatabase(configuration: configuration, maxConnections: maxConnections, modules: try ModuleCatalogue([PointsModule()]))
        let tenant = try await TestDistrict.create(slug, code, in: database, actor: "test:points")
        let f = PointsFixture(database: database, tenant: tenant)
        try await f.write { tx in
            try await ModuleStore.enable(PointsModule.moduleID, settings: Data(settings.utf8), in: tx)
            try await PointsStore.setRule(PointsRule(kind: "volunteer_hours", chineseName: "志愿服务（小时）", pointsPerUnit: 2, capPerPeriod: 20), in: tx)
            try await PointsStore.setRule(PointsRule(kind: "micro_wish_fulfilled", chineseName: "认领微心愿", pointsPerUnit: 5), in: tx)
            try await PointsStore.register(HolderDraft(code: "H001", kind: .household, placeCode: "G11", displayName: "王秀英"), in: tx)
            try await PointsStore.register(HolderDraft(code: "H002", kind: .household, placeCode: "C2"), in: tx)
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

    /// Emits civic acts as any module would, in a transaction of their own.
    func emit(_ acts: CivicAct...) async throws {
        try await write { tx in try await tx.emit(acts) }
    }

    func balance(_ code: String) async throws -> Int64 {
        try await read { tx in try await PointsStore.holder(code, in: tx) }.balance
    }

    func count(_ table: String) async throws -> Int {
        try await read { tx in try await tx.connection.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n") }
    }

    func close() async { await database.close() }
}

func day(_ text: String) throws -> CivilDate { try CivilDate(text) }
