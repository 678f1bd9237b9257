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
            try APIAnswer.json(["items": try await ModuleStore(database: call.services.database).list(
                tenant: try call.tenantID, actor: try call.account.actor)]).response
        },
    ] + management("{id}")

    /// Enabling, configuring and disabling a module. A module that adds routes of its own
    /// gets these at its literal id too (`…/modules/bench_talk`): the router prefers a literal
    /// path segment to a parameter and does not fall back, so `{id}` alone would not reach them.
    static func management(_ id: String) -> [APIRoute] {
        [
            APIRoute(method: .put, path: "/v1/tenants/{tenant}/modules/\(id)", access: .tenantAdmin, tag: "modules",
                     summary: "启用模块或修改设置 Enable a module, or change its settings (the body is the settings object; {} for the defaults)",
                     bodyKind: .json, body: nil, response: moduleSchema) { call in
                let module = try field("id") { try ModuleID(id == "{id}" ? call.parameter("id") : id) }
                let store = ModuleStore(database: call.services.database)
                let tenant = try call.tenantID
                let actor = try call.account.actor
                let enabled = try await store.list(tenant: tenant, actor: actor).contains { $0.id == module && $0.enabled }
                let saved = enabled
                    ? try await store.configure(module, settings: call.body, tenant: tenant, actor: actor)
                    : try await store.enable(module, settings: call.body.isEmpty ? nil : call.body, tenant: tenant, actor: actor)
                return try APIAnswer.json(saved).response
            },
            APIRoute(.delete, "/v1/tenants/{tenant}/modules/\(id)", .tenantAdmin, tag: "modules",
                     summary: "停用模块（数据保留）Disable a module; its data stays", response: moduleSchema) { call in
                let module = try field("id") { try ModuleID(id == "{id}" ? call.parameter("id") : id) }
                return try APIAnswer.json(try await ModuleStore(database: call.services.database).disable(
                    module, tenant: try call.tenantID, actor: try call.account.actor)).response
            },
        ]
    }
}
