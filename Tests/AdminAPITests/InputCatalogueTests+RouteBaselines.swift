import Foundation
import HTTPTypes
import Postgres
import RegistryStore
import Testing

/// A valid request of one write route, which ``InputCatalogueTests/everyTextOfEveryWriteRoute()``
/// sends with each payload in place of each text.
struct RouteBaseline: Sendable {
    /// The request: its path under `/v1`, its JSON body and headers.
    struct Request: Sendable {
        var uri: String
        var body: String
        var headers: [String: String] = [:]
    }

    /// Who sends it (a role of ``APIFixture``).
    var role = "admin"
    /// The texts (JSON Pointers) this variant answers for; nil for every text its body
    /// reaches that an earlier variant of the route did not take.
    var covers: Set<String>? = nil
    /// Makes what the request needs and gives the request.
    var prepare: @Sendable (Setup) async throws -> Request
    /// The texts of the record a success stored; nil for those of the answer.
    var readBack: (@Sendable (Setup, APIReply) async throws -> [String])? = nil

    /// The baselines by "METHOD path", as the route table writes them. Every write route
    /// whose body has text must be here: the walk fails for one that is not.
    static let table: [String: [RouteBaseline]] = [
        "POST /v1/tenants": [RouteBaseline(role: "operator") { s in
            // Six digits under a province, unique per request.
            .init(uri: "/v1/tenants", body: #"{"slug": "cat\#(s.serial)", "name": "目录县", "division_code": "61\#(String(s.serial + 1000).suffix(4))"}"#)
        }],
        "PATCH /v1/tenants/{tenant}/settings": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/settings", body: #"{"time_zone": "Asia/Shanghai"}"#)
        }],
        "POST /v1/tenants/{tenant}/accounts": [
            RouteBaseline(covers: ["/org_code"]) { s in
                .init(uri: "/v1/tenants/langao/accounts", body: #"{"login": "staff\#(s.serial)", "display_name": "网格员", "role": "community_staff", "org_code": "C1"}"#)
            },
            RouteBaseline { s in
                .init(uri: "/v1/tenants/langao/accounts", body: #"{"login": "viewer\#(s.serial)", "display_name": "观察员", "role": "viewer"}"#)
            },
        ],
        "POST /v1/tenants/{tenant}/accounts/{id}/tokens": [RouteBaseline { s in
            let id = try await s.f.database.operatorPool.query("SELECT id FROM account WHERE login = 'viewer'")[0].decode(Int.self, "id")
            return .init(uri: "/v1/tenants/langao/accounts/\(id)/tokens", body: #"{"label": "巡查平板", "days": 1}"#)
        }],
        "POST /v1/tenants/{tenant}/open311/clients": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/open311/clients", body: #"{"name": "岚皋随手拍"}"#)
        }],
        "POST /v1/tenants/{tenant}/demands": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/demands", body: """
                {"external_id": "DX-\(s.serial)", "title": "路灯不亮", "description": "三号楼前", "category": "housing_repair",
                 "org_code": "G11", "quantity": {"amount": "1", "unit": "job"}}
                """)
        }],
        "PATCH /v1/tenants/{tenant}/demands/{key}": [RouteBaseline { s in
            let demand = try await s.demand()
            return .init(uri: "/v1/tenants/langao/demands/\(demand.id)", body: #"{"title": "路灯又不亮"}"#, headers: ["If-Match": demand.etag])
        }],
        "POST /v1/tenants/{tenant}/demands/{key}/transitions": [
            RouteBaseline(covers: ["/reason"]) { s in
                .init(uri: "/v1/tenants/langao/demands/\(try await s.demand().id)/transitions", body: #"{"to": "rejected", "reason": "不属社区职责"}"#)
            },
            RouteBaseline(covers: ["/rating/comment"]) { s in
                .init(uri: "/v1/tenants/langao/demands/\(try await s.demand(["accepted", "resolved"]).id)/transitions",
                      body: #"{"to": "rated", "rating": {"score": 5, "comment": "满意"}}"#)
            },
            RouteBaseline { s in
                .init(uri: "/v1/tenants/langao/demands/\(try await s.demand().id)/transitions", body: #"{"to": "accepted", "note": "列入清单"}"#)
            },
        ],
        "POST /v1/tenants/{tenant}/demands/{key}/escalations": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/demands/\(try await s.demand().id)/escalations", body: #"{"to": "community", "reason": "需社区协调"}"#)
        }],
        "POST /v1/tenants/{tenant}/resources": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/resources", body: """
                {"external_id": "RX-\(s.serial)", "unit": "U1", "title": "法律咨询", "description": "每周一次", "category": "housing_repair",
                 "kind": "funds", "capacity": "10.00", "measure_unit": "yuan", "unit_cost": "1.00", "service_area": ["C1"]}
                """)
        }],
        "POST /v1/tenants/{tenant}/projects/{key}/publish": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/projects/\(try await s.project())/publish", body: #"{"on": "2024-01-01"}"#)
        }],
        "POST /v1/tenants/{tenant}/matching/runs/{id}/revoke": [RouteBaseline(
            prepare: { s in .init(uri: "/v1/tenants/langao/matching/runs/\(try await s.acceptedRun())/revoke", body: #"{"reason": "匹配权重有误"}"#) },
            // The reason is kept on each cancelled project.
            readBack: { s, reply in
                let projects = try #require(reply.json["cancelled"] as? [String])
                return try await s.storedTexts("SELECT cancel_reason FROM project WHERE external_id = '\(projects.first ?? "")'")
            })],
        "POST /v1/tenants/{tenant}/resources/{key}/withdraw": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/resources/\(try await s.resource())/withdraw", body: #"{"reason": "单位撤出共建"}"#)
        }],
        "POST /v1/tenants/{tenant}/resources/{key}/pledges": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/resources/R1/pledges", body: #"{"amount": "1.00", "note": "追加"}"#)
        }],
        "POST /v1/tenants/{tenant}/projects": [RouteBaseline { s in
            let demand = try await s.demand(["accepted"])
            return .init(uri: "/v1/tenants/langao/projects", body: """
                {"external_id": "PX-\(s.serial)", "title": "修补屋顶", "description": "防水层", "responsible_unit": "U1",
                 "demands": ["\(demand.externalID)"], "allocations": [{"resource": "R1", "quantity": "1"}], "budget": "100"}
                """)
        }],
        "POST /v1/tenants/{tenant}/projects/{key}/transitions": [
            RouteBaseline(covers: ["/reason"]) { s in
                .init(uri: "/v1/tenants/langao/projects/\(try await s.project())/transitions", body: #"{"to": "cancelled", "reason": "经费未落实"}"#)
            },
            RouteBaseline { s in
                .init(uri: "/v1/tenants/langao/projects/\(try await s.project())/transitions", body: #"{"to": "in_progress", "note": "进场"}"#)
            },
        ],
        "POST /v1/tenants/{tenant}/projects/{key}/progress": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/projects/\(try await s.project(["in_progress"]))/progress",
                  body: #"{"percent": 10, "note": "已进场", "attachments": ["https://example.org/a.jpg"]}"#)
        }],
        "POST /v1/tenants/{tenant}/projects/{key}/milestones": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/projects/\(try await s.project())/milestones", body: #"{"title": "材料进场"}"#)
        }],
        "POST /v1/tenants/{tenant}/projects/{key}/milestones/{id}/reached": [RouteBaseline { s in
            let key = try await s.project(["in_progress"])
            let added = try await s.send(.post, "/projects/\(key)/milestones", #"{"title": "材料进场"}"#)
            let id = try #require((added.json["milestones"] as? [[String: Any]])?.first?["id"] as? Int)
            return .init(uri: "/v1/tenants/langao/projects/\(key)/milestones/\(id)/reached", body: "{}")
        }],
        "POST /v1/tenants/{tenant}/projects/{key}/rating": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/projects/\(try await s.project(["in_progress", "completed"]))/rating", body: #"{"score": 4, "comment": "修好了"}"#)
        }],
        // A correction of a closed quarter (closed first, once): a new version with its reason.
        "POST /v1/tenants/{tenant}/reports/quarterly/{quarter}/close": [RouteBaseline { s in
            let closed = try await s.client.send(.post, "/v1/tenants/langao/reports/quarterly/2024Q1/close", as: "admin", s.f)
            try #require(closed.status == .created || closed.status == .conflict, "closing 2024Q1: \(closed.text.prefix(300))")
            return .init(uri: "/v1/tenants/langao/reports/quarterly/2024Q1/close", body: #"{"correction": "更正受益人数"}"#)
        }],
        // A dry run: the answer names the category, and nothing is recorded.
        "POST /v1/tenants/{tenant}/matching/runs": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/matching/runs", body: #"{"category": "housing_repair", "dry_run": true}"#)
        }],
        "PUT /v1/tenants/{tenant}/modules/bench_talk": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/modules/bench_talk", body: #"{"local_name": "院坝会"}"#)
        }],
        "PUT /v1/tenants/{tenant}/modules/red_property": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/modules/red_property", body: #"{"matching_mode": "prefer", "categories": "housing_repair"}"#)
        }],
        "PUT /v1/tenants/{tenant}/modules/mediation_room": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/modules/mediation_room", body: #"{"room_name": "睦邻调解室", "joint_mediation": "街道联合调解"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/bench_talk/meetings": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/modules/bench_talk/meetings", body: """
                {"held_on": "2024-05-01", "place_code": "C1", "host": "王书记", "photos": ["https://example.org/p.jpg"],
                 "note": "二十人参加", "topics": ["路灯不亮"]}
                """)
        }],
        "POST /v1/tenants/{tenant}/modules/bench_talk/topics/{id}/answer": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/bench_talk/topics/\(try await s.topic())/answer", body: #"{"answer": "已报修"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/bench_talk/topics/{id}/referral": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/bench_talk/topics/\(try await s.topic())/referral", body: #"{"to": "城关街道"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/bench_talk/topics/{id}/demand": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/bench_talk/topics/\(try await s.topic())/demand",
                  body: #"{"category": "safety", "quantity": {"amount": "1", "unit": "job"}}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/red_property/problems": [RouteBaseline { _ in
            .init(uri: "/v1/tenants/langao/modules/red_property/problems", body: #"{"compound": "X1", "title": "电梯异响", "source": "resident"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/red_property/problems/{id}/escalation": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/red_property/problems/\(try await s.problem())/escalation", body: "{}")
        }],
        "POST /v1/tenants/{tenant}/modules/red_property/problems/{id}/response": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/red_property/problems/\(try await s.problem(["escalation"]))/response", body: #"{"response": "已派人"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/red_property/problems/{id}/closure": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/red_property/problems/\(try await s.problem())/closure", body: #"{"fix": "已更换曳引机"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/mediation_room/cases": [RouteBaseline(
            prepare: { _ in .init(uri: "/v1/tenants/langao/modules/mediation_room/cases", body: Setup.mediationCase) },
            // Lists and answers mask the parties (张*, 138****8000): what was stored is read as the owner.
            readBack: { s, reply in
                let id = try #require(reply.json["id"] as? Int)
                return try await s.storedTexts("SELECT * FROM mediation_case WHERE id = \(id)")
                    + s.storedTexts("SELECT * FROM mediation_party WHERE case_id = \(id)")
            })],
        "POST /v1/tenants/{tenant}/modules/mediation_room/cases/{id}/notes": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/mediation_room/cases/\(try await s.mediationCase())/notes", body: #"{"note": "双方到场"}"#)
        }],
        "POST /v1/tenants/{tenant}/modules/mediation_room/cases/{id}/moves": [RouteBaseline { s in
            .init(uri: "/v1/tenants/langao/modules/mediation_room/cases/\(try await s.mediationCase())/moves", body: #"{"to": "blue", "note": "开始调解"}"#)
        }],
    ]
}
