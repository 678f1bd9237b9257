public import APISchema
public import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An error answer in RFC 9457 `application/problem+json`: a stable `type`, a title in
/// Chinese and English, the field path of each invalid input (a JSON Pointer into the body,
/// or `query:name` / `header:Name`), and the SQLSTATE when PostgreSQL refused. Never a stack
/// trace, never SQL text.
public struct APIProblem: Error, HTTPResponseError, Sendable, Equatable {
    /// One invalid input (the type the request check reports).
    public typealias FieldError = APISchema.FieldError

    public var status: HTTPResponse.Status
    /// The last part of the `type` URN, e.g. `validation`.
    public var kind: String
    public var title: String
    public var detail: String?
    public var errors: [FieldError]
    public var sqlState: String?
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: [HTTPField.Name: String]

    /// Makes a problem.
    public init(
        _ status: HTTPResponse.Status, kind: String, title: String, detail: String? = nil,
        errors: [FieldError] = [], sqlState: String? = nil, headers: [HTTPField.Name: String] = [:]
    ) {
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.errors = errors
        self.sqlState = sqlState
        self.headers = headers
    }

    /// The stable problem type.
    public var type: String { "urn:govreg:problem:\(kind)" }

    /// The problem+json body.
    public var body: Data {
        var object: [String: Any] = ["type": type, "title": title, "status": status.code]
        if let detail { object["detail"] = detail }
        if !errors.isEmpty {
            object["errors"] = errors.map { error -> [String: String] in
                var entry = ["field": error.field, "detail": error.detail]
                if let cell = error.cell { entry["cell"] = cell }
                return entry
            }
        }
        if let sqlState { object["sqlstate"] = sqlState }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        for (name, value) in headers { fields[name] = value }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIProblem {
    static func validation(_ errors: [FieldError], detail: String? = nil) -> APIProblem {
        APIProblem(.unprocessableContent, kind: "validation", title: "输入无效 Invalid input", detail: detail, errors: errors)
    }

    static func validation(field: String, _ detail: String) -> APIProblem {
        validation([FieldError(field: field, detail: detail)])
    }

    static func notFound(_ what: String) -> APIProblem {
        APIProblem(.notFound, kind: "not-found", title: "找不到 Not found", detail: what)
    }

    static let unauthenticated = APIProblem(
        .unauthorized, kind: "unauthenticated", title: "需要有效令牌 A valid token is required",
        detail: "Send Authorization: Bearer <token>; the token may be unknown, revoked or expired, or its account disabled.",
        headers: [.wwwAuthenticate: "Bearer realm=\"govreg\""])

    static func forbidden(_ detail: String) -> APIProblem {
        APIProblem(.forbidden, kind: "forbidden", title: "无权操作 Not allowed for your role", detail: detail)
    }

    static func conflict(_ detail: String, kind: String = "conflict") -> APIProblem {
        APIProblem(.conflict, kind: kind, title: "冲突 Conflict", detail: detail)
    }

    static func malformed(_ detail: String) -> APIProblem {
        APIProblem(.badRequest, kind: "malformed-request", title: "请求格式错误 Malformed request", detail: detail)
    }
}
