public import HTTPTypes
import APISchema
import Hummingbird
public import Registry

/// One operation of the API: what the OpenAPI document says of it and the handler that does
/// it. Routes are registered only from a table of these (``APIRouteTable``), which also
/// writes the document, so every route is documented and every documented route exists.
public struct APIRoute: Sendable {
    /// A query parameter a list takes.
    struct QueryParameter: Sendable {
        var name: String
        var schema: Schema
        var description: String
    }

    /// `If-Match`: required (428 without it), honoured when sent, or refused (the route has
    /// no row version to compare, and silently ignoring it would lose a client's update).
    enum IfMatch: Sendable { case refused, honoured, required }

    /// What the body is: JSON checked against ``body``, or a spreadsheet file.
    enum BodyKind: Sendable { case none, json, csv }

    public var method: HTTPRequest.Method
    /// The path in OpenAPI form, e.g. `/v1/tenants/{tenant}/demands/{key}`.
    public var path: String
    public var access: AccessClass
    var tag: String
    var summary: String
    var query: [QueryParameter] = []
    var bodyKind: BodyKind = .none
    var body: Schema?
    /// Whether an empty body is accepted (it means "the defaults").
    var bodyOptional = false
    /// The success status and the schema of its body (`nil` for none).
    var success: HTTPResponse.Status = .ok
    /// Other success statuses with the same body (a dry run's 200 beside a write's 201).
    var otherSuccess: [HTTPResponse.Status] = []
    var response: Schema?
    /// Media types the success may also come in, besides JSON (a report as HTML, Markdown, CSV).
    var alsoServes: [String] = []
    /// Whether a retry with the same `Idempotency-Key` gives the first answer.
    var idempotent = false
    /// What the route does with `If-Match` (the row version).
    var ifMatch: IfMatch = .refused
    var handler: @Sendable (APICall) async throws -> Response

    /// The path in Hummingbird's form (`:tenant` for `{tenant}`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }

    /// The names of the path's `{parameters}`.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    /// Whether the route works inside one tenant (its path names `{tenant}`).
    var isTenantRoute: Bool { pathParameters.contains("tenant") }
}

extension APIRoute {
    /// A route whose body is JSON described by `body`.
    init(
        _ method: HTTPRequest.Method, _ path: String, _ access: AccessClass, tag: String, summary: String,
        query: [QueryParameter] = [], body: Schema? = nil, bodyOptional: Bool = false, success: HTTPResponse.Status = .ok,
        otherSuccess: [HTTPResponse.Status] = [], response: Schema? = nil,
        idempotent: Bool = false, ifMatch: IfMatch = .refused, handler: @escaping @Sendable (APICall) async throws -> Response
    ) {
        self.init(
            method: method, path: path, access: access, tag: tag, summary: summary, query: query,
            bodyKind: body == nil ? .none : .json, body: body, bodyOptional: bodyOptional, success: success,
            otherSuccess: otherSuccess, response: response, idempotent: idempotent, ifMatch: ifMatch, handler: handler)
    }

    /// The schema the document gives a path parameter: a row id is a positive number, a
    /// quarter and a module id have their shapes, a list is one of the importable lists.
    func pathSchema(_ name: String) -> Schema {
        switch name {
        case "id" where path.hasSuffix("/modules/{id}"): .string(pattern: ModuleID.pattern, description: "A module id")
        case "id": .integer(minimum: 1)
        case "quarter": .string(pattern: Quarter.pattern, description: "A quarter, e.g. 2026Q3")
        case "list": .string(values: ImportRoutes.lists)
        default: .string()
        }
    }
}
