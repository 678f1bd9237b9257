import Foundation
import HTTPTypes
import Testing

/// The three lists end to end over HTTP: units and resources imported as files, demands
/// filed, matching run and accepted, the projects worked to completion and rated.
@Suite struct ListFlowTests {
    static let units = """
        单位编号,单位名称,单位类型,包联社区
        U1,县住建局,department,C1;C2
        U2,县志愿者协会,social_organisation,C3
        """
    static let resources = """
        资源编号,单位编号,资源名称,类别,资源类型,数量,计量单位
        R1,U1,维修资金,housing_repair,funds,5000,yuan
        R2,U2,志愿服务,elderly_care,volunteer_hours,40,volunteer_hours
        """

    @Test func importMatchAcceptAndWorkAProjectToItsRating() async throws {
        try await APIFixture.with { f, client in
            let bad = try await client.send(.post, "/v1/tenants/langao/imports/units", as: "admin", f,
                                            json: Self.units + "\nU3,,department,C9", headers: ["Content-Type": "text/csv"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problem == "import-rejected")
            #expect(bad.fieldErrors.contains { $0.hasPrefix("line:4/column:单位名称") })
            #expect(try await f.total("unit") == 0)
            let dry = try await client.send(.post, "/v1/tenants/langao/imports/units?dry_run=true", as: "admin", f, json: Self.units)
            #expect(dry.json["inserted"] as? Int == 2)
            #expect(try await f.total("unit") == 0)
            let units = try await client.send(.post, "/v1/tenants/langao/imports/units", as: "admin", f, json: Self.units)
            #expect(units.status == .ok)
            #expect(units.json["inserted"] as? Int == 2)
            let resources = try await client.send(.post, "/v1/tenants/langao/imports/resources", as: "admin", f, json: Self.resources)
            #expect(resources.json["inserted"] as? Int == 2)
            let again = try await client.send(.post, "/v1/tenants/langao/imports/resources", as: "admin", f, json: Self.resources)
            #expect(again.json["unchanged"] as? Int == 2)
            #expect(try await client.send(.post, "/v1/tenants/langao/imports/units", as: "staff", f, json: Self.units).status == .forbidden)

            // A demand for ¥1,200 of repairs at G11, accepted onto the list.
            let need = #"{"title": "屋顶漏水", "category": "housing_repair", "org_code": "G11", "quantity": {"amount": "1200.00", "unit": "yuan"}}"#
            let demand = try await client.send(.post, "/v1/tenants/langao/demands", as: "staff", f, json: need)
            let demandID = try #require((demand.json["demand"] as? [String: Any])?["id"] as? Int)
            _ = try await client.send(.post, "/v1/tenants/langao/demands/\(demandID)/transitions", as: "admin", f, json: #"{"to": "accepted"}"#)

            // A run is not idempotent (another run is another proposal): a key is refused, not ignored.
            let keyed = try await client.send(.post, "/v1/tenants/langao/matching/runs", as: "admin", f, json: "{}", headers: ["Idempotency-Key": "run-1"])
            #expect(keyed.fieldErrors == ["header:Idempotency-Key"])
            #expect(try await f.total("matching_run") == 0)
            let run = try await client.send(.post, "/v1/tenants/langao/matching/runs", as: "admin", f, json: "{}")
            #expect(run.status == .created)
            let runID = try #require(run.json["id"] as? Int)
            #expect(run.json["demands_served"] as? Int == 1)
            #expect(try await f.total("matching_run") == 1)
            let shown = try await client.send(.get, "/v1/tenants/langao/matching/runs/\(runID)?limit=5", as: "viewer", f)
            #expect((shown.json["served"] as? [[String: Any]])?.count == 1)
            #expect(try await client.send(.post, "/v1/tenants/langao/matching/runs/\(runID)/accept", as: "staff", f, json: "{}").status == .forbidden)
            let accepted = try await client.send(.post, "/v1/tenants/langao/matching/runs/\(runID)/accept", as: "admin", f, json: "{}")
            #expect(accepted.status == .ok)
            let project = try #require((accepted.json["projects"] as? [String])?.first)
            let twice = try await client.send(.post, "/v1/tenants/langao/matching/runs/\(runID)/accept", as: "admin", f, json: "{}")
            #expect(twice.status == .conflict)

            let path = "/v1/tenants/langao/projects/\(project)"
            #expect(try await client.send(.post, "\(path)/transitions", as: "admin", f, json: #"{"to": "in_progress"}"#).status == .ok)
            let report = try await client.send(.post, "\(path)/progress", as: "staff", f, json: #"{"percent": 60, "note": "已进场"}"#,
                                               headers: ["Idempotency-Key": "p60"])
            #expect(report.status == .created)
            let reportAgain = try await client.send(.post, "\(path)/progress", as: "staff", f, json: #"{"percent": 60, "note": "已进场"}"#,
                                                    headers: ["Idempotency-Key": "p60"])
            #expect(reportAgain.text == report.text)
            #expect(try await f.total("project_progress") == 1)
            let back = try await client.send(.post, "\(path)/progress", as: "staff", f, json: #"{"percent": 30}"#)
            #expect(back.status == .conflict)
            let early = try await client.send(.post, "\(path)/rating", as: "staff", f, json: #"{"score": 5}"#)
            #expect(early.status == .conflict)
            #expect(try await client.send(.post, "\(path)/transitions", as: "admin", f, json: #"{"to": "completed"}"#).status == .ok)
            let rated = try await client.send(.post, "\(path)/rating", as: "staff", f, json: #"{"score": 5, "comment": "修好了"}"#)
            #expect(rated.status == .ok)
            let demandAfter = try await client.send(.get, "/v1/tenants/langao/demands/\(demandID)", as: "viewer", f)
            #expect((demandAfter.json["demand"] as? [String: Any])?["state"] as? String == "rated")
            let ledger = try await client.send(.get, "/v1/tenants/langao/resources/R1", as: "viewer", f)
            #expect(ledger.status == .ok)
            #expect(try await client.send(.get, "/v1/tenants/langao/projects?status=completed", as: "viewer", f).json["items"] != nil)
            // The project's history as a file: a milestone reached on the day given.
            let shownProject = try await client.send(.get, path, as: "viewer", f)
            let external = try #require((shownProject.json["project"] as? [String: Any])?["external_id"] as? String)
            let milestones = try await client.send(.post, "/v1/tenants/langao/imports/milestones", as: "admin", f,
                                                   json: "项目编号,里程碑名称,完成日期\n\(external),进场施工,2024-05-01\n")
            #expect(milestones.status == .ok && milestones.json["inserted"] as? Int == 1 && milestones.json["list"] as? String == "milestones",
                    "\(milestones.text)")
            let after = try await client.send(.get, path, as: "viewer", f)
            #expect((after.json["milestones"] as? [[String: Any]])?.map { $0["done_on"] as? String } == ["2024-05-01"])
        }
    }

    @Test func moduleRoutesAnswerOnlyWhereTheModuleIsEnabled() async throws {
        try await APIFixture.with { f, client in
            let meeting = #"{"held_on": "2026-11-20", "place_code": "C1", "host": "王书记", "topics": ["路灯不亮", "垃圾清运"]}"#
            let off = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/meetings", as: "staff", f, json: meeting)
            #expect(off.status == .notFound)
            #expect(try await client.send(.put, "/v1/tenants/langao/modules/bench_talk", as: "staff", f, json: "{}").status == .forbidden)
            let enabled = try await client.send(.put, "/v1/tenants/langao/modules/bench_talk", as: "admin", f, json: #"{"local_name": "院坝会"}"#)
            #expect(enabled.status == .ok)
            #expect((enabled.json["settings"] as? [String: Any])?["local_name"] as? String == "院坝会")
            let badSetting = try await client.send(.put, "/v1/tenants/langao/modules/bench_talk", as: "admin", f, json: #"{"reply_deadline_days": 500}"#)
            #expect(badSetting.status == .unprocessableContent)
            let held = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/meetings", as: "staff", f, json: meeting)
            #expect(held.status == .created)
            // Community staff (bound to C1) record meetings and answer topics in C1's subtree only.
            let elsewhere = meeting.replacingOccurrences(of: #""place_code": "C1""#, with: #""place_code": "C3""#)
            let outside = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/meetings", as: "staff", f, json: elsewhere)
            #expect(outside.status == .forbidden)
            #expect(outside.problem == "outside-subtree")
            let theirs = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/meetings", as: "admin", f, json: elsewhere)
            let foreignTopic = try #require(((theirs.json["topics"] as? [[String: Any]])?.first)?["id"] as? Int)
            let answerThere = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/topics/\(foreignTopic)/answer", as: "staff", f,
                                                    json: #"{"answer": "已修好"}"#)
            #expect(answerThere.status == .forbidden)
            let unknownField = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/meetings", as: "staff", f,
                                                     json: meeting.replacingOccurrences(of: "{", with: #"{"tenant_id": "x", "#))
            #expect(unknownField.fieldErrors == ["/tenant_id"])
            let topics = try await client.send(.get, "/v1/tenants/langao/modules/bench_talk/topics", as: "viewer", f)
            #expect(topics.status == .ok)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(topics.text.utf8)) as? [[String: Any]])
            #expect(list.count == 4)
            let topic = try #require(list.first { ($0["place_name"] as? String) == "东坡社区" }?["id"] as? Int)
            // The quantity is the core's field: an object, whose keys are checked as the core's are.
            let strayKey = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/topics/\(topic)/demand", as: "staff", f,
                                                 json: #"{"category": "safety", "quantity": {"amount": "1", "unit": "job", "colour": "red"}}"#)
            #expect(strayKey.fieldErrors == ["/quantity/colour"])
            let filed = try await client.send(.post, "/v1/tenants/langao/modules/bench_talk/topics/\(topic)/demand", as: "staff", f,
                                              json: #"{"category": "safety", "quantity": {"amount": "1", "unit": "job"}}"#)
            #expect(filed.status == .created)
            let demands = try await client.send(.get, "/v1/tenants/langao/demands", as: "viewer", f)
            #expect((demands.json["items"] as? [[String: Any]])?.first?["source_channel"] as? String == "bench_talk")
            // pingli has not enabled it.
            #expect(try await client.send(.get, "/v1/tenants/pingli/modules/bench_talk/topics", as: "pingliAdmin", f).status == .notFound)
            #expect(try await client.send(.delete, "/v1/tenants/langao/modules/bench_talk", as: "admin", f).status == .ok)
            #expect(try await client.send(.get, "/v1/tenants/langao/modules/bench_talk/topics", as: "viewer", f).status == .notFound)
        }
    }
}
