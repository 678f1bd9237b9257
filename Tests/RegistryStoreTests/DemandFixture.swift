import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore

/// A migrated database with one district (Langao, more can be added with ``sibling(_:_:)``)
/// whose hierarchy is:
///
/// ```
/// S1 城关镇 ─ C1 东坡社区 ─ G11 东坡一网格, G12 东坡二网格
///          └ C2 滨河社区 ─ G21 滨河一网格
/// S2 佐龙镇 ─ C3 佐龙社区
/// ```
struct DemandFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:demands"


    /// Runs `body` with a fresh database and district, closing the pools afterwards.
    static func with(_ body: (DemandFixture) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([TalkIntakeModule()]))
            do {
                let fixture = try await DemandFixture(database: database).sibling("langao", "610925")
                try await body(fixture)
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    private init(database: RegistryDatabase, tenant: UUID = UUID()) {
        self.database = database
        self.tenant = tenant
    }

    /// Another district in the same database, with the same hierarchy (the same codes).
    func sibling(_ slug: String, _ divisionCode: String) async throws -> DemandFixture {
        let fixture = DemandFixture(database: database, tenant: try await TestDistrict.create(slug, divisionCode, in: database, actor: actor))
        return fixture
    }

    /// A draft with sensible defaults.
    func draft(
        _ title: String = "楼道灯不亮", at org: String = "G11", category: String = "housing_repair",
        quantity: Quantity? = nil, filedOn: String? = nil, externalID: String? = nil, isPublic: Bool = false,
        reporter: PersonID? = nil
    ) throws -> DemandDraft {
        DemandDraft(
            title: title, category: category, orgCode: org, sourceChannel: .gridReport, reporter: reporter,
            quantity: try quantity ?? Quantity(1, .job), isPublic: isPublic, externalID: externalID,
            filedOn: try filedOn.map { try CivilDate($0) })
    }

    /// Files a demand and returns its id.
    @discardableResult
    func file(_ draft: DemandDraft, submit: Bool = true) async throws -> DemandID {
        try await database.withTenant(tenant, actor: actor) { tx in try await DemandStore.file(draft, submit: submit, in: tx) }
    }

    /// The rows of `table` in the whole database, every tenant (as the owner, a superuser here).
    func total(_ table: String) async throws -> Int {
        try await database.operatorPool.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n")
    }

    /// The demands of this district with their state, by external id.
    func states() async throws -> [String: DemandState] {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
            var states: [String: DemandState] = [:]
            for row in try await tx.connection.query("SELECT external_id, state FROM demand WHERE tenant_id = \(tenant)") {
                states[try row.decode(String.self, "external_id")] = try DemandState(parsing: try row.decode(String.self, "state"))
            }
            return states
        }
    }

    /// A resident of this district, with personal data, for a demand's reporter.
    func resident(name: String, phone: String) async throws -> PersonID {
        try await database.withTenant(tenant, actor: actor) { tx in
            PersonID(try await tx.connection.query("""
                INSERT INTO person (tenant_id, name, phone) VALUES (\(tenant), \(name), \(phone)) RETURNING id
                """)[0].decode(Int64.self, "id"))
        }
    }
}

/// A module that contributes only an intake channel, as BenchTalk does: the core must read a
/// module's channel (and its Chinese name) wherever it reads its own.
struct TalkIntakeModule: GovernanceModule {
    static let channel = IntakeChannel(try! SourceChannel("bench_talk"), chinese: "板凳会", english: "bench talk")
    let id = try! ModuleID("talk_intake")
    let version = SemanticVersion(1, 0, 0)
    let compatibleCore = SemanticVersion(0, 1, 0)...SemanticVersion(0, 99, 0)
    let chineseName = "议事", englishName = "Talk intake", summary = "Contributes the bench_talk channel."
    var contributions: [any ModuleContribution] { [Self.channel] }
}
