import Foundation
import Testing

/// `govreg demand add` and `govreg resource add`: one record from the command line, its
/// values read as a file's are, every problem named by its option.
extension ListCommandTests {
    /// A day a year from now as districts write it (`2027/2/3`), and as stored.
    static var nextYear: (written: String, stored: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let day = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .year, value: 1, to: Date())!)
        let (y, m, d) = (day.year!, day.month!, day.day!)
        return ("\(y)/\(m)/\(d)", String(format: "%04d-%02d-%02d", y, m, d))
    }

    @Test func oneDemandIsFiledFromTheCommandLineWithTheFilesSpellings() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let due = Self.nextYear
            let added = try await govreg([
                "demand", "add", "--tenant", "langao", "--title", "助学金", "--category", "教育培训", "--org-code", "C1",
                "--quantity", "¥30,000.00", "--measure-unit", "元", "--due-on", due.written, "--source-channel", "网格上报",
                "--priority", "4", "--filed-on", "2024年3月5日", "--public", "--json"])
            #expect(added.status == 0, "\(added.stderr)")
            let demand = try #require(try object(added)["demand"] as? [String: Any])
            #expect((demand["quantity"] as? [String: Any])?["amount"] as? String == "30000.00")
            #expect((demand["quantity"] as? [String: Any])?["unit"] as? String == "yuan")
            #expect(demand["category"] as? String == "education" && demand["due_on"] as? String == due.stored)
            #expect(demand["source_channel"] as? String == "grid_report" && demand["priority"] as? Int == 4 && demand["is_public"] as? Bool == true)
            #expect(demand["state"] as? String == "submitted")
            #expect((demand["external_id"] as? String)?.hasPrefix("GR-D") == true, "\(demand)")

            let draft = try await govreg(["demand", "add", "--tenant", "langao", "--title", "路灯", "--category", "roads", "--org-code", "G11",
                                          "--quantity", "3", "--measure-unit", "items", "--external-id", "D9", "--draft"])
            #expect(draft.status == 0 && draft.stdout.contains("D9") && draft.stdout.contains("draft"), "\(draft.stdout)\(draft.stderr)")

            // Every problem at once, each named by its option; nothing is filed.
            let refused = try await govreg([
                "demand", "add", "--tenant", "langao", "--title", "  ", "--category", "教育", "--org-code", "C9", "--quantity", "三十",
                "--measure-unit", "元", "--due-on", "2027/13/3", "--priority", "9", "--external-id", "D9"])
            #expect(refused.status == 1)
            for option in ["--title", "--category \"教育\"", "--org-code \"C9\"", "--quantity \"三十\"", "--due-on \"2027/13/3\"", "--priority \"9\"", "--external-id \"D9\""] {
                #expect(refused.stderr.contains(option), "\(option) missing from: \(refused.stderr)")
            }
            #expect(refused.stderr.contains("nothing was saved") && !refused.stderr.contains("SQLSTATE"), "\(refused.stderr)")
            let missing = try await govreg(["demand", "add", "--tenant", "langao", "--title", "只有名称", "--json"])
            #expect(missing.status == 1)
            let problems = try #require(try object(missing)["problems"] as? [[String: Any]])
            #expect(problems.compactMap { $0["option"] as? String } == ["--category", "--org-code", "--quantity", "--measure-unit"])
            #expect(try await items(govreg(["demand", "list", "--tenant", "langao", "--json"])).count == 2)
        }
    }

    @Test func oneResourceIsRegisteredFromTheCommandLineWithTheFilesSpellings() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let added = try await govreg([
                "resource", "add", "--tenant", "langao", "--unit", "U1", "--title", "图书捐赠", "--category", "教育培训", "--kind", "物资",
                "--capacity", "1,200", "--measure-unit", "件", "--available-from", "2024/3/1", "--available-until", "2024年12月31日",
                "--service-area", "C1；C2", "--offered", "--json"])
            #expect(added.status == 0, "\(added.stderr)")
            let resource = try #require(try object(added)["resource"] as? [String: Any])
            #expect(resource["remaining"] as? String == "1200" && resource["status"] as? String == "offered" && resource["kind"] as? String == "materials")
            #expect(resource["available_until"] as? String == "2024-12-31" && resource["service_area"] as? [String] == ["C1", "C2"], "\(resource)")
            #expect((resource["external_id"] as? String)?.hasPrefix("GR-R") == true)
            let funds = try await govreg(["resource", "add", "--tenant", "langao", "--unit", "U2", "--title", "维修基金", "--category", "roads",
                                          "--kind", "funds", "--capacity", "¥30,000.00", "--measure-unit", "元", "--external-id", "R9"])
            #expect(funds.status == 0 && funds.stdout.contains("R9") && funds.stdout.contains("¥30,000.00"), "\(funds.stdout)\(funds.stderr)")

            let refused = try await govreg([
                "resource", "add", "--tenant", "langao", "--unit", "U9", "--title", "场地", "--category", "roads", "--kind", "钱",
                "--capacity", "0", "--measure-unit", "件", "--available-from", "2024-06-01", "--available-until", "2024/5/1",
                "--service-area", "C9", "--unit-cost=-5", "--external-id", "R9"])
            #expect(refused.status == 1)
            for option in ["--unit \"U9\"", "--kind \"钱\"", "--capacity", "--available-until", "--service-area \"C9\"", "--unit-cost", "--external-id \"R9\""] {
                #expect(refused.stderr.contains(option), "\(option) missing from: \(refused.stderr)")
            }
            #expect(!refused.stderr.contains("SQLSTATE"))
            #expect(try await items(govreg(["resource", "list", "--tenant", "langao", "--json"])).count == 4)
        }
    }
}

extension ListCommandTests {
    @Test func aDistrictSettingIsChangedFromTheCommandLine() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            let changed = try await govreg(["tenant", "set", "langao", "--projects-follow-disclosure", "否", "--json"])
            #expect(changed.status == 0, "\(changed.stderr)")
            #expect((try object(changed)["settings"] as? [String: Any])?["projects_follow_disclosure"] as? Bool == false)
            let shown = try await govreg(["tenant", "show", "langao"])
            #expect(shown.stdout.contains("否 no") && shown.stdout.contains("Asia/Shanghai"), "\(shown.stdout)")
            // Times are shown in the district's zone, with its offset, in one format.
            #expect(shown.stdout.contains(" +08:00"), "\(shown.stdout)")
            #expect(try await govreg(["tenant", "set", "langao", "--time-zone", "UTC"]).status == 0)
            #expect(try await govreg(["tenant", "show", "langao"]).stdout.contains(" +00:00"))
            let zone = try await govreg(["tenant", "set", "langao", "--time-zone", "Moon/Base"])
            #expect(zone.status != 0 && zone.stderr.contains("Moon/Base"), "\(zone.stderr)")
            let bad = try await govreg(["tenant", "set", "langao", "--projects-follow-disclosure", "maybe"])
            #expect(bad.status != 0 && bad.stderr.contains("yes or no"), "\(bad.stderr)")
            #expect(try await govreg(["tenant", "set", "langao"]).status != 0)
        }
    }
}
