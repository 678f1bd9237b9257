import Foundation
import Testing

/// `govreg project create … start, progress, complete, check, rate`, and what they draw from resources.
extension ListCommandTests {
    static let demands = """
        需求编号,需求名称,类别,所在组织编码,数量,计量单位
        D1,学生助学,education,C1,5000,元
        D2,贫困生资助,education,C1,9000,元
        """

    /// What remains of a resource, as JSON writes it: a decimal string in the unit.
    private func remaining(_ resource: String, _ govreg: Govreg) async throws -> String? {
        let shown = try await govreg(["resource", "show", resource, "--tenant", "langao", "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        return (try object(shown)["resource"] as? [String: Any])?["remaining"] as? String
    }

    private func project(_ id: String, _ govreg: Govreg) async throws -> [String: Any] {
        let shown = try await govreg(["project", "show", id, "--tenant", "langao", "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        return try object(shown)
    }

    private func demandStates(_ govreg: Govreg) async throws -> [String: String] {
        let list = try await items(govreg(["demand", "list", "--tenant", "langao", "--json"]))
        return Dictionary(uniqueKeysWithValues: list.compactMap { item in
            (item["external_id"] as? String).map { ($0, item["state"] as? String ?? "?") }
        })
    }

    @Test func aProjectRunsFromCreationToRatingAndDrawsItsAllocation() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            let imported = try await govreg(["import", "demands", try write(Self.demands, "demands.csv", in: folder), "--tenant", "langao"])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(try await remaining("R1", govreg) == "10000.00")

            let created = try await govreg(["project", "create", "--tenant", "langao", "--title", "助学项目", "--unit", "U1",
                                      "--demand", "D1", "--allocate", "R1:3000", "--external-id", "P1", "--json"])
            #expect(created.status == 0, "\(created.stderr)")
            let fresh = try object(created)
            #expect((fresh["project"] as? [String: Any])?["status"] as? String == "planned")
            #expect((fresh["allocations"] as? [[String: Any]])?.map { $0["quantity"] as? String } == ["3000.00"])
            #expect(try await remaining("R1", govreg) == "7000.00")
            #expect(try await demandStates(govreg) == ["D1": "in_project", "D2": "accepted"])

            // Rating before completion is refused.
            let early = try await govreg(["project", "rate", "P1", "--tenant", "langao", "--score", "4"])
            #expect(early.status != 0)

            #expect(try await govreg(["project", "start", "P1", "--tenant", "langao"]).status == 0)
            let half = try await govreg(["project", "progress", "P1", "--tenant", "langao", "--percent", "50", "--note", "发放一半",
                                   "--on", "2024年6月30日", "--json"])  // the forms files take
            #expect(half.status == 0, "\(half.stderr)")
            #expect((try object(half)["project"] as? [String: Any])?["progress_percent"] as? Int == 50)

            let back = try await govreg(["project", "progress", "P1", "--tenant", "langao", "--percent", "30", "--on", "2024-09-30"])
            #expect(back.status != 0)
            #expect(back.stderr.contains("50%") && back.stderr.contains("30%"), "\(back.stderr)")
            let afterBack = try await project("P1", govreg)
            #expect((afterBack["project"] as? [String: Any])?["progress_percent"] as? Int == 50)
            #expect((afterBack["progress"] as? [[String: Any]])?.map { $0["percent"] as? Int } == [50])

            #expect(try await govreg(["project", "complete", "P1", "--tenant", "langao"]).status == 0)
            #expect(try await govreg(["project", "check", "P1", "--tenant", "langao", "--note", "验收合格"]).status == 0)
            let badScore = try await govreg(["project", "rate", "P1", "--tenant", "langao", "--score", "9"])
            #expect(badScore.status != 0)
            let rated = try await govreg(["project", "rate", "P1", "--tenant", "langao", "--score", "5", "--comment", "很满意"])
            #expect(rated.status == 0, "\(rated.stderr)")

            let shown = try await project("P1", govreg)
            let header = try #require(shown["project"] as? [String: Any])
            #expect(header["status"] as? String == "checked")
            #expect(header["rating"] as? Int == 5 && shown["rating_comment"] as? String == "很满意")
            #expect(header["completed_on"] != nil && header["checked_on"] != nil)
            #expect((shown["events"] as? [[String: Any]])?.map { $0["to"] as? String } == ["in_progress", "completed", "checked"])
            #expect((shown["events"] as? [[String: Any]])?.last?["note"] as? String == "验收合格")
            // Rated with the project.
            #expect((shown["demands"] as? [[String: Any]])?.map { $0["state"] as? String } == ["rated"])
            let allocations = try #require(shown["allocations"] as? [[String: Any]])
            #expect(allocations.count == 1 && allocations[0]["resource_external_id"] as? String == "R1")
            #expect(allocations[0]["quantity"] as? String == "3000.00")
            #expect((shown["progress"] as? [[String: Any]])?.first?["note"] as? String == "发放一半")
            #expect(try await remaining("R1", govreg) == "7000.00")
            #expect(try await demandStates(govreg) == ["D1": "rated", "D2": "accepted"])

            // The project's history as lists of their own: exported, and imported back unchanged.
            let progressFile = folder.appending(path: "progress.csv").path
            #expect(try await govreg(["export", "progress", "--tenant", "langao", "--header", "zh", "--out", progressFile]).status == 0)
            let text = try String(contentsOfFile: progressFile, encoding: .utf8)
            #expect(text.contains("项目编号,汇报日期,进度,进展情况,附件") && text.contains("P1,2024-06-30,50,发放一半,"), "\(text)")
            // The report filed, and the completion's 100%.
            #expect(try await object(govreg(["import", "progress", progressFile, "--tenant", "langao", "--json"]))["unchanged"] as? Int == 2)
            let milestones = try write("项目编号,里程碑名称,计划日期\nP1,发放,2024-07-01\nP9,发放,\n", "milestones.csv", in: folder)
            let refused = try await govreg(["import", "milestones", milestones, "--tenant", "langao"])
            #expect(refused.status == 1 && refused.stderr.contains("P9") && refused.stderr.contains("项目编号"), "\(refused.stderr)")
            #expect((try await project("P1", govreg)["milestones"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func anOverAllocationIsRefusedAndChangesNothing() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: true, govreg, folder)
            _ = try await govreg(["import", "demands", try write(Self.demands, "demands.csv", in: folder), "--tenant", "langao"])
            let first = try await govreg(["project", "create", "--tenant", "langao", "--title", "助学项目", "--unit", "U1",
                                    "--demand", "D1", "--allocate", "R1:3000", "--external-id", "P1"])
            #expect(first.status == 0, "\(first.stderr)")
            let resourcesBefore = try await govreg(["resource", "list", "--tenant", "langao", "--json"]).stdout

            // 7,000 yuan remain; a second project asking 7,000.01 (and 10 hours of R2) is refused whole.
            let over = try await govreg(["project", "create", "--tenant", "langao", "--title", "资助项目", "--unit", "U1",
                                   "--demand", "D2", "--allocate", "R2:10", "--allocate", "R1:7000.01", "--external-id", "P2"])
            #expect(over.status != 0)
            #expect(over.stderr.contains("R1") && over.stderr.contains("¥7,000.00"), "\(over.stderr)")
            #expect(try await remaining("R1", govreg) == "7000.00")
            #expect(try await remaining("R2", govreg) == "200")
            #expect(try await govreg(["resource", "list", "--tenant", "langao", "--json"]).stdout == resourcesBefore)
            #expect(try await govreg(["project", "show", "P2", "--tenant", "langao"]).status != 0)
            #expect(try await items(govreg(["project", "list", "--tenant", "langao", "--json"])).map { $0["external_id"] as? String } == ["P1"])
            #expect(try await demandStates(govreg) == ["D1": "in_project", "D2": "accepted"])

            // Exactly what remains can be drawn.
            let exact = try await govreg(["project", "create", "--tenant", "langao", "--title", "资助项目", "--unit", "U1",
                                    "--demand", "D2", "--allocate", "R1:7000", "--external-id", "P2"])
            #expect(exact.status == 0, "\(exact.stderr)")
            #expect(try await remaining("R1", govreg) == "0.00")
        }
    }
}
