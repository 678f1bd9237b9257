import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg import units|members|resources`, `govreg unit …`, `govreg resource …`, `govreg project …`
/// and `govreg export …`, run as an operator runs them, against a fresh database on the test server.
/// Further tests of this suite: ListCommandTests+Projects.swift, ListCommandTests+RoundTrip.swift.
@Suite struct ListCommandTests {
    typealias Govreg = ([String]) async throws -> GovregProcess.Outcome

    static let hierarchy = """
        code,name,kind,parent_code
        S1,城关镇,town,
        C1,东坡社区,community,S1
        G11,东坡一网格,grid,C1
        C2,滨河社区,community,S1
        """

    /// Chinese headers and vocabulary.
    static let units = """
        单位编号,单位名称,单位类型,联系人,联系电话,地址,包联社区
        U1,县教育局,政府部门,张三,13812345678,"城关镇1号, 东楼",C1;C2
        U2,县电力公司,国有企业,李四,13900001111,,C2
        """

    /// English headers.
    static let members = """
        external_id,name,phone,id_card,unit_external_id,community_code,registered_on
        M1,王五,13711112222,11010519491231002X,U1,C1,2024-03-05
        M2,赵六,13622223333,,U2,C2,2024/4/1
        """

    static let resources = """
        external_id,unit_external_id,title,description,category,kind,capacity,measure_unit,unit_cost,service_area,available_from,available_until,status,is_public,published_on
        R1,U1,助学资金,"奖学金, 助学",教育培训,funds,"¥10,000.00",元,,C1,2024-01-01,2024-12-31,,是,2024-02-01
        R2,U2,电工志愿服务,,roads,volunteer_hours,200,志愿服务时长,,,,,available,no,
        """

    /// A fresh migrated database and a way to run govreg against it.
    func withGovreg(_ body: (_ govreg: Govreg, _ folder: URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-lists-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", TestDatabase.shippedMigrations.path]
            let govreg: Govreg = { arguments in try await GovregProcess.run(arguments + common, environment: environment) }
            let migrate = try await govreg(["db", "migrate"])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            try await body(govreg, folder)
        }
    }

    func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appending(path: name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The units, members and resources as `… list --json` prints them.
    func listings(_ govreg: Govreg) async throws -> [String] {
        var printed: [String] = []
        for command in [["unit", "list"], ["unit", "members"], ["resource", "list"]] {
            printed.append(try await govreg(command + ["--tenant", "langao", "--json"]).stdout)
        }
        return printed
    }

    /// The JSON object printed on stdout.
    func object(_ outcome: GovregProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stdout)\(outcome.stderr)")
    }

    /// The `items` of a `… list --json` page.
    func items(_ outcome: GovregProcess.Outcome) throws -> [[String: Any]] {
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(try object(outcome)["items"] as? [[String: Any]])
    }

    /// A tenant with the org hierarchy, and (if `lists`) the units, members and resources above.
    func district(_ slug: String, _ code: String, lists: Bool, _ govreg: Govreg, _ folder: URL) async throws {
        let created = try await govreg(["tenant", "create", slug, "--name", slug, "--division-code", code])
        #expect(created.status == 0, "\(created.stderr)")
        let org = try await govreg(["org", "import", try write(Self.hierarchy, "org.csv", in: folder), "--tenant", slug])
        #expect(org.status == 0, "\(org.stderr)")
        guard lists else { return }
        for (list, text) in [("units", Self.units), ("members", Self.members), ("resources", Self.resources)] {
            let imported = try await govreg(["import", list, try write(text, "\(list).csv", in: folder), "--tenant", slug])
            #expect(imported.status == 0 && imported.stdout.contains("2 new"), "\(list): \(imported.stdout)\(imported.stderr)")
        }
    }

    @Test func importsUnitsMembersAndResourcesDryRunFirst() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            let units = try write(Self.units, "units.csv", in: folder)
            let dry = try await govreg(["import", "units", units, "--tenant", "langao", "--dry-run"])
            #expect(dry.status == 0 && dry.stdout.contains("2 new"), "\(dry.stdout)\(dry.stderr)")
            #expect(try await items(govreg(["unit", "list", "--tenant", "langao", "--json"])).isEmpty)

            let first = try await govreg(["import", "units", units, "--tenant", "langao", "--json"])
            let summary = try object(first)
            #expect(first.status == 0 && summary["inserted"] as? Int == 2 && summary["updated"] as? Int == 0)
            let again = try await object(govreg(["import", "units", units, "--tenant", "langao", "--json"]))
            #expect(again["unchanged"] as? Int == 2 && again["inserted"] as? Int == 0)

            let members = try write(Self.members, "members.csv", in: folder)
            let dryMembers = try await govreg(["import", "members", members, "--tenant", "langao", "--dry-run", "--json"])
            let dryCount = try object(dryMembers)["inserted"] as? Int
            #expect(dryMembers.status == 0 && dryCount == 2, "\(dryMembers.stderr)")
            #expect(try await items(govreg(["unit", "members", "--tenant", "langao", "--json"])).isEmpty)
            #expect(try await govreg(["import", "members", members, "--tenant", "langao"]).stdout.contains("2 new"))

            let resources = try write(Self.resources, "resources.csv", in: folder)
            #expect(try await govreg(["import", "resources", resources, "--tenant", "langao", "--dry-run"]).status == 0)
            #expect(try await items(govreg(["resource", "list", "--tenant", "langao", "--json"])).isEmpty)
            let imported = try await govreg(["import", "resources", resources, "--tenant", "langao"])
            #expect(imported.status == 0 && imported.stdout.contains("2 new"), "\(imported.stderr)")

            let list = try await items(govreg(["unit", "list", "--tenant", "langao", "--json"]))
            #expect(list.map { $0["external_id"] as? String } == ["U1", "U2"])
            #expect(list.map { $0["kind"] as? String } == ["department", "state_enterprise"])
            #expect((list[0]["communities"] as? [[String: Any]])?.map { $0["code"] as? String } == ["C1", "C2"])
            #expect(list.map { $0["member_count"] as? Int } == [1, 1] && list.map { $0["resource_count"] as? Int } == [1, 1])
            let registered = try await items(govreg(["unit", "members", "--tenant", "langao", "--json"]))
            #expect(registered.map { $0["registered_on"] as? String } == ["2024-03-05", "2024-04-01"])
            #expect(registered.map { $0["community_code"] as? String } == ["C1", "C2"])

            let r1 = try await object(govreg(["resource", "show", "R1", "--tenant", "langao", "--json"]))
            let resource = try #require(r1["resource"] as? [String: Any])
            #expect(resource["kind"] as? String == "funds" && resource["category"] as? String == "education")
            #expect(resource["pledged"] as? String == "10000.00" && resource["remaining"] as? String == "10000.00")
            #expect(resource["is_public"] as? Bool == true && resource["service_area"] as? [String] == ["C1"])
        }
    }

    @Test func aFileWithErrorsInSeveralRowsNamesEachLineAndWritesNothing() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let before = try await listings(govreg)
            // Row 2 would update U1 and row 5 is good: nothing of either may be written.
            let badUnits = """
                external_id,name,kind,contact_name,contact_phone,address,communities
                U1,改名的教育局,department,,,,C1
                U3,新单位,martian,,,,C1
                U4,,school,,,,C2
                U6,第六单位,school,,,,C9
                U7,好单位,school,,,,C2
                """
            let refused = try await govreg(["import", "units", try write(badUnits, "bad-units.csv", in: folder), "--tenant", "langao"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("nothing was written") && refused.stderr.contains("3 problem"), "\(refused.stderr)")
            #expect(refused.stderr.contains("line 3, column kind (\"martian\")"))
            #expect(refused.stderr.contains("line 4, column name"))
            #expect(refused.stderr.contains("line 5, column communities (\"C9\")"))
            #expect(!refused.stderr.contains("line 2,") && !refused.stderr.contains("line 6,"))

            let badMembers = """
                人员编号,姓名,手机号,身份证号,报到单位编号,报到社区编码,报到日期
                M3,孙七,13700000000,110105194912310021,U1,C1,2024-03-05
                M4,周八,,,U9,C1,2024-03-05
                M5,吴九,,,U2,C2,2024-02-30
                """
            let json = try await govreg(["import", "members", try write(badMembers, "bad-members.csv", in: folder), "--tenant", "langao", "--json"])
            #expect(json.status == 1)
            let report = try object(json)
            let issues = try #require(report["issues"] as? [[String: Any]])
            #expect(report["rejected"] as? Bool == true && report["total"] as? Int == 3)
            // Every row's problem is reported, in file order (row checks and reference checks merged).
            #expect(issues.compactMap { $0["line"] as? Int } == [2, 3, 4])
            let columns = Dictionary(uniqueKeysWithValues: issues.compactMap { issue in
                (issue["line"] as? Int).map { ($0, issue["column"] as? String ?? "") }
            })
            #expect(columns[2] == "身份证号" && columns[4] == "报到日期")
            // The reference check names the column as the file's header wrote it.
            #expect(columns[3] == "报到单位编号")

            let badResources = Self.resources
                .replacingOccurrences(of: "R1,U1,", with: "R1,U9,")
                .replacingOccurrences(of: ",200,", with: ",-5,")
            let refusedResources = try await govreg(["import", "resources", try write(badResources, "bad-res.csv", in: folder), "--tenant", "langao"])
            #expect(refusedResources.status == 1)
            #expect(refusedResources.stderr.contains("line 2, column unit_external_id") && refusedResources.stderr.contains("line 3, column capacity"),
                    "\(refusedResources.stderr)")

            let after = try await listings(govreg)
            #expect(after == before)
            #expect(after[0].contains("县教育局") && !after[0].contains("改名的教育局") && !after[0].contains("U7"))
        }
    }

    @Test func listsMaskContactsAndPublicExportsHoldNoPersonalData() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let table = try await govreg(["unit", "list", "--tenant", "langao"])
            #expect(table.status == 0 && table.stdout.contains("138****5678") && table.stdout.contains("张*"), "\(table.stderr)")
            #expect(!table.stdout.contains("13812345678") && !table.stdout.contains("张三"))
            let list = try await items(govreg(["unit", "list", "--tenant", "langao", "--json"]))
            #expect(list.map { $0["contact_phone"] as? String } == ["138****5678", "139****1111"])
            #expect(list.map { $0["contact_name"] as? String } == ["张*", "李*"])
            let members = try await govreg(["unit", "members", "--tenant", "langao", "--json"])
            #expect(try items(members).map { $0["phone"] as? String } == ["137****2222", "136****3333"])
            #expect(!members.stdout.contains("王五") && !members.stdout.contains("11010519491231002X"))

            // The full export holds the personal data; the public one none of it.
            let full = try await govreg(["export", "members", "--tenant", "langao"])
            #expect(full.status == 0 && full.stdout.contains("M1,王五,13711112222,11010519491231002X,U1,C1,2024-03-05"))
            let personal = ["王五", "赵六", "王*", "13711112222", "13622223333", "2222", "3333", "11010519491231002X", "M1", "M2"]
            for format in ["csv", "json"] {
                let disclosed = try await govreg(["export", "members", "--tenant", "langao", "--public", "--format", format])
                #expect(disclosed.status == 0, "\(disclosed.stderr)")
                #expect(disclosed.stdout.contains("县教育局") && disclosed.stdout.contains("东坡社区"))
                for value in personal { #expect(!disclosed.stdout.contains(value), "\(format) export shows \(value)") }
            }
            let counts = try await govreg(["export", "members", "--tenant", "langao", "--public", "--format", "json"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(counts.stdout.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["members"] as? Int } == [1, 1])
            let units = try await govreg(["export", "units", "--tenant", "langao", "--public"])
            #expect(units.status == 0 && units.stdout.contains("县电力公司"))
            for value in ["张三", "李四", "13812345678", "13900001111", "5678"] { #expect(!units.stdout.contains(value)) }
        }
    }
}
