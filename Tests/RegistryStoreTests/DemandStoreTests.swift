import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// Filing, reading and listing demands, against the real server.
@Suite struct DemandStoreTests {
    @Test func filesADraftOrASubmittedDemandAndReadsItBack() async throws {
        try await DemandFixture.with { f in
            let draft = try await f.file(try f.draft("路灯维修", at: "G12", category: "公共设施"), submit: false)
            let submitted = try await f.file(try f.draft("屋顶漏水", quantity: try Quantity(Money.yuan(1_500))))
            let first = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(draft, in: tx) }
            #expect(first.demand.state == .draft && first.history.isEmpty)
            #expect(first.demand.category == "public_facilities" && first.categoryName == "公共设施")
            #expect(first.orgCode == "G12" && first.orgName == "东坡二网格")
            let second = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(submitted, in: tx) }
            #expect(second.demand.state == .submitted)
            #expect(try second.demand.quantity == Quantity(150_000, .yuan))
            #expect(second.history.map(\.toState) == [.submitted])
            #expect(second.history.first?.visibility == .public)
            #expect(second.publicHistory.current == .received)
        }
    }

    @Test func aDemandStartsOnTheRungWhereItArises() async throws {
        try await DemandFixture.with { f in
            var levels: [EscalationLevel] = []
            for (code, title) in [("G11", "楼道灯"), ("C1", "社区活动室"), ("S2", "镇道路")] {
                let id = try await f.file(try f.draft(title, at: code))
                levels.append(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }.demand.escalationLevel)
            }
            #expect(levels == [.grid, .community, .street])
            // So does an imported one, and it is on the community's desk.
            let csv = "external_id,title,category,org_code,quantity,measure_unit\nX1,社区需求,roads,C3,1,job\n"
            _ = try await f.importFile(Data(csv.utf8))
            let desk = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await DemandStore.list(DemandFilter(level: .community, open: true), in: tx)
            }
            #expect(desk.items.map(\.title).sorted() == ["社区活动室", "社区需求"])
        }
    }

    /// A district's days are its own: 20:00 UTC on 30 September is 1 October in Beijing time,
    /// the default; set to UTC, the same instant is 30 September again.
    @Test func daysAreCountedInTheDistrictsTimeZone() async throws {
        try await DemandFixture.with { f in
            let id = try await f.file(try f.draft("夜里上报的"))
            try await f.database.operatorPool.execute("UPDATE demand SET filed_at = '2026-09-30 20:00:00+00' WHERE tenant_id = \(f.tenant) AND id = \(id.rawValue)")
            func listed(from: String? = nil, to: String? = nil) async throws -> [String] {
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                    try await DemandStore.list(DemandFilter(filedFrom: try from.map { try CivilDate($0) }, filedTo: try to.map { try CivilDate($0) }), in: tx)
                }.items.map(\.filedOn.description)
            }
            #expect(try await listed() == ["2026-10-01"])
            #expect(try await listed(from: "2026-10-01") == ["2026-10-01"])
            #expect(try await listed(to: "2026-09-30").isEmpty)
            let utc = try await TenantStore(database: f.database).update(f.tenant.uuidString, timeZone: "UTC")
            #expect(utc.settings.timeZone == "UTC")
            #expect(try await listed() == ["2026-09-30"])
            #expect(try await listed(to: "2026-09-30") == ["2026-09-30"])
            await #expect(throws: RegistryError.self) { try await TenantStore(database: f.database).update(f.tenant.uuidString, timeZone: "Mars/Olympus") }
        }
    }

    @Test func aGeneratedExternalIDStepsAsideForOneTheDistrictAlreadyUses() async throws {
        try await DemandFixture.with { f in
            let first = try await f.file(try f.draft("路灯维修"))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(first, in: tx) }.demand.externalID == "GR-D\(first.rawValue)")
            // An imported row already calls itself what the next demand would be called.
            var imported = try f.draft("外来编号")
            imported.externalID = "GR-D\(first.rawValue + 2)"
            let taken = try await f.file(imported)
            #expect(taken.rawValue == first.rawValue + 1)
            let next = try await f.file(try f.draft("楼道灯不亮"))
            #expect(next.rawValue == first.rawValue + 2)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(next, in: tx) }.demand.externalID == "GR-D\(next.rawValue)-2")
        }
    }

    @Test func aDemandIsNamedByExternalIDOrNumberAndNeverGuessed() async throws {
        try await DemandFixture.with { f in
            let first = try await f.file(try f.draft("第一条", externalID: "A-1"))
            // A second demand whose external id is the first one's number.
            let second = try await f.file(try f.draft("第二条", externalID: "\(first.rawValue)"))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.id(of: "A-1", in: tx) } == first)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.id(of: "#\(first.rawValue)", in: tx) } == first)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.id(of: "#\(second.rawValue)", in: tx) } == second)
            let ambiguous = try await #require(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.id(of: "\(first.rawValue)", in: tx) }
            }
            #expect("\(ambiguous)".contains("#\(second.rawValue)"))
            await #expect(throws: RegistryStoreError.self) { try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.id(of: "nothing", in: tx) } }
        }
    }

    @Test func refusesUnknownReferencesAndBadValues() async throws {
        try await DemandFixture.with { f in
            // An unknown category or org code is a problem of its field, named with the others.
            let category = try await #require(throws: InvalidFields.self) { try await f.file(try f.draft(category: "nonsense")) }
            #expect(category.problems.map(\.field) == ["category"] && category.problems[0].value == "nonsense")
            let place = try await #require(throws: InvalidFields.self) { try await f.file(try f.draft(at: "X9")) }
            #expect(place.problems.map(\.field) == ["org_code"] && place.problems[0].value == "X9")
            await #expect(throws: RegistryStoreError.notFound(kind: "demand 需求", key: "424242")) {
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(424_242, in: tx) }
            }
            let long = try await #require(throws: InvalidFields.self) {
                try await f.file(try f.draft(String(repeating: "长", count: 201)))
            }
            #expect(long.problems.map(\.field) == ["title"])
            try await f.file(try f.draft(externalID: "D-1"))
            let taken = try await #require(throws: RegistryStoreError.self) { try await f.file(try f.draft(externalID: "D-1")) }
            guard case .conflict = taken else { Issue.record("expected a conflict, got \(taken)"); return }
            #expect(try await f.total("demand") == 1)
        }
    }

    @Test func listsFilterByStateCategoryOrgSubtreeDatesAndTitle() async throws {
        try await DemandFixture.with { f in
            let lamp = try await f.file(try f.draft("楼道灯不亮", at: "G11", category: "housing_repair", filedOn: "2024-03-05"))
            let road = try await f.file(try f.draft("路面破损", at: "G21", category: "roads", filedOn: "2024-04-10"))
            let care = try await f.file(try f.draft("老年日间照料", at: "C3", category: "elderly_care", filedOn: "2024-05-20"))
            let draft = try await f.file(try f.draft("灯杆歪斜", at: "C1", category: "roads", filedOn: "2024-06-01"), submit: false)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(road, to: .accepted, visibility: .internal, in: tx) }

            func ids(_ filter: DemandFilter) async throws -> [DemandID] {
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(filter, in: tx) }.items.map(\.id)
            }
            #expect(try await ids(DemandFilter()) == [draft, care, road, lamp])
            #expect(try await ids(DemandFilter(state: .submitted)) == [care, lamp])
            #expect(try await ids(DemandFilter(category: "roads")) == [draft, road])
            #expect(try await ids(DemandFilter(category: "道路交通")) == [draft, road])
            #expect(try await ids(DemandFilter(under: "S1")) == [draft, road, lamp])
            #expect(try await ids(DemandFilter(under: "C1")) == [draft, lamp])
            #expect(try await ids(DemandFilter(under: "G21")) == [road])
            #expect(try await ids(DemandFilter(under: "S2")) == [care])
            #expect(try await ids(DemandFilter(filedFrom: try CivilDate("2024-04-10"), filedTo: try CivilDate("2024-05-20"))) == [care, road])
            #expect(try await ids(DemandFilter(search: "灯")) == [draft, lamp])
            #expect(try await ids(DemandFilter(search: "%")).isEmpty)
            #expect(try await ids(DemandFilter(state: .submitted, category: "housing_repair", under: "S1", search: "楼道")) == [lamp])
            await #expect(throws: RegistryStoreError.notFound(kind: "org unit 组织", key: "C9")) {
                try await ids(DemandFilter(under: "C9"))
            }

            let item = try #require(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(DemandFilter(under: "G21"), in: tx) }.items.first)
            #expect(item.title == "路面破损" && item.orgCode == "G21" && item.orgName == "滨河一网格")
            #expect(item.categoryName == "道路交通" && item.state == .accepted && item.filedOn.description == "2024-04-10")
        }
    }

    @Test func keysetPagesNeitherRepeatNorSkipWhileDemandsAreFiled() async throws {
        try await DemandFixture.with { f in
            var original: [DemandID] = []
            for index in 1...23 { original.append(try await f.file(try f.draft("需求 \(index)", at: index % 2 == 0 ? "G11" : "C3"))) }
            var seen: [DemandID] = []
            var cursor: DemandID?
            var pages = 0
            var filedMeanwhile: [DemandID] = []
            repeat {
                let page = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(limit: 5, after: cursor, in: tx) }
                #expect(page.items.count <= 5)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                pages += 1
                // Others keep filing between two pages.
                filedMeanwhile.append(try await f.file(try f.draft("新需求 \(pages)", at: "C3")))
            } while cursor != nil
            #expect(pages == 5)
            #expect(seen == original.reversed())
            #expect(Set(seen).isDisjoint(with: filedMeanwhile))
            // A fresh first page starts with what was filed meanwhile.
            let fresh = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(limit: 5, in: tx) }
            #expect(fresh.items.map(\.id) == Array(filedMeanwhile.reversed()))

            // The same under a filter: only G11's demands, in pages of 4.
            var filtered: [DemandID] = []
            cursor = nil
            repeat {
                let page = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(DemandFilter(under: "C1"), limit: 4, after: cursor, in: tx) }
                filtered += page.items.map(\.id)
                cursor = page.nextCursor
                try await f.file(try f.draft("又一条", at: "G12"))
            } while cursor != nil
            #expect(filtered == original.enumerated().filter { ($0.offset + 1) % 2 == 0 }.map(\.element).reversed())
        }
    }
}
