import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/projects`: the project list (项目清单) — creation from demands and
/// resources, the workflow, milestones, progress reports and the residents' rating.
enum ProjectRoutes {
    static let base = "/v1/tenants/{tenant}/projects"
    static let detail = Schema.object([
        ("project", .object([("id", .integer()), ("external_id", .string()), ("title", .string()), ("status", .string())])),
        ("demands", .array(.object([("id", .integer())]))), ("allocations", .array(.object([("resource", .string())]))),
        ("milestones", .array(.object([("id", .integer())]))), ("progress", .array(.object([("percent", .integer())]))),
        ("events", .array(.object([("to", .string())]))),
    ], description: "A project with its demands, allocations, milestones, progress and events")

    struct NewProject: Decodable {
        struct Allocation: Decodable { var resource: String; var quantity: String }
        var externalID: String?
        var title: String
        var description: String?
        var responsibleUnit: String
        var demands: [String]
        var allocations: [Allocation]?
        var budget: String?
        var startsOn: CivilDate?
        var dueOn: CivilDate?
        var isPublic: Bool?
        var publishedOn: CivilDate?
        enum CodingKeys: String, CodingKey {
            case externalID = "external_id", title, description, responsibleUnit = "responsible_unit", demands, allocations, budget
            case startsOn = "starts_on", dueOn = "due_on", isPublic = "is_public", publishedOn = "published_on"
        }
    }

    struct Move: Decodable {
        var to: ProjectStatus
        var on: CivilDate?
        var note: String?
        var reason: String?
    }

    struct Report: Decodable {
        var percent: Int
        var on: CivilDate?
        var note: String?
        var attachments: [String]?
    }

    struct NewMilestone: Decodable {
        var title: String
        var dueOn: CivilDate?
        enum CodingKeys: String, CodingKey { case title, dueOn = "due_on" }
    }

    /// A body naming a day (`on`): a milestone reached, a project disclosed.
    struct OnDay: Decodable { var on: CivilDate? }
    struct Rating: Decodable { var score: Int; var comment: String? }

    static let routes: [APIRoute] = [
        APIRoute(.get, base, .tenantRead, tag: "projects", summary: "项目清单 List projects",
                 query: HierarchyRoutes.pageQuery + [
                     .init(name: "status", schema: .string(values: ProjectStatus.allCases.map(\.rawValue)), description: "Only this status"),
                     .init(name: "category", schema: .string(), description: "A category code or Chinese name"),
                     .init(name: "unit", schema: .string(), description: "The responsible unit's code"),
                     .init(name: "under", schema: .string(), description: "Projects serving demands under this org unit"),
                     .init(name: "from", schema: .string(format: "date"), description: "Planned period touching this day or later"),
                     .init(name: "to", schema: .string(format: "date"), description: "Planned period touching this day or earlier"),
                 ], response: .object([("items", .array(.object([("id", .integer())]))), ("next_cursor", .integer())])) { call in
            let query = ProjectQuery(
                status: try call.query("status") { try ProjectStatus(parsing: $0) }, category: call.query("category"),
                orgCode: call.query("under"), unit: call.query("unit"),
                from: try call.query("from") { try CivilDate($0) }, to: try call.query("to") { try CivilDate($0) },
                after: try call.cursor(), limit: try call.pageSize())
            return try await call.read { tx in try .json(try await ProjectStore.list(query, in: tx)) }
        },
        APIRoute(.post, base, .tenantAdmin, tag: "projects",
                 summary: "立项：服务哪些需求、动用哪些资源 Create a project from demands and resource allocations",
                 body: Schema.body(ProjectDraft.Field.all),
                 success: .created, response: detail, idempotent: true) { call in
            let input = try call.decode(NewProject.self)
            let budget = try input.budget.map { text in try field("budget") { try Money(parsing: text) } }
            let draft = ProjectDraft(
                externalID: input.externalID, title: input.title, description: input.description, responsibleUnit: input.responsibleUnit,
                demands: input.demands, allocations: (input.allocations ?? []).map { ProjectAllocationRequest(resource: $0.resource, quantity: $0.quantity) },
                budget: budget, startsOn: input.startsOn, dueOn: input.dueOn, isPublic: input.isPublic ?? false, publishedOn: input.publishedOn)
            return try await call.write { tx in
                let project = try await ProjectStore.create(draft, in: tx)
                return try .json(project, status: .created, location: "\(call.path(base))/\(project.project.id)")
            }
        },
        APIRoute(.get, "\(base)/{key}", .tenantRead, tag: "projects", summary: "项目详情 Show a project", response: detail) { call in
            try await call.read { tx in try .json(try await ProjectStore.show(call.parameter("key"), in: tx)) }
        },
        APIRoute(.post, "\(base)/{key}/transitions", ProjectWorkflow.movesAccess, tag: "projects",
                 summary: "项目流转：开工、完成、验收、取消 Start, complete, check (验收) or cancel a project",
                 body: .object([("to", .string(values: ["in_progress", "completed", "checked", "cancelled"])), ("on", .string(format: "date")),
                                ("note", .string(maxLength: DemandWorkflow.maximumTextLength)),
                                ("reason", .string(maxLength: DemandWorkflow.maximumTextLength, description: "Required to cancel"))], required: ["to"]),
                 response: detail, idempotent: true) { call in
            let input = try call.decode(Move.self)
            return try await call.projectWrite { tx, key in
                switch input.to {
                case .inProgress: try await ProjectStore.start(key, note: input.note, in: tx)
                case .completed: try await ProjectStore.complete(key, on: input.on, note: input.note, in: tx)
                case .checked: try await ProjectStore.check(key, on: input.on, note: input.note, in: tx)
                case .cancelled: try await ProjectStore.cancel(key, reason: input.reason ?? "", note: input.note, in: tx)
                case .planned: throw APIProblem.validation(field: "/to", "项目不能回到计划状态 a project cannot go back to planned")
                }
            }
        },
        APIRoute(.post, "\(base)/{key}/progress", ProjectWorkflow.progressAccess, tag: "projects",
                 summary: "进度报告 Report progress (percentage never goes back; attachments are links)",
                 body: .object([("percent", .integer(minimum: 0, maximum: 100)), ("on", .string(format: "date")),
                                ("note", .string(maxLength: DemandWorkflow.maximumTextLength)),
                                ("attachments", .array(.string(format: "uri")))], required: ["percent"]),
                 success: .created, response: detail, idempotent: true) { call in
            let input = try call.decode(Report.self)
            return try await call.projectWrite(status: .created, staffInSubtree: true) { tx, key in
                try await ProjectStore.report(key, percent: input.percent, on: input.on, note: input.note, attachments: input.attachments ?? [], in: tx)
            }
        },
        APIRoute(.post, "\(base)/{key}/milestones", ProjectWorkflow.progressAccess, tag: "projects", summary: "添加里程碑 Add a milestone",
                 body: .object([("title", .string(maxLength: 200)), ("due_on", .string(format: "date"))], required: ["title"]),
                 success: .created, response: detail, idempotent: true) { call in
            let input = try call.decode(NewMilestone.self)
            return try await call.projectWrite(status: .created, staffInSubtree: true) { tx, key in
                try await ProjectStore.addMilestone(key, title: input.title, dueOn: input.dueOn, in: tx)
            }
        },
        APIRoute(.post, "\(base)/{key}/milestones/{id}/reached", ProjectWorkflow.progressAccess, tag: "projects", summary: "里程碑完成 Mark a milestone reached",
                 body: .object([("on", .string(format: "date"))]), bodyOptional: true, response: detail, idempotent: true) { call in
            let milestone = try call.id("id")
            let input = call.body.isEmpty ? OnDay() : try call.decode(OnDay.self)
            return try await call.projectWrite(staffInSubtree: true) { tx, key in
                try await ProjectStore.reachMilestone(key, milestone: milestone, on: input.on, in: tx)
            }
        },
        APIRoute(.post, "\(base)/{key}/publish", .tenantAdmin, tag: "projects", summary: "公示项目 Disclose a project from a day (today by default)",
                 body: .object([("on", .string(format: "date", description: "The day of disclosure; not after today"))]), bodyOptional: true,
                 response: detail, idempotent: true) { call in
            let input = call.body.isEmpty ? OnDay() : try call.decode(OnDay.self)
            return try await call.projectWrite { tx, key in try await ProjectStore.publish(key, on: input.on, in: tx) }
        },
        APIRoute(.post, "\(base)/{key}/rating", ProjectWorkflow.progressAccess, tag: "projects",
                 summary: "群众评价（评单）The residents' rating, 1–5, once the project is completed",
                 body: .object([("score", .integer(minimum: 1, maximum: 5)), ("comment", .string(maxLength: Registry.Rating.maximumCommentLength))], required: ["score"]),
                 response: detail, idempotent: true) { call in
            let input = try call.decode(Rating.self)
            return try await call.projectWrite(staffInSubtree: true) { tx, key in
                try await ProjectStore.rate(key, score: input.score, comment: input.comment, in: tx)
            }
        },
    ]
}

extension APICall {
    /// A write to the project in the path: in the request's transaction (so `Idempotency-Key`
    /// holds), and for community staff only when every demand it serves is in their subtree.
    func projectWrite(
        status: HTTPResponse.Status = .ok, staffInSubtree: Bool = false,
        _ work: (TenantTransaction, String) async throws -> ProjectDetail
    ) async throws -> Response {
        let key = parameter("key")
        return try await write { tx in
            if staffInSubtree { try await requireSubtree { root in try await ProjectStore.isInside(key, subtreeOf: root, in: tx) } }
            return try .json(try await work(tx, key), status: status)
        }
    }
}
