import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// The list by index (migration 0032): the subtree is a copy of the org unit's path on each
/// demand, so these tests fail if that copy goes stale; search and pages must neither miss nor
/// leak nor repeat.
@Suite struct DemandStoreListTests {
    @Test func theSubtreeFollowsAnOrgUnitMove() async throws {
        try await DemandFixture.with { f in
            let lamp = try await f.file(try f.draft("楼道灯不亮", at: "G11"))
            let road = try await f.file(try f.draft("路面破损", at: "G21"))
            let care = try await f.file(try f.draft("老年日间照料", at: "C3"))
            #expect(try await f.ids(DemandFilter(under: "S2")) == [care])
            // C1 with its grids goes from S1 to S2: its demand follows, at every depth.
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await OrgUnitStore.move("C1", under: "S2", in: tx) }
            #expect(try await f.ids(DemandFilter(under: "S2")) == [care, lamp])
            #expect(try await f.ids(DemandFilter(under: "S1")) == [road])
            #expect(try await f.ids(DemandFilter(category: "housing_repair", under: "S2")) == [care, lamp])
            #expect(try await f.ids(DemandFilter(state: .submitted, under: "C1")) == [lamp])
            // …and back to the top.
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await OrgUnitStore.move("C1", under: nil, in: tx) }
            #expect(try await f.ids(DemandFilter(under: "S2")) == [care])
            #expect(try await f.ids(DemandFilter(under: "C1")) == [lamp])
            #expect(try await f.stalePaths() == 0)
        }
    }

    @Test func theSubtreeFollowsADemandMovedToAnotherOrgUnit() async throws {
        try await DemandFixture.with { f in
            let header = "external_id,title,category,org_code,source_channel,quantity,measure_unit\n"
            _ = try await f.importFile(Data((header + "D1,楼道灯不亮,housing_repair,G11,other,1,job\n").utf8))
            let lamp = try #require(try await f.ids(DemandFilter()).first)
            #expect(try await f.ids(DemandFilter(under: "S1")) == [lamp])
            // A file moves it to S2's community.
            _ = try await f.importFile(Data((header + "D1,楼道灯不亮,housing_repair,C3,other,1,job\n").utf8))
            #expect(try await f.ids(DemandFilter(under: "S1")).isEmpty)
            #expect(try await f.ids(DemandFilter(under: "C3")) == [lamp])
            // A writer that changes the org unit alone (not through the store) is followed too.
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await tx.connection.execute("""
                    UPDATE demand SET org_unit_id = (SELECT id FROM org_unit WHERE tenant_id = \(f.tenant) AND code = 'G21')
                    WHERE tenant_id = \(f.tenant) AND id = \(lamp.rawValue)
                    """)
            }
            #expect(try await f.ids(DemandFilter(under: "C2")) == [lamp])
            #expect(try await f.ids(DemandFilter(under: "S2")).isEmpty)
            #expect(try await f.stalePaths() == 0)
            // And a path that is not its org unit's is refused by the database.
            await #expect(throws: PostgresError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                    try await tx.connection.execute("UPDATE demand SET org_path = '/1/' WHERE tenant_id = \(f.tenant) AND id = \(lamp.rawValue)")
                }
            }
        }
    }

    @Test func searchFindsItsDistrictsTitlesOnly() async throws {
        try await DemandFixture.with { langao in
            let pingli = try await langao.sibling("pingli", "610926")
            let leak = try await langao.file(try langao.draft("屋顶漏水（3号楼）", at: "G11"))
            let lamp = try await langao.file(try langao.draft("LED 路灯不亮 50%", at: "C3"))
            let elsewhere = try await pingli.file(try pingli.draft("屋顶漏水（3号楼）", at: "G11"))
            #expect(try await langao.ids(DemandFilter(search: "漏水")) == [leak])
            #expect(try await pingli.ids(DemandFilter(search: "漏水")) == [elsewhere])
            #expect(try await langao.ids(DemandFilter(search: "led")) == [lamp])
            #expect(try await langao.ids(DemandFilter(search: "50%")) == [lamp])
            #expect(try await langao.ids(DemandFilter(search: "5_%")).isEmpty)
            #expect(try await langao.ids(DemandFilter(search: "路灯坏了")).isEmpty)
            #expect(try await langao.ids(DemandFilter(under: "S1", search: "漏水")) == [leak])
            #expect(try await langao.ids(DemandFilter(under: "S2", search: "漏水")).isEmpty)
        }
    }

    @Test func keysetPagesReturnEveryMatchOnceNewestFirst() async throws {
        try await DemandFixture.with { f in
            let places = ["G11", "G12", "G21", "C1", "C3", "S2"]
            let categories = ["housing_repair", "roads", "elderly_care"]
            var filed: [(id: DemandID, place: String, category: String, submitted: Bool)] = []
            for index in 0..<40 {
                let place = places[index % places.count], category = categories[index % categories.count]
                let id = try await f.file(try f.draft("需求 \(index)", at: place, category: category), submit: index % 4 != 0)
                filed.append((id, place, category, index % 4 != 0))
            }
            let inS1: Set = ["G11", "G12", "G21", "C1"], inC1: Set = ["G11", "G12", "C1"]
            let cases: [(DemandFilter, [DemandID])] = [
                (DemandFilter(), filed.map(\.id)),
                (DemandFilter(state: .submitted), filed.filter(\.submitted).map(\.id)),
                (DemandFilter(category: "roads"), filed.filter { $0.category == "roads" }.map(\.id)),
                (DemandFilter(under: "S1"), filed.filter { inS1.contains($0.place) }.map(\.id)),
                (DemandFilter(under: "G12"), filed.filter { $0.place == "G12" }.map(\.id)),
                (DemandFilter(state: .draft, under: "C1"), filed.filter { !$0.submitted && inC1.contains($0.place) }.map(\.id)),
                (DemandFilter(category: "elderly_care", under: "S1"),
                 filed.filter { $0.category == "elderly_care" && inS1.contains($0.place) }.map(\.id)),
                (DemandFilter(under: "S2", level: .community, open: true),
                 filed.filter { $0.place == "C3" && $0.submitted }.map(\.id)),
                (DemandFilter(search: "需求 1"), filed.enumerated().filter { "\($0.offset)".hasPrefix("1") }.map(\.element.id)),
            ]
            for (filter, expected) in cases {
                var seen: [DemandID] = []
                var cursor: DemandID?
                repeat {
                    let page = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                        try await DemandStore.list(filter, limit: 3, after: cursor, in: tx)
                    }
                    #expect(page.items.count <= 3)
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(!expected.isEmpty, "\(filter)")
                #expect(seen == expected.reversed(), "\(filter)")
            }
        }
    }

    @Test func explainShowsThePlanOfThePagesQuery() async throws {
        try await DemandFixture.with { f in
            try await f.file(try f.draft("楼道灯不亮", at: "G11"))
            let plan = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await DemandStore.explainList(DemandFilter(under: "S1"), in: tx)
            }
            #expect(plan.contains { $0.contains("org_path >=") })
            #expect(plan.contains { $0.contains("Execution Time") })
        }
    }
}

extension DemandFixture {
    /// The ids of the first page of `filter`, newest first.
    func ids(_ filter: DemandFilter) async throws -> [DemandID] {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in try await DemandStore.list(filter, in: tx) }.items.map(\.id)
    }

    /// Demands, in any district, whose copy of the path is not their org unit's.
    func stalePaths() async throws -> Int {
        try await database.operatorPool.query("""
            SELECT count(*) AS n FROM demand d JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
            WHERE d.org_path IS DISTINCT FROM o.path
            """)[0].decode(Int.self, "n")
    }
}
