import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/resources`: the resource list (资源清单) — what registered units
/// pledge, with its ledger (pledged, drawn, returned) from which what remains follows.
enum ResourceRoutes {
    static let base = "/v1/tenants/{tenant}/resources"
    static let detail = Schema.object([
        ("resource", .object([("id", .integer()), ("external_id", .string()), ("title", .string()), ("status", .string()),
                              ("remaining", .string())])),
        ("ledger", .array(.object([("kind", .string()), ("quantity", .string())]))),
    ], description: "A resource with its service area, ledger and what projects hold of it")

    struct NewResource: Decodable {
        var externalID: String?
        var unit: String
        var title: String
        var description: String?
        var category: String
        var kind: ResourceKind
        var capacity: String
        var measureUnit: MeasureUnit
        var unitCost: String?
        var serviceArea: [String]?
        var availableFrom: CivilDate?
        var availableUntil: CivilDate?
        var offered: Bool?
        var isPublic: Bool?
        var publishedOn: CivilDate?
        enum CodingKeys: String, CodingKey {
            case externalID = "external_id", unit, title, description, category, kind, capacity, measureUnit = "measure_unit"
            case unitCost = "unit_cost", serviceArea = "service_area", availableFrom = "available_from"
            case availableUntil = "available_until", offered, isPublic = "is_public", publishedOn = "published_on"
        }
    }

    struct Pledge: Decodable { var amount: String; var note: String? }
    struct Withdrawal: Decodable { var reason: String }

    static let routes: [APIRoute] = [
        APIRoute(.get, base, .tenantRead, tag: "resources", summary: "资源清单 List resources",
                 query: HierarchyRoutes.pageQuery + [
                     .init(name: "status", schema: .string(values: ResourceStatus.allCases.map(\.rawValue)), description: "Only this status"),
                     .init(name: "kind", schema: .string(values: ResourceKind.allCases.map(\.rawValue)), description: "Only this kind"),
                     .init(name: "category", schema: .string(), description: "A category code or Chinese name"),
                     .init(name: "unit", schema: .string(), description: "The pledging unit's code"),
                     .init(name: "org", schema: .string(), description: "Resources that may serve this org unit"),
                     .init(name: "available_from", schema: .string(format: "date"), description: "Available on or after this day"),
                     .init(name: "available_until", schema: .string(format: "date"), description: "Available on or before this day"),
                 ], response: .object([("items", .array(.object([("id", .integer())]))), ("next_cursor", .integer())])) { call in
            let query = ResourceQuery(
                status: try call.query("status") { try ResourceStatus(parsing: $0) }, category: call.query("category"),
                kind: try call.query("kind") { try ResourceKind(parsing: $0) }, unit: call.query("unit"), orgCode: call.query("org"),
                availableFrom: try call.query("available_from") { try CivilDate($0) },
                availableUntil: try call.query("available_until") { try CivilDate($0) },
                after: try call.cursor(), limit: try call.pageSize())
            return try await call.read { tx in try .json(try await ResourceStore.list(query, in: tx)) }
        },
        APIRoute(.post, base, .tenantAdmin, tag: "resources", summary: "登记资源（首笔认领）Register a resource and its first pledge",
                 body: Schema.body(ResourceDraft.Field.all, extra: [("offered", .boolean(description: "Declared but not yet confirmed (已申报)"))]),
                 success: .created, response: detail, idempotent: true) { call in
            let input = try call.decode(NewResource.self)
            let cost = try input.unitCost.map { text in try field("unit_cost") { try Money(parsing: text) } }
            // Read as a file's cell is; the draft's own check says what is wrong with the value.
            let capacity = try field("capacity") { try input.measureUnit.writtenAmount(input.capacity) }
            let row = ResourceImportRow(
                externalID: input.externalID ?? "", unitExternalID: input.unit, title: input.title, description: input.description,
                category: input.category, kind: input.kind, capacity: capacity, measureUnit: input.measureUnit, unitCost: cost,
                serviceAreaCodes: input.serviceArea ?? [], availableFrom: input.availableFrom, availableUntil: input.availableUntil,
                status: input.offered == true ? .offered : .available, isPublic: input.isPublic ?? false, publishedOn: input.publishedOn)
            return try await call.write { tx in
                let resource = try await ResourceStore.create(row, in: tx)
                return try .json(resource, status: .created, location: "\(call.path(base))/\(resource.resource.id)")
            }
        },
        APIRoute(.get, "\(base)/{key}", .tenantRead, tag: "resources",
                 summary: "资源详情（含认领台账）Show a resource with its pledge ledger", response: detail) { call in
            try await call.read { tx in try .json(try await ResourceStore.show(call.parameter("key"), in: tx)) }
        },
        APIRoute(.post, "\(base)/{key}/pledges", .tenantAdmin, tag: "resources", summary: "追加认领 Pledge more of a resource",
                 body: .object([("amount", Schema.decimal("How much more, in the resource's unit: \"5000.00\" yuan, \"8\" hours")),
                                ("note", .string(maxLength: LedgerEntry.maximumNoteLength))], required: ["amount"]),
                 success: .created, response: detail, idempotent: true) { call in
            let input = try call.decode(Pledge.self)
            return try await call.write { tx in
                try .json(try await ResourceStore.pledge(call.parameter("key"), written: input.amount, note: input.note, in: tx), status: .created)
            }
        },
        APIRoute(.post, "\(base)/{key}/confirm", .tenantAdmin, tag: "resources", summary: "确认资源（已申报 → 可用）Confirm an offered resource",
                 response: detail, idempotent: true) { call in
            try await call.write { tx in
                try .json(try await ResourceStore.confirm(call.parameter("key"), in: tx))
            }
        },
        APIRoute(.post, "\(base)/{key}/withdraw", .tenantAdmin, tag: "resources",
                 summary: "撤回资源（须说明理由；已动用的不变）Withdraw a resource, with the reason; what projects drew stays theirs",
                 body: .object([("reason", .string(maxLength: LedgerEntry.maximumNoteLength, description: "Why (withdrawal is final) 撤回理由"))],
                               required: ["reason"]),
                 response: detail, idempotent: true) { call in
            let input = try call.decode(Withdrawal.self)
            return try await call.write { tx in
                try .json(try await ResourceStore.withdraw(call.parameter("key"), reason: input.reason, in: tx))
            }
        },
    ]
}
