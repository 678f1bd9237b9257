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
    var room: MediationStore { MediationStore(database: database) }

    static func make(_ configuration: ConnectionConfiguration, slug: String = "yuxin", code: String = "610925", enabled: Bool = true) async throws -> MediationFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([MediationRoomModule()]))
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(code)).id
        let f = MediationFixture(database: database, tenant: tenant)
        _ = try await OrgUnitStore(database: database).importRows([
            OrgUnitImportRow(line: 2, code: "T01", name: "城关镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "C01", name: "裕鑫花园社区", kind: .community, parentCode: "T01"),
        ], tenant: tenant, actor: f.actor)
        if enabled {
            try await ModuleStore(database: database).enable(MediationRoomModule.moduleID, tenant: tenant, actor: f.actor)
        }
        return f
    }

    func open(_ title: String, grade: CaseGrade = .general, on day: String = "2024-04-02") async throws -> MediationCase {
        try await room.open(
            CaseDraft(placeCode: "C01", title: title, grade: grade, mediator: "赵调解员", openedOn: try CivilDate(day), parties: [
                PartyDraft(role: .applicant, name: try PersonalName("张三"), phone: try PhoneNumber("13812345678")),
                PartyDraft(role: .respondent, name: try PersonalName("欧阳娜娜")),
            ]), tenant: tenant, actor: actor)
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
            try await f.room.move(opened.id, to: .blue, note: "双方陈述诉求", on: try CivilDate("2024-04-03"), tenant: f.tenant, actor: f.actor)
            try await f.room.move(opened.id, to: .purple, note: "房屋产权人信息有误", on: try CivilDate("2024-04-05"), tenant: f.tenant, actor: f.actor)
            try await f.room.move(opened.id, to: .blue, note: "补正后继续调解", on: try CivilDate("2024-04-08"), tenant: f.tenant, actor: f.actor)
            try await f.room.note(opened.id, "第二次面谈", on: try CivilDate("2024-04-09"), tenant: f.tenant, actor: f.actor)
            await #expect(throws: RegistryError.self) {   // closing needs the outcome
                try await f.room.move(opened.id, to: .red, note: "结案", tenant: f.tenant, actor: f.actor)
            }
            let closed = try await f.room.move(opened.id, to: .red, note: "达成赔偿协议", outcome: .agreement, on: try CivilDate("2024-04-10"), tenant: f.tenant, actor: f.actor)
            #expect(closed.colour == .red && closed.outcome == .agreement && closed.closedOn?.description == "2024-04-10")
            #expect(closed.log.map(\.colour) == [.green, .blue, .purple, .blue, .blue, .red])
            #expect(closed.log.map(\.moved) == [true, true, true, true, false, true])
            do {
                try await f.room.move(opened.id, to: .blue, note: "重开", tenant: f.tenant, actor: f.actor)
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
                try await f.room.move(opened.id, to: .red, note: "结案", outcome: .withdrawn, tenant: f.tenant, actor: f.actor)
                Issue.record("green went straight to red")
            } catch let error as RegistryError {
                #expect(error.englishMessage.contains("blue, purple"), "\(error)")
            }
            #expect(try await f.room.show(opened.id, tenant: f.tenant, actor: f.actor).log.count == 1)
        }
    }

    @Test func theReportSectionAndPartiesKeptOutOfTheAuditLog() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MediationFixture.make(configuration)
            defer { Task { await f.close() } }
            for (index, title) in ["漏水", "噪音", "停车", "宠物"].enumerated() {
                let opened = try await f.open(title, grade: index == 3 ? .difficult : .general)
                guard index < 3 else { continue }
                try await f.room.move(opened.id, to: .blue, note: "调解中", tenant: f.tenant, actor: f.actor)
                if index < 2 {
                    try await f.room.move(opened.id, to: .red, note: "结案", outcome: index == 0 ? .agreement : .referred, tenant: f.tenant, actor: f.actor)
                }
            }
            let summary = try await f.room.summary(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), tenant: f.tenant, actor: f.actor)
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
            #expect(try await other.room.cases(tenant: other.tenant, actor: other.actor).isEmpty)
            await #expect(throws: RegistryStoreError.self) { try await other.room.show(opened.id, tenant: other.tenant, actor: other.actor) }
            try await ModuleStore(database: f.database).disable(MediationRoomModule.moduleID, tenant: f.tenant, actor: f.actor)
            await #expect(throws: RegistryStoreError.self) { try await f.open("噪音") }
        }
    }
}
