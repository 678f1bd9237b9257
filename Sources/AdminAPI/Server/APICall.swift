import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Registry
import RegistryStore

/// One request as its handler sees it: the caller, the tenant named in the path (already
/// checked against the caller's), the body (already read within the route's limit) and
/// helpers to read parameters that fail with a problem naming the parameter.
struct APICall: Sendable {
    let request: Request
    let context: APIContext
    let route: APIRoute
    let services: APIServices
    /// The body's bytes; empty for routes without one.
    let body: Data
    /// The tenant of a tenant route.
    let tenant: UUID?

    /// Checks the caller and the tenant, reads the body, and runs the route's handler.
    static func run(_ route: APIRoute, request: Request, context: APIContext, services: APIServices) async throws -> Response {
        if route.access != .anyone {
            guard let account = context.account else { throw APIProblem.unauthenticated }
            guard account.role.permits(route.access) else {
                throw APIProblem.forbidden("这个角色不能使用此接口 the role \(account.role.rawValue) may not use \(route.method) \(route.path)")
            }
        }
        try checkUnexpectedInputs(route, request)
        let tenant = route.isTenantRoute ? try await resolveTenant(context, services) : nil
        var request = request
        var body = Data()
        if route.bodyKind != .none {
            let limit = route.bodyKind == .csv ? services.configuration.importLimit : services.configuration.bodyLimit
            let tooLarge = APIProblem(.contentTooLarge, kind: "too-large", title: "请求体过大 Request body too large",
                                      detail: "this route takes at most \(limit) bytes")
            // A declared length over the limit is refused before a byte of the body is read.
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { throw tooLarge }
            do {
                body = Data(try await request.collectBody(upTo: limit).readableBytesView)
            } catch is NIOTooManyBytesError {
                throw tooLarge
            }
        }
        let call = APICall(request: request, context: context, route: route, services: services, body: body, tenant: tenant)
        do {
            return try await route.handler(call)
        } catch let error as RegistryStoreError {
            throw call.reference(error) ?? error
        }
    }

    /// Refuses query parameters the route does not take or whose value its schema refuses,
    /// and any header naming a tenant:
    /// the tenant comes from the path alone, so `?tenant_id=` or `X-Tenant-Id:` is an error
    /// rather than something silently ignored (or, worse, one day honoured).
    private static func checkUnexpectedInputs(_ route: APIRoute, _ request: Request) throws {
        let known = Set(route.query.map(\.name))
        let unknown = Set(request.uri.queryParameters.map { String($0.key) }).subtracting(known).sorted()
        var errors = unknown.map { APIProblem.FieldError(field: "query:\($0)", detail: "此接口不接受该参数 not a parameter of this route") }
        // Each declared parameter against the schema the document gives it. Empty free text
        // is absent (`?q=`); an empty number, day, flag or listed word is not one.
        for parameter in route.query {
            guard let raw = request.uri.queryParameters[Substring(parameter.name)] else { continue }
            if raw.isEmpty, case .string(nil, nil, _, nil, _) = parameter.schema { continue }
            let text = String(raw).removingPercentEncoding ?? String(raw)
            errors += BodyCheck.problems(query: text, against: parameter.schema, name: parameter.name)
        }
        errors += request.headers.filter { $0.name.canonicalName.contains("tenant") }.map {
            APIProblem.FieldError(field: "header:\($0.name.rawName)", detail: "区县只由路径指定 the tenant is named by the path only")
        }
        // Headers the route would otherwise ignore: a client relying on them must be told.
        if request.headers[.idempotencyKey] != nil, !route.idempotent {
            errors.append(.init(field: "header:Idempotency-Key", detail: "此接口不保存答复，不接受该请求头 this route does not store its answer (not idempotent)"))
        }
        if request.headers[.ifMatch] != nil, route.ifMatch == .refused {
            errors.append(.init(field: "header:If-Match", detail: "此接口没有版本可比较 this route has no row version to compare"))
        }
        if !errors.isEmpty { throw APIProblem.validation(errors) }
    }

    /// The path's tenant, or 404 when there is none or it is not the caller's: a request for
    /// another tenant's data is told exactly what a request for a missing one is told.
    private static func resolveTenant(_ context: APIContext, _ services: APIServices) async throws -> UUID {
        let key = context.parameters.get("tenant") ?? ""
        guard let account = context.account else { throw APIProblem.unauthenticated }
        guard let id = try await services.tenants.id(of: key), account.role == .operator || account.tenantID == id else {
            throw APIProblem.notFound("没有这个区县 no such tenant: \(key)")
        }
        return id
    }

    // MARK: - Inputs

    /// The caller (every route but the public ones has one).
    var account: AuthenticatedAccount {
        get throws {
            guard let account = context.account else { throw APIProblem.unauthenticated }
            return account
        }
    }

    /// The tenant of a tenant route.
    var tenantID: UUID {
        get throws {
            guard let tenant else { throw APIProblem.notFound("no tenant in this path") }
            return tenant
        }
    }

    /// A path parameter as text.
    func parameter(_ name: String) -> String { context.parameters.get(name) ?? "" }

    /// A path parameter that is a row id: anything but a positive number is a missing row.
    func id(_ name: String) throws -> Int64 {
        guard let id = Int64(parameter(name)), id > 0 else { throw APIProblem.notFound("\(name) \(parameter(name))") }
        return id
    }

    /// A query parameter, `nil` when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[Substring(name)], !value.isEmpty else { return nil }
        return String(value).removingPercentEncoding ?? String(value)
    }

    /// A query parameter parsed by `parse`; a value it refuses is a 422 naming the parameter.
    func query<T>(_ name: String, _ parse: (String) throws -> T) throws -> T? {
        guard request.uri.queryParameters[Substring(name)] != nil else { return nil }
        // Present but empty is not "absent": `?filed_to=` is not a date.
        let text = query(name) ?? ""
        do {
            return try parse(text)
        } catch let problem as APIProblem {
            throw problem
        } catch let error as RegistryError {
            throw APIProblem.validation(field: "query:\(name)", error.message)
        } catch {
            throw APIProblem.validation(field: "query:\(name)", "\(error)")
        }
    }

    /// A whole-number query parameter within `range`, `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        try query(name) { text -> Int in
            guard let value = Int(text), range.contains(value) else {
                throw APIProblem.validation(
                    field: "query:\(name)", "须为 \(range.lowerBound)–\(range.upperBound) must be \(range.lowerBound)–\(range.upperBound)")
            }
            return value
        } ?? fallback
    }

    /// `limit`: 1 to the configured maximum, 50 when absent.
    func pageSize() throws -> Int {
        try integer("limit", in: 1...services.configuration.maximumPageSize, default: 50)
    }

    /// `cursor`: the `next_cursor` of the previous page (a row id), `nil` for the first page.
    func cursor() throws -> Int64? {
        try query("cursor") { text -> Int64 in
            guard let id = Int64(text), id > 0 else { throw APIProblem.validation(field: "query:cursor", "不是有效的游标 not a cursor") }
            return id
        }
    }

    /// `If-Match` as a row version; 428 when the route needs it and it is missing.
    func expectedVersion() throws -> Int? {
        guard let text = request.headers[.ifMatch] else {
            if route.ifMatch == .required {
                throw APIProblem(.preconditionRequired, kind: "precondition-required",
                                 title: "需要 If-Match If-Match is required",
                                 detail: "Send the ETag of the version you read, so a concurrent change is not overwritten.")
            }
            return nil
        }
        let tag = text.trimmingCharacters(in: .whitespaces)
        if tag == "*" { return nil }
        // An ETag is quoted (RFC 9110): `"3"`, as the ETag header gave it; weak ones never are.
        guard tag.count >= 3, tag.hasPrefix("\""), tag.hasSuffix("\""), let version = Int(tag.dropFirst().dropLast()), version >= 0 else {
            throw APIProblem.validation(field: "header:If-Match", "须为读取时的 ETag must be the ETag you read, e.g. \"3\"")
        }
        return version
    }
}

extension APICall {
    /// For community staff, refuses with 403 unless `inside(root)` holds for the root of
    /// their subtree; other roles pass (the route's access class already admitted them).
    func requireSubtree(_ inside: (Int64) async throws -> Bool) async throws {
        let account = try account
        guard account.role == .communityStaff else { return }
        guard let root = account.orgUnitID, try await inside(root) else {
            throw Self.outsideSubtree
        }
    }

    /// `template` with this request's path parameters filled in (for `Location`).
    func path(_ template: String) -> String {
        route.pathParameters.reduce(template) { path, name in path.replacingOccurrences(of: "{\(name)}", with: parameter(name)) }
    }
}
