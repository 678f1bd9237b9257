import APISchema
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/open311/clients`: the client applications a district admin admits
/// to the district's Open311 endpoint (docs/open311.md), each with an `api_key` shown once.
enum Open311ClientRoutes {
    static let base = "/v1/tenants/{tenant}/open311/clients"
    static let clientSchema = Schema.object([
        ("id", .integer()), ("name", .string()), ("prefix", .string()), ("created_by", .string()),
        ("created_at", .string(format: "date-time")), ("revoked_at", .string(format: "date-time")),
        ("last_used_at", .string(format: "date-time")),
    ])

    struct NewClient: Decodable { var name: String }

    static let routes: [APIRoute] = [
        APIRoute(.get, base, .tenantAdmin, tag: "open311", summary: "Open311 应用列表（不含密钥）The district's Open311 client applications (never their keys)",
                 response: .object([("items", .array(clientSchema))])) { call in
            try await call.read { tx in try .json(["items": try await Open311ClientStore.list(in: tx)]) }
        },
        // Not idempotent on purpose: the stored answer would hold the key.
        APIRoute(.post, base, .tenantAdmin, tag: "open311", summary: "签发 Open311 密钥（只显示这一次）Issue an Open311 api_key; it is shown this once",
                 body: .object([("name", .string(maxLength: 100, description: "The application, e.g. 岚皋随手拍 app"))],
                              required: ["name"]),
                 success: .created, response: .object([("client", clientSchema), ("api_key", .string())])) { call in
            let input = try call.decode(NewClient.self)
            return try await call.write { tx in
                try .json(try await Open311ClientStore.issue(name: input.name, in: tx), status: .created)
            }
        },
        APIRoute(.delete, "\(base)/{id}", .tenantAdmin, tag: "open311", summary: "吊销 Open311 密钥 Revoke a client's api_key",
                 response: clientSchema) { call in
            let id = try call.id("id")
            return try await call.write { tx in try .json(try await Open311ClientStore.revoke(id, in: tx)) }
        },
    ]
}
