import APISchema
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// The district's shape: org units, registered units and categories, for reading.
enum HierarchyRoutes {
    static let pageQuery: [APIRoute.QueryParameter] = [
        .init(name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "Page size, 50 by default"),
        .init(name: "cursor", schema: .integer(minimum: 1), description: "next_cursor of the previous page"),
    ]

    static let routes: [APIRoute] = [
        APIRoute(.get, "/v1/tenants/{tenant}/org-units/{code}", .tenantRead, tag: "hierarchy",
                 summary: "组织节点及其下级 An org unit and its whole subtree",
                 response: .object([("items", .array(.object([("code", .string()), ("name", .string()), ("kind", .string()),
                                                               ("depth", .integer()), ("parent_code", .string())])))])) { call in
            try await call.read { tx in try .json(["items": try await OrgUnitStore.subtree(
                of: call.parameter("code"), in: tx)]) }
        },
        APIRoute(.get, "/v1/tenants/{tenant}/categories", .tenantRead, tag: "hierarchy", summary: "需求与资源类别 The district's categories",
                 response: .object([("items", .array(.object([("code", .string()), ("name_zh", .string()), ("name_en", .string()),
                                                               ("sort_order", .integer()), ("hidden", .boolean()), ("default_code", .string())])))])) { call in
            try await call.read { tx in try .json(["items": try await CategoryStore.list(in: tx)]) }
        },
        APIRoute(.get, "/v1/tenants/{tenant}/units", .tenantRead, tag: "hierarchy", summary: "报到单位 Registered units",
                 query: pageQuery + [
                     .init(name: "kind", schema: .string(values: UnitKind.allCases.map(\.rawValue)), description: "Only this kind"),
                     .init(name: "org", schema: .string(), description: "Units contracting this community (包联)"),
                 ], response: .object([("items", .array(.object([("id", .integer())]))), ("next_cursor", .integer())])) { call in
            let query = UnitQuery(
                kind: try call.query("kind") { try UnitKind(parsing: $0) }, orgCode: call.query("org"),
                after: try call.cursor(), limit: try call.pageSize())
            return try await call.read { tx in try .json(try await UnitStore.list(
                query, in: tx)) }
        },
        APIRoute(.get, "/v1/tenants/{tenant}/members", .tenantRead, tag: "hierarchy",
                 summary: "双报到成员（姓名电话已遮挡）Members registered for duty, personal data masked",
                 query: pageQuery + [
                     .init(name: "unit", schema: .string(), description: "The registering unit's code"),
                     .init(name: "org", schema: .string(), description: "Members reporting to communities under this org unit"),
                 ], response: .object([("items", .array(.object([("id", .integer()), ("name", .string()), ("phone", .string())]))),
                                       ("next_cursor", .integer())])) { call in
            let query = MemberQuery(unit: call.query("unit"), orgCode: call.query("org"), after: try call.cursor(), limit: try call.pageSize())
            return try await call.read { tx in try .json(try await MemberStore.list(
                query, in: tx)) }
        },
        APIRoute(.get, "/v1/tenants/{tenant}/units/{key}", .tenantRead, tag: "hierarchy",
                 summary: "单位详情（成员电话已遮挡）A unit with its members (masked) and resources",
                 response: .object([("unit", .object([("id", .integer())]))])) { call in
            try await call.read { tx in try .json(try await UnitStore.show(
                call.parameter("key"), in: tx)) }
        },
    ]
}
