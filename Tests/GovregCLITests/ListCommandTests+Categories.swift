import Foundation
import Testing

/// `govreg category list|add|rename`: the district's vocabulary.
extension ListCommandTests {
    /// The district's categories by code, from `category list --json`.
    func categories(_ govreg: Govreg) async throws -> [String: [String: Any]] {
        let listed = try await items(govreg(["category", "list", "--tenant", "langao", "--json"]))
        return Dictionary(listed.compactMap { item in (item["code"] as? String).map { ($0, item) } }) { first, _ in first }
    }

    @Test func categoriesAreListedWithTheirUseAddedAndRenamed() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            var listed = try await categories(govreg)
            #expect(listed.count == 14 && listed["education"]?["resources"] as? Int == 1 && listed["roads"]?["resources"] as? Int == 1)
            #expect(listed["roads"]?["name_zh"] as? String == "道路交通" && listed["roads"]?["demands"] as? Int == 0)
            let table = try await govreg(["category", "list", "--tenant", "langao"])
            #expect(table.stdout.contains("编码 code") && table.stdout.contains("道路交通") && table.stdout.contains("Roads and traffic"), "\(table.stdout)")

            let added = try await govreg(["category", "add", "night_patrol", "--name", "夜间巡逻", "--tenant", "langao"])
            #expect(added.status == 0 && added.stdout.contains("Night patrol"), "\(added.stderr)")
            let filed = try await govreg(["demand", "add", "--tenant", "langao", "--title", "夜巡", "--category", "夜间巡逻", "--org-code", "C1",
                                          "--quantity", "10", "--measure-unit", "志愿服务小时"])
            #expect(filed.status == 0, "\(filed.stderr)")
            listed = try await categories(govreg)
            #expect(listed["night_patrol"]?["demands"] as? Int == 1 && listed["night_patrol"]?["name_en"] as? String == "Night patrol")

            // A code or a name the district already uses, a code of the wrong shape: refused, in both languages.
            let twice = try await govreg(["category", "add", "night_patrol", "--name", "道路交通", "--english", "Roads", "--tenant", "langao"])
            #expect(twice.status == 1)
            for words in ["CODE \"night_patrol\"", "--name \"道路交通\"", "--english \"Roads\"", "已用于", "already names"] {
                #expect(twice.stderr.contains(words), "\(words) missing from: \(twice.stderr)")
            }
            let badCode = try await govreg(["category", "add", "Night-Patrol", "--name", "夜巡二", "--tenant", "langao"])
            #expect(badCode.status == 1 && badCode.stderr.contains("CODE") && badCode.stderr.contains("小写字母"), "\(badCode.stderr)")

            let renamed = try await govreg(["category", "rename", "roads", "--name", "道路设施", "--tenant", "langao", "--json"])
            #expect(renamed.status == 0, "\(renamed.stderr)")
            #expect(try object(renamed)["name_zh"] as? String == "道路设施" && object(renamed)["name_en"] as? String == "Roads and traffic")
            // The new name names it from now on; the resource filed under it keeps it.
            #expect(try await items(govreg(["resource", "list", "--tenant", "langao", "--category", "道路设施", "--json"])).count == 1)
            let unknown = try await govreg(["category", "rename", "nosuch", "--name", "新类别", "--tenant", "langao"])
            #expect(unknown.status == 1 && unknown.stderr.contains("nosuch") && unknown.stderr.contains("not found"), "\(unknown.stderr)")
            let taken = try await govreg(["category", "rename", "roads", "--name", "夜间巡逻", "--tenant", "langao"])
            #expect(taken.status == 1 && taken.stderr.contains("--name \"夜间巡逻\""), "\(taken.stderr)")
        }
    }
}
