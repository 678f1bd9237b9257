import Foundation
@testable import AdminAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct TenantIsolationAPITests {
    /// Another tenant's objects answer exactly as missing ones do, on every route class.
    @Test func anotherTenantsObjectsAreNotFoundLikeMissingOnes() async throws {
        try await APIFixture.with { f, client in
            let created = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: DemandRoutesTests.streetLight)
            let id = try #require((created.json["demand"] as? [String: Any])?["id"] as? Int)
            // pingli's admin, on langao's paths: the same 404 as a tenant that does not exist.
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/tenants/langao/demands", nil), (.get, "/v1/tenants/langao/demands/\(id)", nil),
                (.post, "/v1/tenants/langao/demands", DemandRoutesTests.streetLight),
                (.post, "/v1/tenants/langao/demands/\(id)/transitions", #"{"to": "accepted"}"#),
                (.get, "/v1/tenants/langao/accounts", nil), (.get, "/v1/tenants/langao/modules", nil),
                (.get, "/v1/tenants/langao/resources", nil), (.get, "/v1/tenants/langao", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let foreign = try await client.send(method, path, as: "pingliAdmin", f, json: body)
                let missing = try await client.send(method, path.replacingOccurrences(of: "langao", with: "nowhere"), as: "pingliAdmin", f, json: body)
                #expect(foreign.status == .notFound, "\(method) \(path)")
                #expect(foreign.problem == missing.problem)
                #expect(foreign.json["title"] as? String == missing.json["title"] as? String)
            }
            // pingli's admin on pingli's path with langao's demand id: not found, as a missing id.
            let forged = try await client.send(.get, "/v1/tenants/pingli/demands/\(id)", as: "pingliAdmin", f)
            let absent = try await client.send(.get, "/v1/tenants/pingli/demands/987654", as: "pingliAdmin", f)
            #expect(forged.status == .notFound)
            #expect(forged.problem == absent.problem)
            let forgedMove = try await client.send(.post, "/v1/tenants/pingli/demands/\(id)/transitions", as: "pingliAdmin", f, json: #"{"to": "accepted"}"#)
            #expect(forgedMove.status == .notFound)
            #expect(try await client.send(.get, "/v1/tenants/langao/demands/\(id)", as: "admin", f).json["demand"] != nil)
        }
    }

    @Test func tenantIdsOutsideThePathAndReadOnlyFieldsAreRefused() async throws {
        try await APIFixture.with { f, client in
            let massAssigned = #"{"tenant_id": "\#(f.pingli.uuidString)", "state": "resolved", "id": 5, "row_version": 9, "#
                + DemandRoutesTests.streetLight.dropFirst()
            let refused = try await client.send(.post, "/v1/tenants/langao/demands", as: "admin", f, json: massAssigned)
            #expect(refused.status == .unprocessableContent)
            #expect(Set(refused.fieldErrors) == ["/tenant_id", "/state", "/id", "/row_version"])
            let query = try await client.send(.get, "/v1/tenants/langao/demands?tenant_id=\(f.pingli.uuidString)", as: "admin", f)
            #expect(query.status == .unprocessableContent)
            #expect(query.fieldErrors == ["query:tenant_id"])
            let header = try await client.send(.get, "/v1/tenants/langao/demands", as: "admin", f, headers: ["X-Tenant-Id": f.pingli.uuidString])
            #expect(header.status == .unprocessableContent)
            #expect(try await f.total("demand") == 0)
        }
    }

    /// With the application's own tenant check taken away from one route, row-level
    /// security still keeps the other tenant out: the forged read sees nothing and the
    /// forged write is refused by PostgreSQL (SQLSTATE 42501 in the problem).
    @Test func rowLevelSecurityHoldsWhenTheApplicationCheckIsRemoved() async throws {
        try await APIFixture.with { f, client in
            let pingliDemand = try await f.database.withTenant(f.pingli, actor: "test:api") { tx in try await DemandStore.file(
                DemandDraft(title: "平利的需求", category: "housing_repair", orgCode: "G11", quantity: try Quantity(1, .job)),
                submit: true, in: tx) }
            let services = APIServices(database: f.database, configuration: APIConfiguration(), pendingMigrations: { [] })
            let unchecked = [
                // Reads pingli's rows by naming pingli in SQL, inside langao's transaction.
                APIRoute(.get, "/unchecked/read/{tenant}", .tenantRead, tag: "test", summary: "forged read") { call in
                    try await call.read { tx in
                        let rows = try await tx.connection.query("SELECT id FROM demand WHERE tenant_id = \(f.pingli) AND id = \(pingliDemand.rawValue)")
                        return try .json(["rows": rows.count])
                    }
                },
                APIRoute(.post, "/unchecked/write/{tenant}", .tenantWrite, tag: "test", summary: "forged write") { call in
                    try await call.write { tx in
                        try await tx.connection.execute("UPDATE demand SET title = 'forged' WHERE tenant_id = \(f.pingli)")
                        try await tx.connection.execute("""
                            INSERT INTO demand (tenant_id, title, category_code, org_unit_id, source_channel, quantity, measure_unit)
                            VALUES (\(f.pingli), 'forged', 'housing_repair', 1, 'other', 1, 'job')
                            """)
                        return try .json(["written": true])
                    }
                },
            ]
            let router = Router(context: APIContext.self)
            router.add(middleware: RequestLogMiddleware(routes: RouteMethods(APIRouteTable(routes: unchecked)), figures: RegistryFigures()))
            router.add(middleware: AuthenticationMiddleware(services: services))
            APIRouteTable(routes: unchecked).register(on: router, services: services)
            let app = Application(router: router, logger: Logger(label: "unchecked"))
            try await app.test(.router) { client in
                let read = try await client.send(.get, "/unchecked/read/langao", as: "admin", f)
                #expect(read.status == .ok)
                #expect(read.json["rows"] as? Int == 0)
                let write = try await client.send(.post, "/unchecked/write/langao", as: "admin", f)
                #expect(write.status == .forbidden)
                #expect(write.problem == "database-refused")
                #expect(write.json["sqlstate"] as? String == "42501")
            }
            let title = try await f.database.withTenant(f.pingli, actor: "test:api", readOnly: true) { tx in try await DemandStore.get(pingliDemand, in: tx) }.demand.title
            #expect(title == "平利的需求")
            #expect(try await f.total("demand") == 1)
        }
    }
}
