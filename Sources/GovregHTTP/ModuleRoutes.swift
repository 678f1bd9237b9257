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
        APIRoute(method: .put, path: "/v1/tenants/{tenant}/modules/{id}", access: .tenantAdmin, tag: "modules",
                 summary: "启用模块或修改设置 Enable a module, or change its settings (the body is the settings object; {} for the defaults)",
                 bodyKind: .json, body: nil, response: moduleSchema) { call in
            let id = try field("id") { try ModuleID(call.parameter("id")) }
            let store = ModuleStore(database: call.services.database)
            let tenant = try call.tenantID
            let actor = try call.account.actor
            let enabled = try await store.list(tenant: tenant, actor: actor).contains { $0.id == id && $0.enabled }
            let module = enabled
                ? try await store.configure(id, settings: call.body, tenant: tenant, actor: actor)
                : try await store.enable(id, settings: call.body.isEmpty ? nil : call.body, tenant: tenant, actor: actor)
            return try APIAnswer.json(module).response
        },
        APIRoute(.delete, "/v1/tenants/{tenant}/modules/{id}", .tenantAdmin, tag: "modules",
                 summary: "停用模块（数据保留）Disable a module; its data stays", response: moduleSchema) { call in
            let id = try field("id") { try ModuleID(call.parameter("id")) }
            return try APIAnswer.json(try await ModuleStore(database: call.services.database).disable(
                id, tenant: try call.tenantID, actor: try call.account.actor)).response
        },
    ]
}
