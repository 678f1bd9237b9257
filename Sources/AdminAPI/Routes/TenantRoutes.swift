import APISchema
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// `/v1/tenants`: the districts. Creating and archiving are the operators'; a district's
/// own accounts may read their district.
enum TenantRoutes {
    static let tenantSchema = Schema.object([
        ("id", .string(format: "uuid")), ("slug", .string()), ("name", .string()),
        ("division_code", .string(description: "GB/T 2260, six digits")), ("status", .string(values: ["active", "archived"])),
        ("created_at", .string(format: "date-time")), ("archived_at", .string(format: "date-time")),
        ("settings", settingsSchema),
    ])

    /// A district's own settings; a body names only what it changes.
    static let settingsSchema = Schema.object([
        ("time_zone", .string(values: TenantSettings.timeZones, description: "The time zone the district's days begin and end in (JSON times stay UTC)")),
        ("projects_follow_disclosure", .boolean(description: "Whether an accepted run's projects are disclosed (公示) when their demand is")),
    ], description: "区县设置 The district's settings")

    struct Settings: Decodable {
        var timeZone: String?
        var projectsFollowDisclosure: Bool?
        enum CodingKeys: String, CodingKey { case timeZone = "time_zone", projectsFollowDisclosure = "projects_follow_disclosure" }
    }

    struct NewTenant: Decodable {
        var slug: String
        var name: String
        var divisionCode: String
        enum CodingKeys: String, CodingKey { case slug, name, divisionCode = "division_code" }
    }

    static let routes: [APIRoute] = [
        APIRoute(.get, "/v1/tenants", .platform, tag: "tenants", summary: "区县列表 List districts",
                 response: .object([("items", .array(tenantSchema))])) { call in
            try APIAnswer.json(["items": try await TenantStore(database: call.services.database).list()]).response
        },
        APIRoute(.post, "/v1/tenants", .platform, tag: "tenants", summary: "创建区县 Create a district",
                 body: .object([("slug", .string(maxLength: 40)), ("name", .string(maxLength: 100)), ("division_code", .string())],
                               required: ["slug", "name", "division_code"]),
                 success: .created, response: tenantSchema) { call in
            let input = try call.decode(NewTenant.self)
            let tenant = try await TenantStore(database: call.services.database).create(
                slug: try field("slug") { try TenantSlug(input.slug) }, name: input.name,
                divisionCode: try field("division_code") { try DivisionCode(input.divisionCode) })
            return try APIAnswer.json(tenant, status: .created, location: "/v1/tenants/\(tenant.slug.rawValue)").response
        },
        APIRoute(.get, "/v1/tenants/{tenant}", .tenantRead, tag: "tenants", summary: "区县详情 Show a district",
                 response: tenantSchema) { call in
            try APIAnswer.json(try await TenantStore(database: call.services.database).find(try call.tenantID.uuidString)).response
        },
        APIRoute(.patch, "/v1/tenants/{tenant}/settings", .tenantAdmin, tag: "tenants",
                 summary: "修改区县设置 Change the district's settings (time zone; whether accepted projects follow their demands' disclosure)",
                 body: settingsSchema, response: tenantSchema) { call in
            let input = try call.decode(Settings.self)
            let zone = try input.timeZone.map { name in try field("time_zone") { try TenantSettings.timeZone(name) } }
            return try APIAnswer.json(try await TenantStore(database: call.services.database).update(
                try call.tenantID.uuidString, timeZone: zone, projectsFollowDisclosure: input.projectsFollowDisclosure)).response
        },
        APIRoute(.post, "/v1/tenants/{tenant}/archive", .platform, tag: "tenants",
                 summary: "归档区县（只读，不删除）Archive a district (read-only; nothing is deleted)", response: tenantSchema) { call in
            try APIAnswer.json(try await TenantStore(database: call.services.database).archive(try call.tenantID.uuidString)).response
        },
    ]
}

/// Runs a domain constructor, reporting what it throws against `name` (a body field).
func field<T>(_ name: String, _ make: () throws -> T) throws -> T {
    do {
        return try make()
    } catch let error as RegistryError {
        throw APIProblem.validation(field: "/\(name)", error.message)
    }
}
