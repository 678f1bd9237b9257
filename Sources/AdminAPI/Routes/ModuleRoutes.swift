import APISchema
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/modules`: which plug-in modules a district runs, and their settings.
enum ModuleRoutes {
    static let moduleSchema = Schema.object([
        ("id", .string()), ("enabled", .boolean()), ("version", .string()),
        ("settings", .object([], description: "The module's settings, as its schema defines them")),
        ("updated_at", .string(format: "date-time")), ("updated_by", .string()),
    ])

    static let routes: [APIRoute] = [
        APIRoute(.get, "/v1/tenants/{tenant}/modules", .tenantRead, tag: "modules", summary: "本区县的模块 The district's modules",
                 response: .object([("items", .array(moduleSchema))])) { call in
            try await call.read { tx in try .json(["items": try await ModuleStore.list(in: tx)]) }
        },
    ] + management("{id}")

    /// Enabling, configuring and disabling a module. A module that adds routes of its own
    /// gets these at its literal id too (`…/modules/bench_talk`): the router prefers a literal
    /// path segment to a parameter and does not fall back, so `{id}` alone would not reach them.
    static func management(_ id: String, settings: ModuleSettingsSchema? = nil) -> [APIRoute] {
        [
            APIRoute(method: .put, path: "/v1/tenants/{tenant}/modules/\(id)", access: .tenantAdmin, tag: "modules",
                     summary: "启用模块或修改设置 Enable a module or change its settings: the keys the body names change, the others keep their value",
                     bodyKind: .json, body: settings.map(Schema.init) ?? .object([], description: "The module's settings to change"),
                     bodyOptional: true, response: moduleSchema, idempotent: true) { call in
                let module = try field("id") { try ModuleID(id == "{id}" ? call.parameter("id") : id) }
                if !call.body.isEmpty { try call.checkBody() }
                // Enabling layers the document over the earlier settings, so it is also how
                // settings change: one locked upsert, whatever two concurrent PUTs do.
                return try await call.write { tx in
                    try .json(try await ModuleStore.enable(
                        module, settings: call.body.isEmpty ? nil : call.body, in: tx))
                }
            },
            APIRoute(.delete, "/v1/tenants/{tenant}/modules/\(id)", .tenantAdmin, tag: "modules",
                     summary: "停用模块（数据保留）Disable a module; its data stays", response: moduleSchema) { call in
                let module = try field("id") { try ModuleID(id == "{id}" ? call.parameter("id") : id) }
                return try await call.write { tx in
                    try .json(try await ModuleStore.disable(
                        module, in: tx))
                }
            },
        ]
    }
}
