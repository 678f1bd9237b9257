import APISchema
import Foundation
import HTTPTypes
import Registry

/// The OpenAPI 3.1 document of ``APIRouteTable/v1(modules:)``, written from the same table that
/// registers the routes (see the README for why spec-from-table and not a generator).
enum OpenAPIDocument {
    /// The document of `table` as JSON.
    static func json(_ table: APIRouteTable) -> Data {
        (try? JSONSerialization.data(withJSONObject: document(table), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    static func document(_ table: APIRouteTable) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for route in table.routes {
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "govreg API",
                "version": CoreVersion.current.description,
                "description": "三张清单 The three lists (demands, resources, projects) of many districts, with matching and plug-in modules. "
                    + "Amounts are decimal strings in their unit (\"1500.00\" yuan, \"40\" hours), in and out. Times are ISO 8601 UTC. Errors are RFC 9457 problem+json.",
            ] as [String: Any],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "A token from `govreg token issue` (grt_…)"]],
                "schemas": ["Problem": problemSchema],
            ] as [String: Any],
        ]
    }

    private static func operation(_ route: APIRoute) -> [String: Any] {
        var parameters: [[String: Any]] = route.pathParameters.map {
            ["name": $0, "in": "path", "required": true, "schema": route.pathSchema($0).json]
        }
        parameters += route.query.map { ["name": $0.name, "in": "query", "required": false, "schema": $0.schema.json, "description": $0.description] }
        if route.idempotent {
            parameters.append(["name": "Idempotency-Key", "in": "header", "required": false,
                               "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[^\\r\\n]+$"],
                               "description": "A retry with the same key returns the first answer and creates nothing new (kept 24 h)."])
        }
        if route.ifMatch != .refused {
            // Where it is required, its absence is answered 428 (RFC 6585).
            parameters.append(["name": "If-Match", "in": "header", "required": route.ifMatch == .required,
                               "schema": ["type": "string", "pattern": "^(\\*|\"[0-9]{1,9}\")$"],
                               "description": "The ETag read; a stale one gets 412 and changes nothing."])
        }
        var operation: [String: Any] = [
            "operationId": operationID(route), "summary": route.summary, "tags": [route.tag],
            "parameters": parameters, "responses": responses(route),
            "x-govreg-access": route.access.rawValue,
        ]
        if route.access != .anyone { operation["security"] = [["bearer": [String]()]] } else { operation["security"] = [[String: Any]]() }
        switch route.bodyKind {
        case .json:
            operation["requestBody"] = ["required": !route.bodyOptional, "content": ["application/json": ["schema": route.body?.json ?? [:]]]]
        case .csv:
            // A spreadsheet file: CSV text, or an Excel workbook's bytes (told apart by their first bytes).
            operation["requestBody"] = ["required": true, "content": [
                "text/csv": ["schema": ["type": "string", "minLength": 1]],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary", "minLength": 1]],
            ]]
        case .none:
            break
        }
        return operation
    }

    private static func responses(_ route: APIRoute) -> [String: Any] {
        var out: [String: Any] = [:]
        for status in [route.success] + route.otherSuccess {
            var success: [String: Any] = ["description": status.reasonPhrase]
            if let schema = route.response {
                var content: [String: Any] = ["application/json": ["schema": schema.responseJSON]]
                for media in route.alsoServes { content[media] = ["schema": ["type": "string"]] }
                success["content"] = content
            }
            out[String(status.code)] = success
        }
        let problem: [String: Any] = ["content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]]
        func add(_ code: Int, _ text: String) { out[String(code)] = problem.merging(["description": text]) { $1 } }
        // A token that is not live is refused on every route, even one that needs none, and an
        // address that keeps failing is slowed down (429) everywhere.
        add(401, "No live token"); add(429, "Rate limit reached")
        if route.access != .anyone {
            add(403, "The role may not do this")
            // Unknown query parameters, a header naming a tenant, or one the route does not take.
            add(422, "Invalid input")
        }
        if route.isTenantRoute || !route.pathParameters.isEmpty { add(404, "No such object in your tenant") }
        if route.bodyKind != .none { add(400, "Malformed body"); add(413, "Body too large"); add(422, "Invalid input") }
        if route.method != .get { add(409, "Conflicts with the current state") }
        if route.ifMatch != .refused { add(412, "Stale If-Match") }
        if route.ifMatch == .required { add(428, "If-Match missing") }
        return out
    }

    private static func operationID(_ route: APIRoute) -> String {
        let words = route.path.split(separator: "/").filter { !$0.hasPrefix("{") && $0 != "v1" }
        return route.method.rawValue.lowercased() + words.map { word in
            word.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }.joined() + (route.path.hasSuffix("}") ? "ByID" : "")
    }

    private static var problemSchema: [String: Any] { [
        "type": "object",
        "required": ["type", "title", "status"],
        "properties": [
            "type": ["type": "string", "description": "urn:govreg:problem:<kind>, stable"],
            "title": ["type": "string"],
            "status": ["type": "integer"],
            "detail": ["type": "string"],
            "sqlstate": ["type": "string", "description": "When PostgreSQL refused"],
            "errors": ["type": "array", "items": [
                "type": "object",
                "properties": ["field": ["type": "string", "description": "JSON Pointer, or query:name / header:Name"], "detail": ["type": "string"],
                               "cell": ["type": "string", "description": "An imported workbook's cell, as 需求!C17"]],
            ] as [String: Any]],
        ] as [String: Any],
    ] }
}
