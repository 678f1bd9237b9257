import Foundation
@testable import AdminAPI
import HTTPTypes
import Hummingbird
import RegistryStore
import Registry
import Testing

@Suite struct OpenAPIDocumentTests {
    /// Every (method, path) the router was given, and every operation of the served document.
    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        try await APIFixture.with { f, client in
            let router = Router(context: APIContext.self)
            let registered = APIRouteTable.v1(modules: f.database.modules).register(on: router, services: APIServices(
                database: f.database, configuration: APIConfiguration(), pendingMigrations: { [] }))
            let reply = try await client.send(.get, "/v1/openapi.json", as: nil, f)
            #expect(reply.status == .ok)
            #expect(reply.json["openapi"] as? String == "3.1.0")
            let paths = try #require(reply.json["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let routed = Set(registered.map { "\($0.method) \($0.path)" })
            #expect(documented == routed)
            #expect(routed.count == registered.count, "a (method, path) registered twice")

            // Each documented operation answers on the live router (not the router's 404), and
            // says what it needs: no token gives 401 for every protected one.
            for route in APIRouteTable.v1(modules: f.database.modules).routes {
                let uri = route.path.replacingOccurrences(of: "{tenant}", with: "langao")
                    .replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{key}", with: "x").replacingOccurrences(of: "{code}", with: "C1")
                let answer = try await client.send(route.method, uri, as: nil, f)
                if route.access == .anyone {
                    #expect(answer.status == .ok, "\(route.method) \(route.path)")
                } else {
                    #expect(answer.status == .unauthorized, "\(route.method) \(route.path)")
                }
                let operation = try #require(paths[route.path]?[route.method.rawValue.lowercased()] as? [String: Any])
                #expect((operation["summary"] as? String)?.isEmpty == false)
                #expect((operation["responses"] as? [String: Any])?.isEmpty == false)
            }
            // A matching run answers 201, a dry run 200: both are documented.
            let runs = paths["/v1/tenants/{tenant}/matching/runs"]?["post"] as? [String: Any]
            let runAnswers = Set(((runs?["responses"] as? [String: Any]) ?? [:]).keys)
            #expect(runAnswers.isSuperset(of: ["200", "201"]))
            let unknown = try await client.send(.get, "/v1/nothing-here", as: nil, f)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            // A known path with a method it does not take: 405 and what it does take.
            let wrongMethod = try await client.send(.delete, "/v1/tenants/langao/demands", as: "admin", f)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, POST")
            #expect(try await client.send(.post, "/health", as: nil, f).headers[.allow] == "GET")
        }
    }

    /// A module's body fields are documented with their shape: an object as an object, a list
    /// of objects with its items' fields, a core field as the core declares it.
    @Test func moduleFieldsAreDocumentedWithTheirShape() async throws {
        try await APIFixture.with { f, client in
            let reply = try await client.send(.get, "/v1/openapi.json", as: nil, f)
            let paths = try #require(reply.json["paths"] as? [String: [String: Any]])
            func properties(_ path: String) throws -> [String: [String: Any]] {
                let operation = try #require(paths[path]?["post"] as? [String: Any], "\(path)")
                let body = try #require(operation["requestBody"] as? [String: Any])
                let schema = try #require(((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
                return try #require(schema["properties"] as? [String: [String: Any]])
            }
            let demand = try properties("/v1/tenants/{tenant}/modules/bench_talk/topics/{id}/demand")
            let quantity = try #require(demand["quantity"])
            #expect(quantity["type"] as? String == "object")
            #expect(Set(((quantity["properties"] as? [String: Any]) ?? [:]).keys) == ["amount", "unit"])
            #expect(demand["priority"]?["maximum"] as? Int == 5)
            let cases = try properties("/v1/tenants/{tenant}/modules/mediation_room/cases")
            let parties = try #require(cases["parties"]?["items"] as? [String: Any])
            #expect(Set(((parties["properties"] as? [String: Any]) ?? [:]).keys) == ["role", "name", "phone"])
            #expect(Set((parties["required"] as? [String]) ?? []) == ["role", "name"])
        }
    }
}
