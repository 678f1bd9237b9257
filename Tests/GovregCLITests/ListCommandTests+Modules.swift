import Foundation
import Testing

/// `govreg module …` and the BenchTalk module's `govreg bench-talk …`.
extension ListCommandTests {
    @Test func aModuleIsEnabledWithCheckedSettingsUsedAndDisabled() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            let catalogue = try await govreg(["module", "list", "--json"])
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(catalogue.stdout.utf8)) as? [[String: Any]])
            // Every shipped module, by id.
            let ids = entries.compactMap { $0["id"] as? String }
            #expect(ids == ids.sorted() && Set(ids).isSuperset(of: ["bench_talk", "mediation_room", "red_property"]))
            // No database needed to check the catalogue against a core version.
            #expect(try await GovregProcess.run(["module", "check"]).status == 0)
            let upgrade = try await GovregProcess.run(["module", "check", "--core", "9.0.0"])
            #expect(upgrade.status == 1 && upgrade.stdout.contains("would stop"), "\(upgrade.stdout)")

            // Refused before using it, and refused with a bad setting: nothing changes.
            let early = try await govreg(["bench-talk", "topics", "--tenant", "langao"])
            #expect(early.status != 0 && early.stderr.contains("not enabled"), "\(early.stderr)")
            let bad = try write(#"{"reply_deadline_days": 200}"#, "bad.json", in: folder)
            let refused = try await govreg(["module", "enable", "bench_talk", "--tenant", "langao", "--settings", bad])
            #expect(refused.status != 0 && refused.stderr.contains("reply_deadline_days"), "\(refused.stderr)")
            let none = try await govreg(["module", "list", "--tenant", "langao", "--json"])
            #expect((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any])?.isEmpty == true)

            let good = try write(#"{"local_name": "院坝会", "reply_deadline_days": 5}"#, "good.json", in: folder)
            let enabled = try await object(govreg(["module", "enable", "bench_talk", "--tenant", "langao", "--settings", good, "--json"]))
            #expect((enabled["settings"] as? [String: Any])?["local_name"] as? String == "院坝会")

            let meeting = try await govreg(["bench-talk", "meeting", "--tenant", "langao", "--on", "2024-05-08", "--place", "G11", "--host", "王书记",
                                      "--attendees", "12", "--topic", "路灯坏了", "--topic", "巷道坑洼", "--json"])
            #expect(meeting.status == 0, "\(meeting.stderr)")
            let topics = try #require(try object(meeting)["topics"] as? [[String: Any]])
            let pothole = try #require(topics.last?["id"] as? Int)
            let turned = try await govreg(["bench-talk", "to-demand", "\(pothole)", "--tenant", "langao", "--category", "roads",
                                     "--quantity", "3000", "--measure-unit", "元", "--priority", "4", "--json"])
            #expect(turned.status == 0, "\(turned.stderr)")
            let demand = try #require(try object(turned)["demand_external_id"] as? String)
            let demands = try await items(govreg(["demand", "list", "--tenant", "langao", "--json"]))
            #expect(demands.map { $0["external_id"] as? String } == [demand])
            let again = try await govreg(["bench-talk", "answer", "\(pothole)", "--tenant", "langao", "--answer", "已修"])
            #expect(again.status != 0 && again.stderr.contains("转为需求"), "\(again.stderr)")
            let summary = try await govreg(["bench-talk", "summary", "--tenant", "langao", "--from", "2024-01-01", "--to", "2024-12-31"])
            #expect(summary.stdout.contains("院坝会") && summary.stdout.contains("2 topics"), "\(summary.stdout)")
            let report = try await govreg(["module", "report", "--tenant", "langao", "--from", "2024-01-01", "--to", "2024-12-31"])
            #expect(report.status == 0 && report.stdout.contains("院坝会 Bench talks (bench_talk)"), "\(report.stdout)\(report.stderr)")

            #expect(try await govreg(["module", "disable", "bench_talk", "--tenant", "langao"]).status == 0)
            #expect(try await govreg(["bench-talk", "topics", "--tenant", "langao"]).status != 0)
            let kept = try await object(govreg(["module", "enable", "bench_talk", "--tenant", "langao", "--json"]))
            #expect((kept["settings"] as? [String: Any])?["local_name"] as? String == "院坝会")
            #expect(try await govreg(["bench-talk", "topics", "--tenant", "langao", "--json"]).stdout.contains("巷道坑洼"))
        }
    }
}

extension ListCommandTests {
    @Test func theRedPropertyLedgerFromTheCommandLine() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            let org = try write("code,name,kind,parent_code\nX1,幸福小区,compound,G11\n", "compound.csv", in: folder)
            #expect(try await govreg(["org", "import", org, "--tenant", "langao"]).status == 0)
            let units = try write("external_id,name,kind\nP1,和美物业,property_company\n", "units.csv", in: folder)
            #expect(try await govreg(["import", "units", units, "--tenant", "langao"]).status == 0)
            #expect(try await govreg(["module", "enable", "red_property", "--tenant", "langao"]).status == 0)

            let noCompany = try await govreg(["red-property", "raise", "--tenant", "langao", "--compound", "X1", "--title", "电梯异响", "--by", "resident"])
            #expect(noCompany.status != 0)
            #expect(try await govreg(["red-property", "assign", "--tenant", "langao", "--compound", "X1", "--company", "P1"]).status == 0)
            let raised = try await object(govreg(["red-property", "raise", "--tenant", "langao", "--compound", "X1", "--title", "电梯异响",
                                            "--by", "resident", "--on", "2024-06-01", "--json"]))
            let id = try #require(raised["id"] as? Int)
            let escalated = try await object(govreg(["red-property", "escalate", "\(id)", "--tenant", "langao", "--on", "2024-06-01", "--json"]))
            #expect(escalated["status"] as? String == "escalated" && escalated["respond_by"] != nil)
            let closed = try await govreg(["red-property", "close", "\(id)", "--tenant", "langao", "--fix", "更换轴承", "--on", "2024-06-05"])
            #expect(closed.status == 0 && closed.stdout.contains("已销号"), "\(closed.stdout)\(closed.stderr)")
            let summary = try await govreg(["red-property", "summary", "--tenant", "langao", "--from", "2024-01-01", "--to", "2024-12-31"])
            #expect(summary.stdout.contains("1 logged, 1 closed"), "\(summary.stdout)")
        }
    }
}

extension ListCommandTests {
    @Test func aMediationCaseFromTheCommandLine() async throws {
        try await withGovreg { govreg, folder in
            try await district("langao", "610925", lists: false, govreg, folder)
            #expect(try await govreg(["module", "enable", "mediation_room", "--tenant", "langao"]).status == 0)
            let opened = try await object(govreg(["mediation", "open", "--tenant", "langao", "--place", "C1", "--title", "楼上漏水", "--mediator", "赵调解员",
                                            "--on", "2024-04-02", "--party", "applicant:张三:13812345678", "--party", "respondent:李四", "--json"]))
            let id = try #require(opened["id"] as? Int)
            #expect(opened["parties"] as? [String] == ["applicant 张*", "respondent 李*"])
            #expect(try await govreg(["mediation", "move", "\(id)", "--tenant", "langao", "--to", "blue", "--note", "双方陈述"]).status == 0)
            let early = try await govreg(["mediation", "move", "\(id)", "--tenant", "langao", "--to", "red", "--note", "结案"])
            #expect(early.status != 0 && early.stderr.contains("outcome"), "\(early.stderr)")
            let closed = try await govreg(["mediation", "move", "\(id)", "--tenant", "langao", "--to", "red", "--note", "达成协议", "--outcome", "agreement"])
            #expect(closed.status == 0 && closed.stdout.contains("已结案") && !closed.stdout.contains("张三"), "\(closed.stdout)")
            let listed = try await govreg(["mediation", "cases", "--tenant", "langao"])
            #expect(listed.stdout.contains("楼上漏水") && !listed.stdout.contains("13812345678"))
        }
    }
}
