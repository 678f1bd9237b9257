import Foundation
import Testing

/// `govreg match run|list|show|diff|accept|weights` on a small district: R1 (¥10,000 of
/// education funds for 东坡社区 C1) against D1 (¥5,000) and D2 (¥9,000) there.
extension ListCommandTests {
    /// Filed in 2024, while R1 is available.
    static let matchedDemands = """
        需求编号,需求名称,类别,所在组织编码,数量,计量单位,提出日期
        D1,学生助学,education,C1,5000,元,2024-03-01
        D2,贫困生资助,education,C1,9000,元,2024-03-02
        """

    @Test func aRunIsReviewedRefusedWhenTheListsMovedAndAcceptedIntoProjects() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let imported = try await govreg(["import", "demands", try write(Self.matchedDemands, "demands.csv", in: folder), "--tenant", "langao"])
            #expect(imported.status == 0, "\(imported.stderr)")

            let dry = try await govreg(["match", "run", "--tenant", "langao", "--dry-run", "--json"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(try object(dry)["id"] == nil && object(dry)["demands"] as? Int == 2)
            let none = try await govreg(["match", "list", "--tenant", "langao", "--json"])
            #expect((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any])?.isEmpty == true, "\(none.stdout)")

            let badWeights = try write(#"{"contract_bonuss": 20}"#, "weights.json", in: folder)
            let refused = try await govreg(["match", "run", "--tenant", "langao", "--weights", badWeights])
            #expect(refused.status != 0 && refused.stderr.contains("contract_bonuss"), "\(refused.stderr)")

            let made = try await object(govreg(["match", "run", "--tenant", "langao", "--json"]))
            let run = try #require(made["id"] as? Int)
            #expect(made["allocations"] as? Int == 2 && made["weighted_satisfaction"] as? Int == 3 * 1_000_000)

            let shown = try await govreg(["match", "show", "#\(run)", "--tenant", "langao"])
            #expect(shown.status == 0, "\(shown.stderr)")
            for expected in ["D1", "D2", "R1", "A1", "A2", "distance 10", "按社区 by community", "东坡社区", "U1"] {
                #expect(shown.stdout.contains(expected), "\(expected) missing from:\n\(shown.stdout)")
            }

            // A project takes D1 and ¥3,000 of R1 behind the run's back: accepting now names both.
            let project = try await govreg(["project", "create", "--tenant", "langao", "--title", "助学", "--unit", "U1",
                                      "--demand", "D1", "--allocate", "R1:3000"])
            #expect(project.status == 0, "\(project.stderr)")
            let stale = try await govreg(["match", "accept", "\(run)", "--tenant", "langao"])
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("D1") && stale.stderr.contains("R1") && stale.stderr.contains("nothing was accepted"), "\(stale.stderr)")

            let again = try await object(govreg(["match", "run", "--tenant", "langao", "--json"]))
            let second = try #require(again["id"] as? Int)
            let diff = try await govreg(["match", "diff", "\(run)", "\(second)", "--tenant", "langao", "--json"])
            #expect(try object(diff)["same_input"] as? Bool == false)
            #expect(try await govreg(["match", "accept", "\(second)", "--tenant", "langao", "--only", "A7"]).status != 0)
            // A preview first: the projects it would make, and nothing written.
            let preview = try await govreg(["match", "accept", "\(second)", "--tenant", "langao", "--dry-run"])
            #expect(preview.status == 0 && preview.stdout.contains("dry run") && preview.stdout.contains("责任单位 unit"), "\(preview.stdout)")
            // The stale first run is put aside: it stays listed, and cannot be accepted.
            #expect(try await govreg(["match", "discard", "\(run)", "--tenant", "langao"]).stdout.contains("discarded"))
            let late = try await govreg(["match", "accept", "\(run)", "--tenant", "langao"])
            #expect(late.status != 0 && late.stderr.contains("discarded"), "\(late.stderr)")
            let accepted = try await govreg(["match", "accept", "\(second)", "--tenant", "langao", "--json"])
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect((try object(accepted)["projects"] as? [String])?.count == 1)
            let twice = try await govreg(["match", "accept", "\(second)", "--tenant", "langao"])
            #expect(twice.status != 0 && twice.stderr.contains("already accepted"), "\(twice.stderr)")

            let list = try await items(govreg(["demand", "list", "--tenant", "langao", "--json"]))
            #expect(list.map { $0["state"] as? String } == ["in_project", "in_project"])
            let r1 = try await object(govreg(["resource", "show", "R1", "--tenant", "langao", "--json"]))
            #expect((r1["resource"] as? [String: Any])?["remaining"] as? String == "0.00")

            // Withdrawing is final: without a reason it is refused, with one the reason is kept.
            let bare = try await govreg(["resource", "withdraw", "R1", "--tenant", "langao"])
            #expect(bare.status != 0 && bare.stderr.contains("--reason"), "\(bare.stderr)")
            #expect(try await govreg(["resource", "withdraw", "R1", "--tenant", "langao", "--reason", "单位撤出共建"]).status == 0)
            let withdrawn = try await object(govreg(["resource", "show", "R1", "--tenant", "langao", "--json"]))
            #expect((withdrawn["withdrawal"] as? [String: Any])?["reason"] as? String == "单位撤出共建", "\(withdrawn)")
        }
    }

    @Test func weightsAreShownSetAndReset() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            let file = try write(#"{"distance": {"district": 90}, "contract_bonus": 35}"#, "weights.json", in: folder)
            let set = try await object(govreg(["match", "weights", "--tenant", "langao", "--set", file, "--json"]))
            #expect(set["contract_bonus"] as? Int == 35 && (set["distance"] as? [String: Any])?["district"] as? Int == 90)
            let shown = try await govreg(["match", "weights", "--tenant", "langao"])
            #expect(shown.stdout.contains("35") && shown.stdout.contains("包联"), "\(shown.stdout)")
            let reset = try await object(govreg(["match", "weights", "--tenant", "langao", "--reset", "--json"]))
            #expect(reset["contract_bonus"] as? Int == 20)
            let decreasing = try write(#"{"distance": {"grid": 50}}"#, "bad.json", in: folder)
            let refused = try await govreg(["match", "weights", "--tenant", "langao", "--set", decreasing])
            #expect(refused.status != 0 && refused.stderr.contains("distance"), "\(refused.stderr)")
        }
    }
}
