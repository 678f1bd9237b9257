import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import Registry
import RegistryStore

/// Mounts the operations modules contribute (``ModuleEndpoints``) under
/// `/v1/tenants/{tenant}/modules/{id}/…`. A module not enabled for the tenant answers 404
/// there, as a route that does not exist would.
enum ModuleEndpointRoutes {
    static func routes(_ catalogue: ModuleCatalogue) -> [APIRoute] {
        catalogue.modules.flatMap { module in
            let endpoints = module.contributions.compactMap { $0 as? any ModuleEndpoints }.flatMap(\.endpoints)
            return endpoints.isEmpty ? [] : ModuleRoutes.management(module.id.rawValue, settings: module.settingsSchema) + endpoints.map { route(module.id, $0) }
        }
    }

    private static func route(_ module: ModuleID, _ endpoint: ModuleEndpoint) -> APIRoute {
        let access = endpoint.access.accessClass
        let method = HTTPRequest.Method(rawValue: endpoint.method.rawValue)!
        let takesBody = endpoint.method == .post || endpoint.method == .put
        return APIRoute(
            method: method, path: "/v1/tenants/{tenant}/modules/\(module.rawValue)/\(endpoint.path)", access: access,
            tag: "module \(module.rawValue)", summary: endpoint.summary,
            query: endpoint.query.map { .init(name: $0.name, schema: schema($0), description: $0.description) },
            bodyKind: takesBody ? .json : .none,
            body: takesBody ? schema(endpoint.body) : nil,
            success: endpoint.method == .post ? .created : .ok, response: nil,
            idempotent: takesBody
        ) { call in
            if takesBody, !call.body.isEmpty || endpoint.body.contains(where: \.required) { try call.checkBody() }
            let run: (TenantTransaction) async throws -> APIAnswer = { tx in
                guard let settings = try await ModuleStore.settings(of: module, in: tx) else {
                    throw APIProblem.notFound("模块未启用 the module \(module.rawValue) is not enabled for this district")
                }
                if endpoint.method != .get { try await requirePlace(endpoint.place, call, tx) }
                var query: [String: String] = [:]
                for field in endpoint.query { query[field.name] = call.query(field.name) }
                let parameters = Dictionary(uniqueKeysWithValues: call.route.pathParameters.map { ($0, call.parameter($0)) })
                let request = ModuleRequest(tx: tx, settings: settings, parameters: parameters, query: query, body: call.body)
                let reply = try await endpoint.handle(request)
                return try APIAnswer.json(reply.value, status: .init(code: reply.status))
            }
            return endpoint.method == .get ? try await call.read(run) : try await call.write(run)
        }
    }

    /// Holds community staff to their subtree: the place the write happens must lie in it.
    private static func requirePlace(_ place: ModuleEndpoint.Place, _ call: APICall, _ tx: TenantTransaction) async throws {
        try await call.requireSubtree { root in
            switch place {
            case .none:
                return false
            case .bodyField(let name):
                let object = (try? JSONSerialization.jsonObject(with: call.body)) as? [String: Any]
                guard let code = object?[name] as? String else { return false }
                return try await OrgUnitStore.isInside(code: code, subtreeOf: root, in: tx)
            case .record(let lookup):
                guard let orgUnit = try await lookup(try call.id("id"), tx) else { return false }
                return try await OrgUnitStore.isInside(orgUnit: orgUnit, subtreeOf: root, in: tx)
            }
        }
    }

    /// The schema of a module's fields: an object of them, with the required ones.
    static func schema(_ fields: [ModuleEndpoint.Field]) -> Schema {
        .object(fields.map { ($0.name, schema($0)) }, required: fields.filter(\.required).map(\.name))
    }

    private static func schema(_ field: ModuleEndpoint.Field) -> Schema {
        let description = field.description.isEmpty ? nil : field.description
        return switch field.kind {
        case .text: .string(description: description)
        case .integer: .integer(description: description)
        case .boolean: .boolean(description: description)
        case .date: .string(format: "date", description: description)
        case .textList: .array(.string(), description: description)
        case .object(let fields):
            .object(fields.map { ($0.name, schema($0)) }, required: fields.filter(\.required).map(\.name), description: description)
        case .objectList(let fields): .array(schema(fields), description: description)
        case .declared(let declaration): Schema(declaration)
        case .choice(let words): .string(values: words, description: description)
        case .list(let declaration): .array(Schema(declaration), description: description)
        }
    }
}
