import Foundation
import Testing

/// `govreg export resources --format csv` imports into a second district unchanged.
extension ListCommandTests {
    @Test func exportedResourcesImportIntoASecondDistrictUnchanged() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            try await district("shangjie", "410106", lists: false, govreg, folder)

            // The units first (resources refer to them), through their own export.
            let units = folder.appending(path: "units-export.csv").path
            #expect(try await govreg(["export", "units", "--tenant", "langao", "--out", units]).status == 0)
            let copiedUnits = try await govreg(["import", "units", units, "--tenant", "shangjie"])
            #expect(copiedUnits.status == 0 && copiedUnits.stdout.contains("2 new"), "\(copiedUnits.stdout)\(copiedUnits.stderr)")

            let exported = folder.appending(path: "resources-export.csv").path
            let export = try await govreg(["export", "resources", "--tenant", "langao", "--format", "csv", "--out", exported])
            #expect(export.status == 0, "\(export.stderr)")
            let text = try String(contentsOfFile: exported, encoding: .utf8)
            #expect(text.contains("R1,U1,助学资金,\"奖学金, 助学\",education,funds,10000.00,yuan,,C1,2024-01-01,2024-12-31,available,yes,2024-02-01"))
            #expect(text.contains("R2,U2,电工志愿服务,,roads,volunteer_hours,200,volunteer_hours,"))

            let copied = try await govreg(["import", "resources", exported, "--tenant", "shangjie", "--json"])
            let copiedCount = try object(copied)["inserted"] as? Int
            #expect(copied.status == 0 && copiedCount == 2, "\(copied.stderr)")
            let again = try await govreg(["import", "resources", exported, "--tenant", "shangjie", "--json"])
            #expect((try object(again))["unchanged"] as? Int == 2)

            let fromA = try await govreg(["export", "resources", "--tenant", "langao", "--format", "csv"])
            let fromB = try await govreg(["export", "resources", "--tenant", "shangjie", "--format", "csv"])
            #expect(fromA.status == 0 && fromB.status == 0)
            #expect(fromA.stdout == fromB.stdout && fromA.stdout.split(whereSeparator: \.isNewline).count == 3)
            let zhA = try await govreg(["export", "resources", "--tenant", "langao", "--header", "zh"]).stdout
            let zhB = try await govreg(["export", "resources", "--tenant", "shangjie", "--header", "zh"]).stdout
            #expect(zhA == zhB && zhA.contains("资源编号"))

            let shownA = try await object(govreg(["resource", "show", "R1", "--tenant", "langao", "--json"]))["resource"] as? [String: Any]
            let shownB = try await object(govreg(["resource", "show", "R1", "--tenant", "shangjie", "--json"]))["resource"] as? [String: Any]
            for key in ["pledged", "remaining"] { #expect(shownA?[key] as? String == shownB?[key] as? String && shownB?[key] as? String == "10000.00") }
            // The export carries each unit's contracted communities across too.
            #expect(try await govreg(["export", "units", "--tenant", "shangjie"]).stdout == (try await govreg(["export", "units", "--tenant", "langao"]).stdout))
        }
    }

    @Test func theHierarchyExportsAndImportsAndABadFileIsNamedInJSON() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            #expect(try await govreg(["tenant", "create", "shangjie", "--name", "上街区", "--division-code", "410106"]).status == 0)
            let exported = folder.appending(path: "org-export.csv").path
            #expect(try await govreg(["export", "org", "--tenant", "langao", "--header", "zh", "--out", exported]).status == 0)
            let copied = try await govreg(["import", "org", exported, "--tenant", "shangjie", "--json"])
            #expect(copied.status == 0, "\(copied.stderr)")
            #expect(try await govreg(["export", "org", "--tenant", "shangjie"]).stdout == (try await govreg(["export", "org", "--tenant", "langao"]).stdout))
            #expect(try await govreg(["org", "list", "--tenant", "shangjie"]).status == 0)

            let bad = try write("编码,名称,类型,上级编码,生效日期,失效日期\nX1,新镇,town,,2024-05-01,2024-04-01\nX2,新社区,community,X9,,\n", "org-bad.csv", in: folder)
            let refused = try await govreg(["org", "import", bad, "--tenant", "shangjie", "--json"])
            #expect(refused.status == 1)
            let answer = try object(refused)
            let columns = (answer["issues"] as? [[String: Any]])?.compactMap { $0["column"] as? String }
            #expect(answer["rejected"] as? Bool == true && columns == ["失效日期", "上级编码"], "\(refused.stdout)")

            // Moves: never a community under a grid, said in both languages; back to the top
            // with --under '' or --top.
            let upsideDown = try await govreg(["org", "move", "C2", "--under", "G11", "--tenant", "langao"])
            #expect(upsideDown.status != 0 && upsideDown.stderr.contains("层级颠倒") && !upsideDown.stderr.contains("SQLSTATE"), "\(upsideDown.stderr)")
            let cycle = try await govreg(["org", "move", "C1", "--under", "G11", "--tenant", "langao"])
            #expect(cycle.status != 0 && cycle.stderr.contains("形成循环") && !cycle.stderr.contains("SQLSTATE"), "\(cycle.stderr)")
            #expect(try await govreg(["org", "move", "C1", "--under", "", "--tenant", "langao"]).status == 0)
            #expect(try await govreg(["org", "move", "C1", "--under", "S1", "--tenant", "langao"]).status == 0)
            #expect(try await govreg(["org", "move", "C1", "--top", "--tenant", "langao"]).stdout.contains("moved C1 to the top"))
        }
    }
}
