import Foundation
import GovregTestSupport
import Matching
import Postgres
import RedProperty
import Registry
import RegistryStore
import Testing

/// A community with a grid and a compound (X01) served by 和美物业 (U001, a property company);
/// a street office (U002); each pledged ¥10,000 for housing repair to the community; one
/// accepted demand for ¥5,000 of repairs in the compound.
struct RedPropertyFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:staff"

    static func make(_ configuration: ConnectionConfiguration, settings: String = "{}", slug: String = "langao", code: String = "610925") async throws -> RedPropertyFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([RedPropertyModule()]))
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(code)).id
        let f = RedPropertyFixture(database: database, tenant: tenant)
        _ = try await OrgUnitStore.importRows([
            OrgUnitImportRow(line: 2, code: "T01", name: "城关镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "C01", name: "东坡社区", kind: .community, parentCode: "T01"),
            OrgUnitImportRow(line: 4, code: "G01", name: "东坡一网格", kind: .grid, parentCode: "C01"),
            OrgUnitImportRow(line: 5, code: "X01", name: "幸福小区", kind: .compound, parentCode: "G01"),
        ], on: database, tenant: tenant, actor: f.actor)
        _ = try await UnitStore.importRows([
            UnitImportRow(externalID: "U001", name: "和美物业", kind: .propertyCompany, communityCodes: ["C01"]),
            UnitImportRow(externalID: "U002", name: "城关街道办", kind: .department, communityCodes: ["C01"]),
        ], on: database, tenant: tenant, actor: f.actor)
        _ = try await ResourceStore.importRows([
            ResourceImportRow(externalID: "R001", unitExternalID: "U001", title: "物业维修基金", category: "housing_repair", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
            ResourceImportRow(externalID: "R002", unitExternalID: "U002", title: "街道维修资金", category: "housing_repair", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
        ], on: database, tenant: tenant, actor: f.actor)
        try await database.withTenant(tenant, actor: f.actor) { tx in
            let place = try await OrgUnitStore.id(of: "X01", in: tx)
            try await tx.connection.execute("""
                INSERT INTO demand (tenant_id, external_id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, state)
                VALUES (\(tenant), 'D001', '楼顶漏水', 'housing_repair', \(place), 'grid_report', 500000, 'yuan', 'accepted')
                """)
        }
        try await database.withTenant(tenant, actor: f.actor) { tx in try await ModuleStore.enable(RedPropertyModule.moduleID, settings: Data(settings.utf8), in: tx) }
        return f
    }

    /// The resource the matching gives D001, and the explanation's lines.
    func match() async throws -> (resource: String?, reasons: [String]) {
        let run = try await MatchingStore.run(MatchingRequest(), on: database, tenant: tenant, actor: actor)
        let detail = try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }
        let line = detail.served.first
        return (line?.allocations.first?.resourceExternalID, line?.explanation.reasons ?? [])
    }

    func close() async { await database.close() }
}

@Suite struct RedPropertyTests {
    @Test func theProblemLedgerClosesOnlyWithAFix() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await RedPropertyFixture.make(configuration, settings: #"{"response_deadline_days": 2}"#)
            defer { Task { await f.close() } }
            await #expect(throws: RegistryStoreError.self) {   // no company on record for the compound yet
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.raise(compound: "X01", title: "电梯异响", by: .resident, in: tx) }
            }
            await #expect(throws: RegistryError.self) {   // a grid is not a compound
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.assign(compound: "G01", company: "U001", in: tx) }
            }
            await #expect(throws: RegistryError.self) {   // a street office is not a property company
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.assign(compound: "X01", company: "U002", in: tx) }
            }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.assign(compound: "X01", company: "U001", since: try CivilDate("2023-01-01"), in: tx) }

            let lift = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.raise(compound: "X01", title: "电梯异响", by: .resident, on: try CivilDate("2024-06-01"), in: tx) }
            #expect(lift.status == .open && lift.companyName == "和美物业")
            let escalated = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.escalate(lift.id, on: try CivilDate("2024-06-01"), in: tx) }
            #expect(escalated.respondBy?.description == "2024-06-03")
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await RedPropertyStore.problems(overdueOn: try CivilDate("2024-06-05"), in: tx) }.map(\.id) == [lift.id])
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.respond(lift.id, response: "已联系维保单位", on: try CivilDate("2024-06-02"), in: tx) }
            await #expect(throws: RegistryError.self) {   // 销号 needs the fix
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.close(lift.id, fix: "  ", in: tx) }
            }
            let closed = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.close(lift.id, fix: "更换曳引机轴承", on: try CivilDate("2024-06-04"), in: tx) }
            #expect(closed.status == .closed && closed.fix == "更换曳引机轴承")
            do {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.escalate(lift.id, in: tx) }
                Issue.record("a closed problem moved")
            } catch let error as RegistryError {
                #expect(error.code == .illegalTransition && error.chineseMessage.contains("已销号"))
            }

            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.raise(compound: "X01", title: "绿化带杂草", by: .company, on: try CivilDate("2024-06-10"), in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.setUpBranch(company: "U001", name: "和美物业党支部", setUpOn: try CivilDate("2023-07-01"), members: 6, in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await RedPropertyStore.appoint(AppointmentDraft(personName: "李四", direction: .communityToCompany, communityCode: "C01", company: "U001",
                                                     role: "物业公司党支部副书记", since: try CivilDate("2023-07-01")), in: tx) }
            let summary = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await RedPropertyStore.summary(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }
            #expect((summary.compounds, summary.branches, summary.appointments, summary.problemsLogged, summary.problemsClosed) == (1, 1, 1, 2, 1))
            #expect(summary.closureRate == 0.5)
            // The appointee's name stays out of the audit log.
            let audited = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("""
                    SELECT count(*) AS rows, count(*) FILTER (WHERE after::text LIKE '%李四%') AS named
                    FROM audit_log WHERE table_name = 'red_property_appointment'
                    """)[0]
            }
            #expect(try audited.decode(Int.self, "rows") == 1 && audited.decode(Int.self, "named") == 0)
        }
    }

    @Test func aCompoundsDemandGoesFirstToItsCompanyByBonusOrByRule() async throws {
        try await TestDatabase.withMigrated { configuration in
            let prefer = try await RedPropertyFixture.make(configuration, settings: #"{"preference_bonus": 40}"#)
            defer { Task { await prefer.close() } }
            try await prefer.database.withTenant(prefer.tenant, actor: prefer.actor) { tx in try await RedPropertyStore.assign(compound: "X01", company: "U001", in: tx) }
            let preferred = try await prefer.match()
            #expect(preferred.resource == "R001")

            let require = try await RedPropertyFixture.make(configuration, settings: #"{"matching_mode": "require", "preference_bonus": 0}"#, slug: "shangjie", code: "410106")
            defer { Task { await require.close() } }
            try await require.database.withTenant(require.tenant, actor: require.actor) { tx in try await RedPropertyStore.assign(compound: "X01", company: "U001", in: tx) }
            let required = try await require.match()
            #expect(required.resource == "R001")
            #expect(required.reasons.contains { $0.contains("R002") && $0.contains("红色物业") }, "\(required.reasons)")

            // Disabled, the module's rule is gone: R002 is eligible again and no term is named.
            try await require.database.withTenant(require.tenant, actor: require.actor) { tx in try await ModuleStore.disable(RedPropertyModule.moduleID, in: tx) }
            let run = try await MatchingStore.run(MatchingRequest(), on: require.database, tenant: require.tenant, actor: require.actor)
            let detail = try await require.database.withTenant(require.tenant, actor: require.actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }
            #expect(detail.served.first?.allocations.first?.terms.map(\.name) == ["distance", "contract", "unit_cost"])
            await #expect(throws: RegistryStoreError.self) { try await require.database.withTenant(require.tenant, actor: require.actor, readOnly: true) { tx in try await RedPropertyStore.problems(in: tx) } }
        }
    }
}
