import BenchTalk
import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing

/// A district with a street, a community and a grid, one unit with ¥10,000 of road funds,
/// and the bench_talk module shipped (and, unless `enabled` is false, enabled).
struct BenchTalkFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:staff"

    static func make(_ configuration: ConnectionConfiguration, slug: String = "langao", code: String = "610925", enabled: Bool = true) async throws -> BenchTalkFixture {
        let database = RegistryDatabase(configuration: configuration, modules: try ModuleCatalogue([BenchTalkModule()]))
        let tenant = try await TenantStore(database: database).create(slug: try TenantSlug(slug), name: slug, divisionCode: try DivisionCode(code)).id
        let f = BenchTalkFixture(database: database, tenant: tenant)
        _ = try await OrgUnitStore.importRows([
            OrgUnitImportRow(line: 2, code: "T01", name: "城关镇", kind: .town, parentCode: nil),
            OrgUnitImportRow(line: 3, code: "C01", name: "东坡社区", kind: .community, parentCode: "T01"),
            OrgUnitImportRow(line: 4, code: "G01", name: "东坡一网格", kind: .grid, parentCode: "C01"),
        ], on: database, tenant: tenant, actor: f.actor)
        _ = try await UnitStore.importRows([
            UnitImportRow(externalID: "U001", name: "县交通局", kind: .department, communityCodes: ["C01"]),
        ], on: database, tenant: tenant, actor: f.actor)
        _ = try await ResourceStore.importRows([
            ResourceImportRow(externalID: "R001", unitExternalID: "U001", title: "道路维修资金", category: "roads", kind: .funds, capacity: 1_000_000, measureUnit: .yuan),
        ], on: database, tenant: tenant, actor: f.actor)
        if enabled {
            try await database.withTenant(tenant, actor: f.actor) { tx in try await ModuleStore.enable(BenchTalkModule.moduleID, settings: Data(#"{"local_name": "院坝会", "reply_deadline_days": 5}"#.utf8), in: tx) }
        }
        return f
    }

    func meeting(_ topics: [String], on day: String = "2024-05-08") async throws -> BenchTalkMeeting {
        try await database.withTenant(tenant, actor: actor) { tx in try await BenchTalkStore.hold(MeetingDraft(heldOn: try CivilDate(day), placeCode: "G01", host: "王书记", attendees: 23,
                                          photos: ["https://example.org/p/1.jpg"], topics: topics), in: tx) }
    }

    func close() async { await database.close() }
}

@Suite struct BenchTalkTests {
    @Test func aMeetingsTopicsAreAnsweredReferredOrTurnedIntoLinkedDemands() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await BenchTalkFixture.make(configuration)
            defer { Task { await f.close() } }
            let meeting = try await f.meeting(["路灯坏了", "巷道坑洼", "想办老年食堂"])
            #expect(meeting.placeName == "东坡一网格" && meeting.topics.map(\.outcome) == [.open, .open, .open])
            // The host is often a name: the audit log records the meeting, not who hosted it.
            let audit = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("""
                    SELECT count(*) AS rows, count(*) FILTER (WHERE after::text LIKE '%王书记%') AS named
                    FROM audit_log WHERE table_name = 'bench_talk_meeting'
                    """)[0]
            }
            #expect(try audit.decode(Int.self, "rows") == 1 && audit.decode(Int.self, "named") == 0)
            #expect(meeting.topics[0].replyDueOn.description == "2024-05-13")   // the tenant's 5 days

            let answered = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.answer(meeting.topics[0].id, answer: "已报修，三天内修好", in: tx) }
            #expect(answered.outcome == .answered && answered.answer == "已报修，三天内修好" && answered.settledOn != nil)
            let referred = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.refer(meeting.topics[2].id, to: "县民政局", in: tx) }
            #expect(referred.outcome == .referred)

            let request = TopicDemandRequest(category: "roads", quantity: try Quantity(Money.yuan(2_000)), priority: try Priority(4))
            let turned = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.turnIntoDemand(meeting.topics[1].id, request, in: tx) }
            let demandKey = try #require(turned.demandExternalID)
            let demand = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items.first { $0.externalID == demandKey }
            #expect(demand?.state == .submitted && demand?.title == "巷道坑洼")
            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(try #require(demand?.id), in: tx) }
            #expect(detail.demand.sourceChannel == .benchTalk)

            // A settled topic does not move again; the refusal names where it is.
            do {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.refer(meeting.topics[0].id, to: "街道", in: tx) }
                Issue.record("a settled topic moved")
            } catch let error as RegistryError {
                #expect(error.code == .illegalTransition && error.chineseMessage.contains("已答复"))
            }
        }
    }

    @Test func aTopicsDemandResolvedByAProjectIsMarkedOnTheTopic() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await BenchTalkFixture.make(configuration)
            defer { Task { await f.close() } }
            let meeting = try await f.meeting(["巷道坑洼"])
            let turned = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.turnIntoDemand(
                meeting.topics[0].id, TopicDemandRequest(category: "roads", quantity: try Quantity(Money.yuan(2_000))), in: tx) }
            let id = try #require(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items.first?.id)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(id, to: .accepted, visibility: .public, in: tx) }
            let project = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(
                ProjectDraft(title: "巷道修补", responsibleUnit: "U001", demands: [try #require(turned.demandExternalID)],
                             allocations: [ProjectAllocationRequest(resource: "R001", quantity: "2000")]), in: tx) }.project.externalID!
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(project, in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.topics(in: tx) }[0].demandResolvedOn == nil)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.complete(project, in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.topics(in: tx) }[0].demandResolvedOn != nil)
            let summary = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.summary(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }
            #expect(summary.localName == "院坝会" && summary.meetings == 1 && summary.attendees == 23)
            #expect(summary.topics == 1 && summary.turnedIntoDemands == 1 && summary.demandsResolved == 1)
        }
    }

    @Test func overdueTopicsAndTheReportSection() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await BenchTalkFixture.make(configuration)
            defer { Task { await f.close() } }
            let may = try await f.meeting(["路灯坏了", "垃圾清运不及时"], on: "2024-05-08")
            _ = try await f.meeting(["停车难"], on: "2024-06-20")
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.answer(may.topics[0].id, answer: "已修好", in: tx) }
            let overdue = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.topics(overdueOn: try CivilDate("2024-06-22"), in: tx) }
            #expect(overdue.map(\.title) == ["垃圾清运不及时"])   // 停车难 is due 2024-06-25
            let summary = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.summary(from: try CivilDate("2024-05-01"), to: try CivilDate("2024-06-30"), in: tx) }
            #expect((summary.meetings, summary.topics, summary.answered, summary.open, summary.overdue) == (2, 3, 1, 2, 2))
            #expect(abs(summary.answeredShare - 1.0 / 3.0) < 1e-9)
        }
    }

    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await BenchTalkFixture.make(configuration)
            defer { Task { await f.close() } }
            await #expect(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.hold(MeetingDraft(heldOn: try CivilDate("2024-05-08"), placeCode: "G01", host: "王书记",
                                                    photos: ["file:///etc/passwd"], topics: ["路灯"]), in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await BenchTalkStore.hold(MeetingDraft(heldOn: try CivilDate("2024-05-08"), placeCode: "NOPE", host: "王书记", topics: ["路灯"]), in: tx) }
            }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.topics(in: tx) }.isEmpty)
        }
    }

    @Test func aDisabledModuleDoesNothingAndKeepsItsDataAndTenantsAreIsolated() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await BenchTalkFixture.make(configuration)
            defer { Task { await f.close() } }
            let other = try await BenchTalkFixture.make(configuration, slug: "shangjie", code: "410106", enabled: false)
            defer { Task { await other.close() } }
            _ = try await f.meeting(["路灯坏了"])
            await #expect(throws: RegistryStoreError.self) { try await other.meeting(["路灯坏了"]) }
            try await other.database.withTenant(other.tenant, actor: other.actor) { tx in try await ModuleStore.enable(BenchTalkModule.moduleID, in: tx) }
            #expect(try await other.database.withTenant(other.tenant, actor: other.actor, readOnly: true) { tx in try await BenchTalkStore.topics(in: tx) }.isEmpty)   // not langao's topic

            let (from, to) = (try CivilDate("2024-01-01"), try CivilDate("2024-12-31"))
            let sections = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ModuleStore.reportSections(from: from, to: to, in: tx) }
            #expect(sections.map(\.module) == [BenchTalkModule.moduleID] && sections[0].title.hasPrefix("院坝会"))
            #expect(sections[0].figures.first { $0.label.hasPrefix("议题") }?.value == "1")
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(BenchTalkModule.moduleID, in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ModuleStore.reportSections(from: from, to: to, in: tx) }.isEmpty)
            await #expect(throws: RegistryStoreError.self) { try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await BenchTalkStore.topics(in: tx) } }
            let kept = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT count(*) AS n FROM bench_talk_topic")[0].decode(Int.self, "n")
            }
            #expect(kept == 1)
        }
    }
}
