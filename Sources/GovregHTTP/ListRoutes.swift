import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// The resource list (资源清单), the project list (项目清单) and the hierarchy, for reading.
enum ListRoutes {
    static let page = Schema.object([("items", .array(.object([("id", .integer())]))), ("next_cursor", .integer())])
    static let shared: [APIRoute.QueryParameter] = [
        .init(name: "category", schema: .string(), description: "A category code or Chinese name"),
        .init(name: "unit", schema: .string(), description: "A registered unit's code"),
        .init(name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "Page size, 50 by default"),
        .init(name: "cursor", schema: .string(), description: "next_cursor of the previous page"),
    ]

    static let routes: [APIRoute] = [
        APIRoute(.get, "/v1/tenants/{tenant}/resources", .tenantRead, tag: "resources", summary: "资源清单 List resources",
                 query: shared + [
                     .init(name: "status", schema: .string(values: ResourceStatus.allCases.map(\.rawValue)), description: "Only this status"),
                     .init(name: "kind", schema: .string(values: ResourceKind.allCases.map(\.rawValue)), description: "Only this kind"),
                     .init(name: "org", schema: .string(), description: "Resources that may serve this org unit"),
                 ], response: page) { call in
            let query = ResourceQuery(
                status: try call.query("status") { try ResourceStatus(parsing: $0) }, category: call.query("category"),
                kind: try call.query("kind") { try ResourceKind(parsing: $0) }, unit: call.query("unit"), orgCode: call.query("org"),
                after: try call.cursor(), limit: try call.pageSize())
            return try APIAnswer.json(try await ResourceStore(database: call.services.database).list(
                query, tenant: try call.tenantID, actor: try call.account.actor)).response
        },
        APIRoute(.get, "/v1/tenants/{tenant}/resources/{key}", .tenantRead, tag: "resources",
                 summary: "资源详情（含认领台账）Show a resource with its pledge ledger", response: .object([("id", .integer())])) { call in
            try APIAnswer.json(try await ResourceStore(database: call.services.database).show(
                call.parameter("key"), tenant: try call.tenantID, actor: try call.account.actor)).response
        },
        APIRoute(.get, "/v1/tenants/{tenant}/projects", .tenantRead, tag: "projects", summary: "项目清单 List projects",
                 query: shared + [
                     .init(name: "status", schema: .string(values: ProjectStatus.allCases.map(\.rawValue)), description: "Only this status"),
                     .init(name: "under", schema: .string(), description: "Projects serving demands under this org unit"),
                 ], response: page) { call in
            let query = ProjectQuery(
                status: try call.query("status") { try ProjectStatus(parsing: $0) }, category: call.query("category"),
                orgCode: call.query("under"), unit: call.query("unit"), after: try call.cursor(), limit: try call.pageSize())
            return try APIAnswer.json(try await ProjectStore(database: call.services.database).list(
                query, tenant: try call.tenantID, actor: try call.account.actor)).response
        },
        APIRoute(.get, "/v1/tenants/{tenant}/projects/{key}", .tenantRead, tag: "projects",
                 summary: "项目详情 Show a project with its demands, allocations, milestones and progress",
                 response: .object([("id", .integer())])) { call in
            try APIAnswer.json(try await ProjectStore(database: call.services.database).show(
                call.parameter("key"), tenant: try call.tenantID, actor: try call.account.actor)).response
        },
        APIRoute(.get, "/v1/tenants/{tenant}/org-units/{code}", .tenantRead, tag: "hierarchy",
                 summary: "组织节点及其下级 An org unit and its whole subtree",
                 response: .object([("items", .array(.object([("code", .string()), ("name", .string()), ("kind", .string()),
                                                               ("depth", .integer()), ("parent_code", .string())])))])) { call in
            try APIAnswer.json(["items": try await OrgUnitStore(database: call.services.database).subtree(
                of: call.parameter("code"), tenant: try call.tenantID, actor: try call.account.actor)]).response
        },
    ]
}
