import Foundation
import GovregTestSupport
import Postgres
import Testing

/// `govreg import demands`, `govreg demand …` and `govreg export demands`, run as an
/// operator runs them, against a fresh database on the test server.
@Suite struct DemandCommandTests {
    private static let migrations = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations").path

    private static let hierarchy = """
        code,name,kind,parent_code
        S1,城关镇,town,
        C1,东坡社区,community,S1
        G11,东坡一网格,grid,C1
        C2,滨河社区,community,S1
        """

    private static let demands = """
        需求编号,需求名称,需求描述,类别,所在组织编码,来源渠道,数量,计量单位,优先级,状态,提出日期,是否公示
        D001,楼道灯不亮,"3号楼, 2单元",房屋修缮,G11,网格上报,1,项,4,,2024-03-05,是
        D002,路面破损,,roads,C2,入户走访,"¥1,234.50",元,,submitted,2024/4/1,否
        D003,老年日间照料,,elderly_care,C1,板凳会,40,志愿服务时长,5,,2024年5月20日,是
        """

    /// A fresh migrated database and a way to run govreg against it.
    private func withGovreg(_ body: (_ govreg: ([String]) async throws -> GovregProcess.Outcome, _ folder: URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-demand-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestDatabase.withFresh { configuration in
            let environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", Self.migrations]
            let govreg = { (arguments: [String]) async throws -> GovregProcess.Outcome in
                try await GovregProcess.run(arguments + common, environment: environment)
            }
            #expect(try await govreg(["db", "migrate"]).status == 0)
            try await body(govreg, folder)
        }
    }

    private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appending(path: name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Histories name the person who acted (--actor), not the machine's user (often root).
    @Test func theActorNamedIsTheOneRecorded() async throws {
        try await withGovreg { govreg, folder in
            #expect(try await govreg(["tenant", "create", "langao", "--name", "岚皋县", "--division-code", "610925"]).status == 0)
            #expect(try await govreg(["org", "import", try write(Self.hierarchy, "org.csv", in: folder), "--tenant", "langao"]).status == 0)
            // The sheet's own remarks column is left out, and the report says so.
            let withRemarks = Self.demands.split(separator: "\n").enumerated()
                .map { $0.offset == 0 ? $0.element + ",备注" : $0.element + ",已电话回访" }.joined(separator: "\n")
            let imported = try await govreg(["import", "demands", try write(withRemarks, "demands.csv", in: folder), "--tenant", "langao", "--actor", "张三 zhang.san"])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("columns not imported: 备注"), "\(imported.stdout)")
            let listed = try await govreg(["demand", "list", "--tenant", "langao", "--state", "已提交", "--json"])
            let page = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
            let road = try #require((page?["items"] as? [[String: Any]])?.first?["id"] as? Int)
            let moved = try await govreg(["demand", "transition", "\(road)", "accepted", "--tenant", "langao", "--actor", "li.si"])
            #expect(moved.status == 0, "\(moved.stderr)")
            let shown = try await govreg(["demand", "show", "\(road)", "--tenant", "langao", "--json"])
            #expect(shown.stdout.contains("cli:li.si"), "\(shown.stdout.prefix(600))")
            let bad = try await govreg(["demand", "list", "--tenant", "langao", "--actor", "   "])
            #expect(bad.status != 0 && bad.stderr.contains("--actor"), "\(bad.stderr)")
        }
    }

    /// In production mode (GOVREG_MODE=production) a command that does not say who acts is
    /// refused before it touches anything; saying it (flag or GOVREG_ACTOR) is enough.
    @Test func productionModeRequiresAnActor() async throws {
        try await TestDatabase.withFresh { configuration in
            var environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", Self.migrations]
            func govreg(_ arguments: [String]) async throws -> GovregProcess.Outcome {
                try await GovregProcess.run(arguments + common, environment: environment)
            }
            #expect(try await govreg(["db", "migrate"]).status == 0)
            environment["GOVREG_MODE"] = "production"
            let refused = try await govreg(["tenant", "create", "langao", "--name", "岚皋县", "--division-code", "610925"])
            #expect(refused.status != 0 && refused.stderr.contains("GOVREG_ACTOR"), "\(refused.stderr)")
            let none = try await govreg(["tenant", "list", "--json", "--actor", "wang.min"])
            #expect(none.status == 0 && !none.stdout.contains("langao"), "\(none.stdout)")
            let named = try await govreg(["tenant", "create", "langao", "--name", "岚皋县", "--division-code", "610925", "--actor", "wang.min"])
            #expect(named.status == 0, "\(named.stderr)")
            environment["GOVREG_ACTOR"] = "wang.min"
            #expect(try await govreg(["tenant", "show", "langao"]).status == 0)
            environment["GOVREG_MODE"] = "prod"
            let typo = try await govreg(["tenant", "show", "langao"])
            #expect(typo.status != 0 && typo.stderr.contains("GOVREG_MODE"), "\(typo.stderr)")
        }
    }

    /// On a terminal of 60 cells a list fits it, long Chinese titles cut with "…" by display
    /// width; piped, nothing is cut.
    @Test func aTableFitsTheTerminalByDisplayWidth() async throws {
        try await TestDatabase.withFresh { configuration in
            let folder = FileManager.default.temporaryDirectory.appending(path: "govreg-width-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("PG") }
            let common = ["--database-url", configuration.connectionString, "--migrations", Self.migrations]
            func govreg(_ arguments: [String]) async throws -> GovregProcess.Outcome {
                try await GovregProcess.run(arguments + common, environment: environment)
            }
            #expect(try await govreg(["db", "migrate"]).status == 0)
            #expect(try await govreg(["tenant", "create", "langao", "--name", "岚皋县", "--division-code", "610925"]).status == 0)
            #expect(try await govreg(["org", "import", try write(Self.hierarchy, "org.csv", in: folder), "--tenant", "langao"]).status == 0)
            let long = Self.demands.replacingOccurrences(of: "老年日间照料", with: "老年日间照料中心建设与志愿者长期陪护服务项目")
            #expect(try await govreg(["import", "demands", try write(long, "demands.csv", in: folder), "--tenant", "langao"]).status == 0)
            let piped = try await govreg(["demand", "list", "--tenant", "langao"])
            #expect(piped.stdout.contains("老年日间照料中心建设与志愿者长期陪护服务项目"))
            environment["COLUMNS"] = "60"
            let narrow = try await govreg(["demand", "list", "--tenant", "langao"])
            let lines = narrow.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("下一页") && !$0.contains("end of list") }
            #expect(lines.allSatisfy { Self.cells($0) <= 60 }, "\(narrow.stdout)")
            #expect(narrow.stdout.contains("…"))
            // --columns: exactly the columns named (either half of a header), in that order, none
            // left out; a column the table lacks is refused before any work, with those it has.
            environment["COLUMNS"] = nil
            let chosen = try await govreg(["demand", "list", "--tenant", "langao", "--columns", "状态, id,TITLE"])
            #expect(chosen.status == 0, "\(chosen.stderr)")
            let header = chosen.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(header.split(separator: " ", omittingEmptySubsequences: true) == ["状态", "state", "编号", "id", "需求名称", "title"], "\(header)")
            #expect(!chosen.stdout.contains("网格 grid") && chosen.stdout.contains("老年日间照料中心建设"))
            let unknown = try await govreg(["demand", "list", "--tenant", "langao", "--columns", "id,colour"])
            #expect(unknown.status != 0 && unknown.stderr.contains("'colour'") && unknown.stderr.contains("title"), "\(unknown.stderr)")
            #expect(try await govreg(["resource", "list", "--tenant", "langao", "--columns", "ext,pledged"]).status == 0)
            #expect(try await govreg(["project", "list", "--tenant", "langao", "--columns", "nope"]).status != 0)
        }
    }

    /// Display cells, CJK counting two (as the terminal shows them).
    static func cells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x2E80...0xA4CF).contains($1.value) || (0xFF00...0xFF60).contains($1.value) ? 2 : 1) }
    }

    @Test func importListShowTransitionEscalateAndExport() async throws {
        try await withGovreg { govreg, folder in
            for (slug, code) in [("langao", "610925"), ("shangjie", "410106")] {
                #expect(try await govreg(["tenant", "create", slug, "--name", slug, "--division-code", code]).status == 0)
                let org = try await govreg(["org", "import", try write(Self.hierarchy, "org.csv", in: folder), "--tenant", slug])
                #expect(org.status == 0, "\(org.stderr)")
            }
            let file = try write(Self.demands, "demands.csv", in: folder)
            let dry = try await govreg(["import", "demands", file, "--tenant", "langao", "--dry-run"])
            #expect(dry.status == 0 && dry.stdout.contains("3 new"), "\(dry.stderr)")
            let first = try await govreg(["import", "demands", file, "--tenant", "langao"])
            #expect(first.stdout.contains("3 new 新增, 0 updated 更新, 0 unchanged 未变"), "\(first.stderr)")
            let again = try await govreg(["import", "demands", file, "--tenant", "langao", "--json"])
            let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
            #expect(summary?["unchanged"] as? Int == 3 && summary?["inserted"] as? Int == 0)

            let list = try await govreg(["demand", "list", "--tenant", "langao", "--under", "C1", "--limit", "1"])
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains("需求名称 title") && list.stdout.contains("老年日间照料") && !list.stdout.contains("路面破损"))
            let cursor = try #require(list.stdout.split(separator: "\n").last?.split(separator: " ").last.map(String.init))
            let next = try await govreg(["demand", "list", "--tenant", "langao", "--under", "C1", "--limit", "1", "--after", cursor])
            #expect(next.stdout.contains("楼道灯不亮") && next.stdout.contains("end of list"))

            let json = try await govreg(["demand", "list", "--tenant", "langao", "--state", "已提交", "--json"])
            let page = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let items = try #require(page?["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["external_id"] as? String == "D002")
            let road = try #require(items[0]["id"] as? Int)

            let refused = try await govreg(["demand", "transition", "\(road)", "resolved", "--tenant", "langao"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("submitted") && refused.stderr.contains("allowed: accepted, rejected, merged, withdrawn"))
            let accepted = try await govreg(["demand", "transition", "\(road)", "已列入清单", "--tenant", "langao", "--public", "--note", "已受理"])
            #expect(accepted.status == 0 && accepted.stdout.contains("submitted → 已列入清单 accepted"), "\(accepted.stderr)")
            let escalated = try await govreg(["demand", "escalate", "\(road)", "街道", "--tenant", "langao", "--reason", "需要街道协调"])
            #expect(escalated.status == 0 && escalated.stdout.contains("street"), "\(escalated.stderr)")
            // The street's desk: open demands escalated to the street, under it.
            let desk = try await govreg(["demand", "list", "--tenant", "langao", "--level", "街道", "--open", "--under", "S1"])
            #expect(desk.stdout.contains("路面破损") && !desk.stdout.contains("楼道灯不亮"), "\(desk.stdout)")
            let show = try await govreg(["demand", "show", "\(road)", "--tenant", "langao"])
            #expect(show.stdout.contains("路面破损") && show.stdout.contains("¥1,234.50") && show.stdout.contains("需要街道协调"))
            #expect(show.stdout.contains("已受理") && show.stdout.contains("公开"))
            // Named by its external id, as files and lists show it, the same demand.
            #expect(try await govreg(["demand", "show", "D002", "--tenant", "langao"]).stdout == show.stdout)
            let elsewhere = try await govreg(["demand", "show", "\(road)", "--tenant", "shangjie"])
            #expect(elsewhere.status != 0 && elsewhere.stderr.contains("not found"))

            // Export, then import into the other district: the same list comes out.
            let exported = folder.appending(path: "export.csv").path
            #expect(try await govreg(["export", "demands", "--tenant", "langao", "--header", "zh", "--out", exported]).status == 0)
            let copied = try await govreg(["import", "demands", exported, "--tenant", "shangjie"])
            #expect(copied.stdout.contains("3 new"), "\(copied.stderr)")
            let fromA = try await govreg(["export", "demands", "--tenant", "langao"]).stdout
            let fromB = try await govreg(["export", "demands", "--tenant", "shangjie"]).stdout
            #expect(fromA == fromB && fromA.contains("D002,路面破损,,roads,C2,door_to_door,1234.50,yuan,3,,,accepted,2024-04-01,no,"))

            let disclosed = try await govreg(["export", "demands", "--tenant", "langao", "--public", "--format", "json"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(disclosed.stdout.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["title"] as? String } == ["楼道灯不亮", "老年日间照料"])
            #expect(!disclosed.stdout.contains("D001") && !disclosed.stdout.contains("accepted"))
        }
    }

    @Test func aBadFileIsRefusedWithEveryProblemAndExitStatusOne() async throws {
        try await withGovreg { govreg, folder in
            #expect(try await govreg(["tenant", "create", "langao", "--name", "岚皋县", "--division-code", "610925"]).status == 0)
            _ = try await govreg(["org", "import", try write(Self.hierarchy, "org.csv", in: folder), "--tenant", "langao"])
            let bad = Self.demands.replacingOccurrences(of: "roads,C2", with: "roads,C9")
                .replacingOccurrences(of: "2024-03-05", with: "2024-02-30")
            let file = try write(bad, "bad.csv", in: folder)
            let refused = try await govreg(["import", "demands", file, "--tenant", "langao"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("nothing was written") && refused.stderr.contains("line 2, column 提出日期"))
            #expect(refused.stderr.contains("line 3, column 所在组织编码 (\"C9\")"))
            let json = try await govreg(["import", "demands", file, "--tenant", "langao", "--json"])
            let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(json.status == 1 && report?["total"] as? Int == 2)
            let list = try await govreg(["demand", "list", "--tenant", "langao", "--json"])
            let page = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
            #expect((page?["items"] as? [Any])?.isEmpty == true)
        }
    }
}
