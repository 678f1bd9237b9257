import Foundation
import GovregTestSupport
import MediationRoom
import Postgres
import Registry
import RegistryStore
import Testing

struct MediationFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:mediator"

    static func make(_ configuration: ConnectionConfiguration, slug: String = "yuxin", code: String = "610925", enabled: Bool = true) async throws -> MediationFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([MediationRoomModule()]))
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(code)).id
        let f = MediationFixture(database: database, tenant: tenant)
        _ = try await OrgUnitStore.importRows([
            OrgUnitImportRow(line: 2, code: "T01", name: "城关镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "C01", name: "裕鑫花园社区", kind: .community, parentCode: "T01"),
        ], on: database, tenant: tenant, actor: f.actor)
        if enabled {
            try await database.withTenant(tenant, actor: f.actor) { tx in try await ModuleStore.enable(MediationRoomModule.moduleID, in: tx) }
        }
        return f
    }

    func open(_ title: String, grade: CaseGrade = .general, on day: String = "2024-04-02") async throws -> MediationCase {
        try await database.withTenant(tenant, actor: actor) { tx in try await MediationStore.open(
            CaseDraft(placeCode: "C01", title: title, grade: grade, mediator: "赵调解员", openedOn: try CivilDate(day), parties: [
                PartyDraft(role: .applicant, name: try PersonalName("张三"), phone: try PhoneNumber("13812345678")),
                PartyDraft(role: .respondent, name: try PersonalName("欧阳娜娜")),
            ]), in: tx) }
    }

    func close() async { await database.close() }
}

@Suite struct MediationRoomTests {
    @Test func aCaseMovesThroughTheFourColoursWithADailyLog() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MediationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open("楼上漏水纠纷")
            #expect(opened.colour == .green && opened.parties == ["applicant 张*", "respondent 欧阳**"])
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .blue, note: "双方陈述诉求", on: try CivilDate("2024-04-03"), in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .purple, note: "房屋产权人信息有误", on: try CivilDate("2024-04-05"), in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .blue, note: "补正后继续调解", on: try CivilDate("2024-04-08"), in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.note(opened.id, "第二次面谈", on: try CivilDate("2024-04-09"), in: tx) }
            await #expect(throws: RegistryError.self) {   // closing needs the outcome
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .red, note: "结案", in: tx) }
            }
            let closed = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .red, note: "达成赔偿协议", outcome: .agreement, on: try CivilDate("2024-04-10"), in: tx) }
            #expect(closed.colour == .red && closed.outcome == .agreement && closed.closedOn?.description == "2024-04-10")
            #expect(closed.log.map(\.colour) == [.green, .blue, .purple, .blue, .blue, .red])
            #expect(closed.log.map(\.moved) == [true, true, true, true, false, true])
            do {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .blue, note: "重开", in: tx) }
                Issue.record("a closed case moved")
            } catch let error as RegistryError {
                #expect(error.code == .illegalTransition && error.chineseMessage.contains("已结案"))
            }
        }
    }

    @Test func refusedMovesNameTheAllowedColours() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MediationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open("噪音纠纷")
            do {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .red, note: "结案", outcome: .withdrawn, in: tx) }
                Issue.record("green went straight to red")
            } catch let error as RegistryError {
                #expect(error.englishMessage.contains("blue, purple"), "\(error)")
            }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MediationStore.show(opened.id, in: tx) }.log.count == 1)
        }
    }

    @Test func theReportSectionAndPartiesKeptOutOfTheAuditLog() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MediationFixture.make(configuration)
            defer { Task { await f.close() } }
            for (index, title) in ["漏水", "噪音", "停车", "宠物"].enumerated() {
                let opened = try await f.open(title, grade: index == 3 ? .difficult : .general)
                guard index < 3 else { continue }
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .blue, note: "调解中", in: tx) }
                if index < 2 {
                    try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MediationStore.move(opened.id, to: .red, note: "结案", outcome: index == 0 ? .agreement : .referred, in: tx) }
                }
            }
            let summary = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MediationStore.summary(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }
            #expect(summary.cases == 4 && summary.closed == 2 && summary.agreements == 1 && summary.successRate == 0.5)
            #expect(summary.byColour == ["red": 2, "blue": 1, "green": 1] && summary.byGrade == ["general": 3, "difficult": 1])
            let leaked = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("""
                    SELECT count(*) FILTER (WHERE after::text LIKE '%张三%' OR after::text LIKE '%13812345678%') AS named, count(*) AS rows
                    FROM audit_log WHERE table_name = 'mediation_party'
                    """)[0]
            }
            #expect(try leaked.decode(Int.self, "rows") == 8 && leaked.decode(Int.self, "named") == 0)
        }
    }

    @Test func aDisabledRoomDoesNothingAndAnotherDistrictSeesNone() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MediationFixture.make(configuration)
            defer { Task { await f.close() } }
            let other = try await MediationFixture.make(configuration, slug: "shangjie", code: "410106")
            defer { Task { await other.close() } }
            let opened = try await f.open("漏水")
            #expect(try await other.database.withTenant(other.tenant, actor: other.actor, readOnly: true) { tx in try await MediationStore.cases(in: tx) }.isEmpty)
            await #expect(throws: RegistryStoreError.self) { try await other.database.withTenant(other.tenant, actor: other.actor, readOnly: true) { tx in try await MediationStore.show(opened.id, in: tx) } }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(MediationRoomModule.moduleID, in: tx) }
            await #expect(throws: RegistryStoreError.self) { try await f.open("噪音") }
        }
    }
}
