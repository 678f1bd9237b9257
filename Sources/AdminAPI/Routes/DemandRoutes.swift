import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/demands`: the demand list (需求清单) — intake, lists, edits, the
/// workflow and escalation (吹哨).
enum DemandRoutes {
    static let base = "/v1/tenants/{tenant}/demands"
    static let item = Schema.object([
        ("id", .integer()), ("title", .string()), ("category", .string()), ("category_name", .string()),
        ("org_code", .string()), ("org_name", .string()), ("state", .string(values: DemandState.allCases.map(\.rawValue))),
        ("quantity", Schema(DemandDraft.Field.quantity)), ("priority", .integer()), ("escalation_level", .string()),
        ("filed_on", .string(format: "date")), ("is_public", .boolean()),
    ], description: "One line of the list")
    static let detail = Schema.object([
        ("demand", .object([("id", .integer()), ("title", .string()), ("state", .string())], description: "The demand's fields")),
        ("org_code", .string()), ("org_name", .string()), ("category_name", .string()), ("row_version", .integer()),
        ("history", .array(.object([("kind", .string()), ("at", .string(format: "date-time"))]))),
    ], description: "A demand with its history; the ETag header carries row_version")

    static let listQuery: [APIRoute.QueryParameter] = [
        .init(name: "state", schema: .string(values: DemandState.allCases.map(\.rawValue)), description: "Only this state"),
        .init(name: "category", schema: .string(), description: "A category code or Chinese name"),
        .init(name: "under", schema: .string(), description: "An org unit code: its whole subtree"),
        .init(name: "filed_from", schema: .string(format: "date"), description: "Filed on or after"),
        .init(name: "filed_to", schema: .string(format: "date"), description: "Filed on or before"),
        .init(name: "q", schema: .string(), description: "Text the title contains"),
        .init(name: "unmet", schema: .boolean(), description: "true: only demands a project serves in part, with an unmet remainder still on the list"),
        .init(name: "level", schema: .string(values: EscalationLevel.allCases.map(\.rawValue)), description: "Only demands escalated to this level"),
        .init(name: "open", schema: .boolean(), description: "true: only open demands (filed, not closed)"),
        .init(name: "assigned_to_me", schema: .boolean(),
              description: "true: what is on the caller's desk: open demands under the account's org unit at its level (the district level for an account bound to none); combines with the other filters"),
        .init(name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "Page size, 50 by default"),
        .init(name: "cursor", schema: .integer(minimum: 1), description: "next_cursor of the previous page"),
    ]

    static let routes: [APIRoute] = [
        APIRoute(.get, base, .tenantRead, tag: "demands", summary: "需求清单 List demands, newest first, by keyset pages",
                 query: listQuery, response: .object([("items", .array(item)), ("next_cursor", .integer())])) { call in
            let filter = DemandFilter(
                state: try call.query("state") { try DemandState(parsing: $0) }, category: call.query("category"),
                under: call.query("under"), filedFrom: try call.query("filed_from") { try CivilDate($0) },
                filedTo: try call.query("filed_to") { try CivilDate($0) }, search: call.query("q"),
                unmet: call.query("unmet") == "true", level: try call.query("level") { try EscalationLevel(parsing: $0) },
                open: call.query("open") == "true")
            let cursor = try call.cursor().map { DemandID(rawValue: $0) }
            let limit = try call.pageSize()
            let desk = call.query("assigned_to_me") == "true" ? try call.account.orgUnitID.map(Optional.some) ?? .some(nil) : nil
            return try await call.read { tx in
                var filter = filter
                if let desk {
                    let mine = try await DemandStore.desk(of: desk, in: tx)
                    if filter.under != nil, mine.under != nil {
                        throw APIProblem.validation(field: "query:under", "与 assigned_to_me 同用时由账号决定 assigned_to_me names the subtree itself")
                    }
                    filter.under = filter.under ?? mine.under
                    filter.level = mine.level
                    filter.open = true
                }
                let page = try await DemandStore.list(filter, limit: limit, after: cursor, in: tx)
                return APIAnswer(status: .ok, headers: [:], body: page.apiJSON)
            }
        },
        APIRoute(.post, base, .tenantWrite, tag: "demands", summary: "登记需求 File a demand (submitted, or a draft)",
                 body: DemandInputs.intakeSchema, success: .created, response: detail, idempotent: true) { call in
            let input = try call.decode(DemandInputs.Intake.self)
            return try await call.intake(input.draft, submit: input.submit ?? true) { id in "\(call.path(base))/\(id)" }
        },
        APIRoute(.get, "\(base)/{key}", .tenantRead, tag: "demands", summary: "需求详情 Show a demand with its history",
                 response: detail) { call in
            try await call.read { tx in
                let detail = try await DemandStore.get(try await call.demand(tx), in: tx)
                return try .json(detail, version: detail.rowVersion)
            }
        },
        APIRoute(.get, "\(base)/{key}/audit", .tenantAdmin, tag: "demands",
                 summary: "审计记录 Who created and changed a demand, when, from which import, file and line",
                 response: .object([("items", .array(.object([
                     ("at", .string(format: "date-time")), ("actor", .string()),
                     ("action", .string(values: ["insert", "imported", "update", "delete"])), ("import_id", .integer()),
                     ("line", .integer()), ("changed", .array(.string())),
                 ])))])) { call in
            try await call.read { tx in try .json(["items": try await AuditTrail.demand(try await call.demand(tx), in: tx)]) }
        },
        APIRoute(.patch, "\(base)/{key}", .tenantWrite, tag: "demands",
                 summary: "修改需求（需 If-Match）Edit a demand's wording, priority or dates (If-Match required)",
                 body: DemandInputs.revisionSchema, response: detail, ifMatch: .required) { call in
            let input = try call.decode(DemandInputs.Revision.self)
            let expected = try call.expectedVersion()
            return try await call.demandWrite { id, tx in
                try await DemandStore.revise(id, input.revision, expectedVersion: expected, in: tx)
            }
        },
        APIRoute(.post, "\(base)/{key}/transitions", .tenantWrite, tag: "demands",
                 summary: "流转（If-Match 可选）Move a demand along its workflow (If-Match honoured)",
                 body: DemandInputs.transitionSchema, response: detail, idempotent: true, ifMatch: .honoured) { call in
            let input = try call.decode(DemandInputs.Transition.self)
            let expected = try call.expectedVersion()
            return try await call.demandWrite { id, tx in
                try await DemandStore.transition(
                    id, to: input.to, note: input.note, reason: input.reason, mergedInto: input.mergedInto.map { DemandID(rawValue: $0) },
                    rating: input.rating, visibility: input.visibility ?? .public, expectedVersion: expected, in: tx)
                return try await DemandStore.get(id, in: tx)
            }
        },
        APIRoute(.post, "\(base)/{key}/escalations", .tenantWrite, tag: "demands",
                 summary: "吹哨：上交上级 Escalate a demand to a higher level, with the reason",
                 body: DemandInputs.escalationSchema, response: detail, idempotent: true) { call in
            let input = try call.decode(DemandInputs.Escalation.self)
            return try await call.demandWrite { id, tx in
                try await DemandStore.escalate(id, to: input.to, reason: input.reason, in: tx)
                return try await DemandStore.get(id, in: tx)
            }
        },
    ]
}

extension APICall {
    /// The demand the path's `{key}` names: its number, or its external id (like resources and
    /// projects); `#12` is the number when a text is both.
    func demand(_ tx: TenantTransaction) async throws -> DemandID {
        try await DemandStore.id(of: parameter("key"), in: tx)
    }

    /// A write to the demand the path names: for community staff only inside their subtree,
    /// in the request's transaction, answered with the demand as `work` leaves it and its ETag.
    func demandWrite(_ work: (DemandID, TenantTransaction) async throws -> DemandDetail) async throws -> Response {
        try await write { tx in
            let id = try await demand(tx)
            try await requireSubtree { root in try await OrgUnitStore.isInside(demand: id, subtreeOf: root, in: tx) }
            let detail = try await work(id, tx)
            return try .json(detail, version: detail.rowVersion)
        }
    }
}
