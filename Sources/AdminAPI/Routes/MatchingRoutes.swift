import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import ListMatching
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/matching`: supply–demand matching runs (供需匹配) — start one, read
/// it with its explanations, accept it into the project list — and the district's weights.
enum MatchingRoutes {
    static let base = "/v1/tenants/{tenant}/matching"
    static let runSchema = Schema.object([
        ("id", .integer()), ("category", .string()), ("status", .string(values: ["proposed", "accepted", "discarded", "revoked"])), ("fingerprint", .string()),
        ("demands", .integer()), ("resources", .integer()), ("arcs", .integer()), ("allocations", .integer()),
        ("demands_served", .integer()), ("demands_filled", .integer()),
    ])
    /// A weight: what ``MatchingWeights`` takes.
    private static let weight = Schema.integer(minimum: 0, maximum: MatchingWeights.maximum)
    static let weightsSchema = Schema.object([
        ("distance", .object([("grid", weight), ("community", weight), ("street", weight),
                              ("district", weight)], required: ["grid", "community", "street", "district"])),
        ("contract_bonus", weight), ("unit_cost_per_yuan", weight),
    ], required: ["distance", "contract_bonus", "unit_cost_per_yuan"])

    struct Start: Decodable {
        var category: String?
        var weights: MatchingWeights?
        var dryRun: Bool?
        enum CodingKeys: String, CodingKey { case category, weights, dryRun = "dry_run" }
    }

    struct Revocation: Decodable { var reason: String }
    struct Revoked: Encodable { var run: Int64; var cancelled: [String] }

    struct Accept: Decodable {
        var only: [Int]?
        var dryRun: Bool?
        enum CodingKeys: String, CodingKey { case only, dryRun = "dry_run" }
    }

    static let routes: [APIRoute] = [
        APIRoute(.get, "\(base)/runs", .tenantRead, tag: "matching", summary: "匹配运行记录 Matching runs, newest first",
                 query: [.init(name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "How many, 20 by default")],
                 response: .object([("items", .array(runSchema))])) { call in
            let limit = try call.integer("limit", in: 1...200, default: 20)
            return try await call.read { tx in try .json(["items": try await MatchingStore.runs(limit: limit, in: tx)]) }
        },
        APIRoute(.post, "\(base)/runs", .tenantAdmin, tag: "matching",
                 summary: "运行供需匹配 Run matching over the accepted demands and available resources (dry_run: not recorded)",
                 body: .object([("category", .string()), ("weights", weightsSchema), ("dry_run", .boolean())]),
                 bodyOptional: true, success: .created, otherSuccess: [.ok], response: runSchema) { call in
            // Not idempotent: the solve reads its own repeatable-read snapshot, which must not
            // wait inside a request transaction holding a second connection. A repeated run is
            // another proposal, and only one run can ever be accepted into projects.
            let input = call.body.isEmpty ? Start() : try call.decode(Start.self)
            let weights = try input.weights.map { weights in try field("weights") { try weights.validated() } }
            let request = MatchingRequest(category: input.category, weights: weights, dryRun: input.dryRun ?? false)
            let run = try await MatchingStore.run(request, on: call.services.database, tenant: try call.tenantID, actor: try call.account.actor)
            return try APIAnswer.json(run, status: request.dryRun ? .ok : .created,
                                      location: run.id.map { "\(call.path(base))/runs/\($0)" }).response
        },
        APIRoute(.get, "\(base)/runs/{id}", .tenantRead, tag: "matching",
                 summary: "匹配结果与说明 A run: served demands with allocations and reasons, unserved ones with why, summaries",
                 query: [
                     .init(name: "limit", schema: .integer(minimum: 0, maximum: 1000), description: "Served demands to list, 20 by default"),
                     .init(name: "unserved", schema: .integer(minimum: 0, maximum: 1000), description: "Unserved demands to list, 10 by default"),
                     .init(name: "units", schema: .integer(minimum: 0, maximum: 1000), description: "Units to summarise, 20 by default"),
                 ], response: .object([("run", runSchema), ("served", .array(.object([("demand", .integer())]))),
                                       ("unserved", .array(.object([("demand", .integer())])))])) { call in
            return try await call.read { tx in try .json(try await MatchingStore.show(
                try call.id("id"),
                limit: try call.integer("limit", in: 0...1000, default: 20), unservedLimit: try call.integer("unserved", in: 0...1000, default: 10),
                unitLimit: try call.integer("units", in: 0...1000, default: 20), in: tx)) }
        },
        // Accepting twice is refused by the store (409), so a retry cannot create projects twice.
        APIRoute(.post, "\(base)/runs/{id}/accept", .tenantAdmin, tag: "matching",
                 summary: "接受匹配结果并立项 Accept a run (or some allocations) into the project list, all or nothing",
                 body: .object([("only", .array(.integer(minimum: 1), description: "Allocation numbers (A1 → 1); all when absent")),
                                ("dry_run", .boolean(description: "true: list the projects it would make, write nothing"))]),
                 bodyOptional: true,
                 response: .object([("run", .integer()), ("accepted_allocations", .integer()), ("projects", .array(.string())),
                                    ("created", .array(.object([("external_id", .string()), ("title", .string())]))), ("dry_run", .boolean())])) { call in
            let run = try call.id("id")
            let input = call.body.isEmpty ? Accept() : try call.decode(Accept.self)
            return try APIAnswer.json(try await MatchingStore.accept(
                run, only: input.only, dryRun: input.dryRun ?? false, on: call.services.database, tenant: try call.tenantID,
                actor: try call.account.actor)).response
        },
        APIRoute(.post, "\(base)/runs/{id}/revoke", .tenantAdmin, tag: "matching",
                 summary: "撤回已接受的运行（项目均未开始时）Take an accepted run back while none of its projects has started: all are cancelled, with the reason",
                 body: .object([("reason", .string(maxLength: DemandWorkflow.maximumTextLength, description: "Why 撤回理由 (kept as each project's cancel reason)"))], required: ["reason"]),
                 response: .object([("run", .integer()), ("cancelled", .array(.string()))])) { call in
            let run = try call.id("id")
            let input = try call.decode(Revocation.self)
            return try await call.write { tx in
                try .json(Revoked(run: run, cancelled: try await MatchingStore.revoke(run, reason: input.reason, in: tx)))
            }
        },
        APIRoute(.post, "\(base)/runs/{id}/discard", .tenantAdmin, tag: "matching",
                 summary: "舍弃待审核的运行 Discard a proposed run that will not be accepted (it stays on record)",
                 response: runSchema, idempotent: true) { call in
            let run = try call.id("id")
            return try await call.write { tx in try .json(try await MatchingStore.discard(run, in: tx)) }
        },
        APIRoute(.get, "\(base)/weights", .tenantRead, tag: "matching", summary: "匹配权重 The district's matching weights",
                 response: weightsSchema) { call in
            try await call.read { tx in try .json(try await MatchingStore.weights(in: tx)) }
        },
        APIRoute(.put, "\(base)/weights", .tenantAdmin, tag: "matching", summary: "设置匹配权重 Set the district's matching weights",
                 body: weightsSchema, response: weightsSchema, idempotent: true) { call in
            let weights = try call.decode(MatchingWeights.self)
            let valid = try field("weights") { try weights.validated() }
            return try await call.write { tx in
                try await MatchingStore.setWeights(valid, in: tx)
                return try .json(valid)
            }
        },
    ]
}

extension APICall {
}
