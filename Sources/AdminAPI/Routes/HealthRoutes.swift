import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import Registry
import RegistryStore

/// `/health` (the process answers), `/ready` (the database answers and its schema is
/// current) and `/v1/openapi.json` (this API's document).
enum HealthRoutes {
    static let routes: [APIRoute] = [
        APIRoute(.get, "/health", .anyone, tag: "service", summary: "进程存活 The process is up",
                 response: .object([("status", .string())])) { _ in
            try APIAnswer.json(["status": "ok"]).response
        },
        APIRoute(.get, "/ready", .anyone, tag: "service",
                 summary: "可以服务 The database is reachable and its migrations are current (503 otherwise)",
                 response: .object([("status", .string()), ("pending_migrations", .array(.string()))])) { call in
            await readiness(call.services).response
        },
        APIRoute(.get, "/v1/openapi.json", .anyone, tag: "service", summary: "本接口的 OpenAPI 3.1 文档 This API's OpenAPI 3.1 document") { call in
            APIAnswer(status: .ok, headers: [:], body: call.services.document).response
        },
    ]

    /// Ready when PostgreSQL answers as the application role and no migration shipped with
    /// this build is pending (a server started before `govreg db migrate` is not ready).
    static func readiness(_ services: APIServices) async -> APIAnswer {
        struct Ready: Encodable {
            var status: String
            var pendingMigrations: [String]
        }
        var ready = Ready(status: "ready", pendingMigrations: [])
        do {
            try await services.database.tenantPool.execute("SELECT 1")
            ready.pendingMigrations = try await services.pendingMigrations()
            if !ready.pendingMigrations.isEmpty { ready.status = "migrations pending: run govreg db migrate" }
        } catch {
            ready.status = "database unreachable"
        }
        let status: HTTPResponse.Status = ready.status == "ready" ? .ok : .serviceUnavailable
        return (try? APIAnswer.json(ready, status: status)) ?? APIAnswer(status: status, headers: [:], body: Data())
    }
}
