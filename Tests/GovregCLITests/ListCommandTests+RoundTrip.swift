import Foundation
import Testing

/// `govreg export resources --format csv` imports into a second district unchanged.
extension ListCommandTests {
    @Test func exportedResourcesImportIntoASecondDistrictUnchanged() async throws {
        try await withGovreg { govreg, folder in
            try district("langao", "610925", lists: true, govreg, folder)
            try district("shangjie", "410106", lists: false, govreg, folder)

            // The units first (resources refer to them), through their own export.
            let units = folder.appending(path: "units-export.csv").path
            #expect(try govreg(["export", "units", "--tenant", "langao", "--out", units]).status == 0)
            let copiedUnits = try govreg(["import", "units", units, "--tenant", "shangjie"])
            #expect(copiedUnits.status == 0 && copiedUnits.stdout.contains("2 new"), "\(copiedUnits.stdout)\(copiedUnits.stderr)")

            let exported = folder.appending(path: "resources-export.csv").path
            let export = try govreg(["export", "resources", "--tenant", "langao", "--format", "csv", "--out", exported])
            #expect(export.status == 0, "\(export.stderr)")
            let text = try String(contentsOfFile: exported, encoding: .utf8)
            #expect(text.contains("R1,U1,助学资金,\"奖学金, 助学\",education,funds,10000.00,yuan,,C1,2024-01-01,2024-12-31,available,yes,2024-02-01"))
            #expect(text.contains("R2,U2,电工志愿服务,,roads,volunteer_hours,200,volunteer_hours,"))

            let copied = try govreg(["import", "resources", exported, "--tenant", "shangjie", "--json"])
            let copiedCount = try object(copied)["inserted"] as? Int
            #expect(copied.status == 0 && copiedCount == 2, "\(copied.stderr)")
            let again = try govreg(["import", "resources", exported, "--tenant", "shangjie", "--json"])
            #expect((try object(again))["unchanged"] as? Int == 2)

            let fromA = try govreg(["export", "resources", "--tenant", "langao", "--format", "csv"])
            let fromB = try govreg(["export", "resources", "--tenant", "shangjie", "--format", "csv"])
            #expect(fromA.status == 0 && fromB.status == 0)
            #expect(fromA.stdout == fromB.stdout && fromA.stdout.split(whereSeparator: \.isNewline).count == 3)
            let zhA = try govreg(["export", "resources", "--tenant", "langao", "--header", "zh"]).stdout
            let zhB = try govreg(["export", "resources", "--tenant", "shangjie", "--header", "zh"]).stdout
            #expect(zhA == zhB && zhA.contains("资源编号"))

            let shownA = try object(govreg(["resource", "show", "R1", "--tenant", "langao", "--json"]))["resource"] as? [String: Any]
            let shownB = try object(govreg(["resource", "show", "R1", "--tenant", "shangjie", "--json"]))["resource"] as? [String: Any]
            for key in ["pledged", "remaining"] { #expect(shownA?[key] as? Int == shownB?[key] as? Int && shownB?[key] as? Int == 1_000_000) }
            // The export carries each unit's contracted communities across too.
            #expect(try govreg(["export", "units", "--tenant", "shangjie"]).stdout == (try govreg(["export", "units", "--tenant", "langao"]).stdout))
        }
    }
}
