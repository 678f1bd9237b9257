import Deliberation
import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct DeliberationTests {
    @Test func aCaseGoesThroughTheStepsInOrderAndClosesAtTheLast() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open()
            #expect(opened.step == "征集议题" && opened.placeName == "东坡一网格" && opened.closedOn == nil)
            // Skipping a step, going back, staying, and closing early are refused, naming where the case is and what may come next.
            for step in ["公示结果", "征集议题", "不存在的步骤"] {
                do {
                    _ = try await f.advance(opened.id, to: step)
                    Issue.record("moved to \(step)")
                } catch let error as RegistryError {
                    #expect(error.code == .illegalTransition && error.chineseMessage.contains("「征集议题」") && error.chineseMessage.contains("「组织协商」"))
                }
            }
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.close(opened.id, in: tx) } }
            for step in ["组织协商", "公示结果", "监督执行", "反馈评议"] { #expect(try await f.advance(opened.id, to: step).step == step) }
            do {
                _ = try await f.advance(opened.id, to: "征集议题")
                Issue.record("went back")
            } catch let error as RegistryError {
                #expect(error.code == .illegalTransition && error.chineseMessage.contains("只能办结"))
            }
            // A case closes with its result, and a result comes out of a round held.
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.close(opened.id, in: tx) } }
            await #expect(throws: RegistryError.self) { try await f.settle(opened.id, result: .unsettled) }
            _ = try await f.round(opened.id)
            #expect(try await f.settle(opened.id, result: .unsettled).result == .unsettled)
            let closed = try await f.write { tx in try await DeliberationStore.close(opened.id, on: try CivilDate("2024-06-01"), in: tx) }
            #expect(closed.closedOn?.description == "2024-06-01")
            // A closed case takes nothing more.
            await #expect(throws: RegistryError.self) { try await f.round(opened.id) }
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.close(opened.id, in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await f.advance(999_999, to: "组织协商") }
        }
    }

    @Test func aDistrictsOwnStepsRolesAndKindsAreTheOnesAllowed() async throws {
        try await TestDatabase.withMigrated { configuration in
            // Fuhua's six-step loop, its own roles and kinds.
            let f = try await DeliberationFixture.make(configuration, settings: """
                {"steps": ["问题采集", "分析研判", "上报网格", "联动处理", "结果反馈", "居民评价"],
                 "roles": ["党员楼栋长", "自管会", "居民"], "matter_kinds": ["楼院事"]}
                """)
            defer { Task { await f.close() } }
            await #expect(throws: RegistryError.self) { try await f.open(kind: "邻里事") }
            let opened = try await f.open(kind: "楼院事")
            #expect(opened.step == "问题采集")
            #expect(try await f.advance(opened.id, to: "分析研判").step == "分析研判")
            await #expect(throws: RegistryError.self) { try await f.advance(opened.id, to: "联动处理") }
            do {
                _ = try await f.round(opened.id, [Attendance(role: "物业企业", count: 1)])
                Issue.record("a role the district does not name was accepted")
            } catch let error as RegistryError {
                #expect(error.field == "attendance.role" && error.chineseMessage.contains("党员楼栋长"))
            }
            #expect(try await f.round(opened.id, [Attendance(role: "自管会", count: 3)]).rounds.count == 1)
            // Bad lists are refused naming the key, and the settings stay as they were.
            for (document, key) in [(#"{"steps": []}"#, "steps"), (#"{"roles": ["居民", " 居民"]}"#, "roles"), (#"{"matter_kinds": "楼院事"}"#, "matter_kinds")] {
                do {
                    try await f.write { tx in try await ModuleStore.enable(DeliberationModule.moduleID, settings: Data(document.utf8), in: tx) }
                    Issue.record("accepted \(document)")
                } catch let error as ModuleSettingsError {
                    #expect(error.key == key)
                }
            }
            let settings = try await f.read { tx in try await ModuleStore.settings(of: DeliberationModule.moduleID, in: tx) }
            #expect(settings?.textList("steps")?.count == 6 && settings?.textList("matter_kinds") == ["楼院事"])
        }
    }

    @Test func roundsRecordAttendanceByRoleAndKeepNamesPrivate() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open()
            for day in ["2024-03-05", "2024-03-19", "2024-04-02", "2024-04-16", "2024-04-30"] { _ = try await f.round(opened.id, on: day) }
            let sixth = try await f.round(opened.id, on: "2024-05-14", [
                Attendance(role: "党组织书记", count: 1), Attendance(role: "物业企业", count: 1, position: "同意各担一半"),
                Attendance(role: "居民代表", names: [try PersonalName("张三丰"), try PersonalName("李四")], position: "同意各担一半"),
                Attendance(role: "利益相关方", count: 5, names: [try PersonalName("王五")]),
            ])
            #expect(sixth.rounds.map(\.number) == [1, 2, 3, 4, 5, 6] && sixth.deliberationCase.rounds == 6)
            let last = try #require(sixth.rounds.last)
            #expect(last.attendance.map(\.role) == ["党组织书记", "物业企业", "居民代表", "利益相关方"])
            #expect(last.attendance[2].attendees == 2 && last.attendance[2].names == ["张**", "李*"] && last.attendance[3].attendees == 5)
            // The names are stored, but the audit log never holds them.
            let audit = try await f.read { tx in
                try await tx.connection.query("""
                    SELECT count(*) AS rows, count(*) FILTER (WHERE after::text LIKE '%张三丰%' OR after::text LIKE '%王五%') AS named
                    FROM audit_log WHERE table_name = 'deliberation_attendance'
                    """)[0]
            }
            #expect(try audit.decode(Int.self, "rows") == 14 && audit.decode(Int.self, "named") == 0)

            // Bad rounds are refused and write nothing.
            let bad: [[Attendance]] = [
                [], [Attendance(role: "路人", count: 1)], [Attendance(role: "居民代表", count: 1), Attendance(role: "居民代表", count: 2)],
                [Attendance(role: "居民代表", count: 1, names: [try PersonalName("张三"), try PersonalName("李四")])],
                [Attendance(role: "居民代表", count: -1)],
            ]
            for attendance in bad { await #expect(throws: RegistryError.self) { try await f.round(opened.id, attendance) } }
            await #expect(throws: RegistryError.self) { try await f.round(opened.id, on: "2024-02-01") }   // before the case opened
            #expect(try await f.count("deliberation_round") == 6)
            #expect(try await f.count("deliberation_attendance") == 14)
        }
    }

    @Test func aCostSplitIsStoredExactlyAndMustAddUpToOneHundredPercent() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open()
            _ = try await f.round(opened.id)
            await #expect(throws: RegistryError.self) { try await f.settle(opened.id, ["物业企业=50", "居民=40"]) }
            await #expect(throws: RegistryError.self) {   // the store checks a split built by hand too
                try await f.write { tx in try await DeliberationStore.recordResult(opened.id, ResultDraft(result: .settled, agreement: "x",
                    split: CostSplit([CostShare(party: "物业企业", basisPoints: 5000), CostShare(party: "居民", basisPoints: 4000)])), in: tx) }
            }
            await #expect(throws: RegistryError.self) { try await f.settle(opened.id, ["物业企业=50", "居民=50"], result: .unsettled) }
            #expect(try await f.read { tx in try await DeliberationStore.show(opened.id, in: tx) }.deliberationCase.result == nil)

            let unsettled = try await f.settle(opened.id, result: .unsettled)
            #expect(unsettled.result == .unsettled && unsettled.split == nil)
            let settled = try await f.settle(opened.id, ["物业企业=50", "居民=50"])
            #expect(settled.result == .settled && settled.split?.shares == [CostShare(party: "物业企业", basisPoints: 5000), CostShare(party: "居民", basisPoints: 5000)])
            let stored = try await f.read { tx in
                try await tx.connection.query("SELECT split_basis_points::text AS bp FROM deliberation_case WHERE id = \(opened.id)")[0].decode(String.self, "bp")
            }
            #expect(stored == "{5000,5000}")
            // A settled result stays.
            do {
                _ = try await f.settle(opened.id, ["物业企业=60", "居民=40"])
                Issue.record("a settled result changed")
            } catch let error as RegistryError {
                #expect(error.code == .notAllowedInState && error.chineseMessage.contains("达成一致"))
            }
            // The database holds the invariant whatever the Swift side does.
            for (parties, points) in [("{物业企业,居民}", "{5000,4000}"), ("{}", "{}"), ("{物业企业,物业企业}", "{5000,5000}"), ("{物业企业,居民}", "{10000,0}")] {
                await #expect(throws: PostgresError.self) {
                    try await f.write { tx in
                        try await tx.connection.execute("""
                            UPDATE deliberation_case SET split_parties = \(parties)::text[], split_basis_points = \(points)::integer[] WHERE id = \(opened.id)
                            """)
                    }
                }
            }
        }
    }

    @Test func aSettledCaseBecomesADemandLinkedBothWays() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open()
            _ = try await f.round(opened.id)
            let request = CaseDemandRequest(category: "roads", quantity: try Quantity(Money.yuan(24_000)), priority: try Priority(4))
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.turnIntoDemand(opened.id, request, in: tx) } }
            _ = try await f.settle(opened.id, ["物业企业=50", "居民=50"])
            // A bad category rolls the whole move back: no demand, no link.
            await #expect(throws: (any Error).self) {
                try await f.write { tx in try await DeliberationStore.turnIntoDemand(opened.id, CaseDemandRequest(category: "no_such", quantity: request.quantity), in: tx) }
            }
            #expect(try await f.read { tx in try await DeliberationStore.show(opened.id, in: tx) }.deliberationCase.demandID == nil)

            let turned = try await f.write { tx in try await DeliberationStore.turnIntoDemand(opened.id, request, in: tx) }
            let demandID = try #require(turned.demandID)
            let demand = try await f.read { tx in try await DemandStore.get(demandID, in: tx) }.demand
            #expect(demand.sourceChannel == .deliberation && demand.state == .submitted && demand.title == "7号楼楼顶老化漏雨")
            #expect(demand.externalID == turned.demandExternalID && demand.details?.contains("物业企业 50.00%") == true)
            #expect(demand.details?.contains("协商议事 #\(opened.id)") == true)
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.turnIntoDemand(opened.id, request, in: tx) } }
        }
    }

    @Test func publishedResultsCarryNoNames() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let opened = try await f.open()
            _ = try await f.round(opened.id, [Attendance(role: "居民代表", names: [try PersonalName("张三丰")], position: "同意")])
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.publish(opened.id, text: "已协商", in: tx) } }
            _ = try await f.settle(opened.id, ["物业企业=50", "居民=50"])
            do {
                _ = try await f.write { tx in try await DeliberationStore.publish(opened.id, text: "张三丰等居民同意各担一半", in: tx) }
                Issue.record("a resident's name was published")
            } catch let error as RegistryError {
                #expect(error.field == "public_text")
            }
            let published = try await f.write { tx in try await DeliberationStore.publish(opened.id, text: "经协商，费用物业企业与居民各担一半。", on: try CivilDate("2024-05-25"), in: tx) }
            #expect(published.published && published.publishedOn?.description == "2024-05-25")
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.publish(opened.id, text: "再次公示", in: tx) } }
            // The split's parties and the title are published with the text: a name there is refused too.
            let other = try await f.open("另一议题")
            _ = try await f.round(other.id, [Attendance(role: "居民代表", names: [try PersonalName("李四海")], position: "同意")])
            _ = try await f.settle(other.id, ["物业企业=50", "李四海=50"])
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await DeliberationStore.publish(other.id, text: "经协商，各担一半。", in: tx) } }
            let results = try await f.read { tx in try await DeliberationStore.publishedResults(in: tx) }
            #expect(results.count == 1 && results[0].split?.shares.count == 2)
            let json = String(decoding: try JSONEncoder().encode(results), as: UTF8.self)
            #expect(!json.contains("张") && !json.contains("楼顶防水翻新"))   // no names, no internal agreement text
        }
    }

    @Test func theReportSectionCountsByKindAndStepWithRoundsAndTheShareSettled() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let roof = try await f.open()
            for day in ["2024-03-05", "2024-03-19", "2024-04-02", "2024-04-16", "2024-04-30", "2024-05-14"] { _ = try await f.round(roof.id, on: day) }
            _ = try await f.advance(roof.id, to: "组织协商")
            _ = try await f.settle(roof.id, ["物业企业=50", "居民=50"])
            let parking = try await f.open("停车难", on: "2024-04-01")
            _ = try await f.round(parking.id, on: "2024-04-10")
            _ = try await f.open("村道绿化", kind: "村里事", at: "C3", on: "2024-05-01")
            _ = try await f.open("去年的议题", on: "2023-12-01")   // outside the period
            let s = try await f.read { tx in try await DeliberationStore.summary(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }
            #expect(s.localName == "邻里议事圆桌会" && s.cases == 3 && s.rounds == 7 && s.maxRounds == 6 && s.settled == 1)
            #expect(abs(s.meanRounds - 7.0 / 3.0) < 1e-9 && abs(s.settledShare - 1.0 / 3.0) < 1e-9)
            #expect(s.byKind.map(\.name) == ["村里事", "邻里事", "家里事"] && s.byKind.map(\.count) == [1, 2, 0])
            #expect(s.byStep.first { $0.name == "征集议题" }?.count == 2 && s.byStep.first { $0.name == "组织协商" }?.count == 1)
            let open = try await f.read { tx in try await DeliberationStore.openByStep(in: tx) }
            #expect(open.map(\.name) == DeliberationModule.defaultProcedure.steps && open.map(\.count) == [3, 1, 0, 0, 0])

            // The console's page: open cases by step, then the open cases.
            let pages = try #require(DeliberationModule().contributions.compactMap { $0 as? any ModuleConsolePages }.first).pages
            let page = try await f.read { tx in try await pages[0].read([:], tx) }
            #expect(pages.map(\.path) == ["cases"] && page.sections[0].rows.first == ["征集议题", "3"] && page.sections[1].rows.count == 4)

            let sections = try await f.read { tx in try await ModuleStore.reportSections(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }
            #expect(sections.map(\.module) == [DeliberationModule.moduleID] && sections[0].title.hasPrefix("邻里议事圆桌会"))
            #expect(sections[0].figures.first { $0.label.hasPrefix("轮次") }?.value == "2.3 / 6")
            #expect(sections[0].figures.first { $0.label.hasPrefix("达成一致") }?.value == "1 (33%)")
        }
    }

    @Test func aDisabledModuleDoesNothingAndTenantsAreIsolated() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await DeliberationFixture.make(configuration)
            defer { Task { await f.close() } }
            let other = try await DeliberationFixture.make(configuration, slug: "shangjie", code: "410106", settings: nil)
            defer { Task { await other.close() } }
            let opened = try await f.open()
            await #expect(throws: RegistryStoreError.self) { try await other.open() }
            try await other.write { tx in try await ModuleStore.enable(DeliberationModule.moduleID, in: tx) }
            #expect(try await other.read { tx in try await DeliberationStore.cases(in: tx) }.isEmpty)   // not langao's case
            await #expect(throws: RegistryStoreError.self) { try await other.advance(opened.id, to: "组织协商") }
            #expect(try await other.count("deliberation_case") == 0)

            try await f.write { tx in try await ModuleStore.disable(DeliberationModule.moduleID, in: tx) }
            await #expect(throws: RegistryStoreError.self) { try await f.advance(opened.id, to: "组织协商") }
            await #expect(throws: RegistryStoreError.self) { try await f.read { tx in try await DeliberationStore.cases(in: tx) } }
            #expect(try await f.read { tx in try await ModuleStore.reportSections(from: try CivilDate("2024-01-01"), to: try CivilDate("2024-12-31"), in: tx) }.isEmpty)
            #expect(try await f.count("deliberation_case") == 1)   // its data stays
        }
    }
}
