import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Registry
import RegistryStore

/// Open311 GeoReport v2 at `/open311/{tenant}/v2/`, beside the admin API on the same server
/// (docs/open311.md).
///
/// It lives in the AdminAPI target, not a target of its own, because it is the API's door
/// for residents' apps: it shares the API's tenant directory (the same keys as
/// `/v1/tenants/{t}`), its rate limiters and its limits, which are the target's internals.
/// Its answers are the standard's, not the API's: JSON or XML by the path's extension, and
/// refusals as `[{"code":…,"description":…}]`, never problem+json.
enum Open311Routes {
    static let base = "/open311/:tenant/v2"

    /// Adds the routes to `router`.
    static func register(on router: Router<APIContext>, services: APIServices) {
        router.get("\(base)/:document") { request, context in
            await answer(request, context, services, segment: context.parameters.get("document") ?? "") { call, name in
                switch name {
                case "services": try await call.read { tx in try await Open311Services.list(in: tx) }
                case "requests": try await call.requests()
                default: throw Open311Error.notFound("没有此资源 no such resource: \(name)")
                }
            }
        }
        router.get("\(base)/services/:code") { request, context in
            await answer(request, context, services, segment: context.parameters.get("code") ?? "") { call, code in
                try await call.read { tx in
                    guard try await Open311Services.category(code, in: tx) != nil else {
                        throw Open311Error.notFound("没有此服务 service_code \(code) not found")
                    }
                    return try await Open311Services.definition(code, in: tx)
                }
            }
        }
        router.get("\(base)/requests/:id") { request, context in
            await answer(request, context, services, segment: context.parameters.get("id") ?? "") { call, id in
                let missing = Open311Error.notFound("没有此服务请求 service_request_id \(id) not found")
                guard let number = Int64(id), number > 0 else { throw missing }
                return try await call.read { tx in
                    guard let found = try await Open311RequestStore.get(number, in: tx) else { throw missing }
                    return Open311Document(root: "service_requests", value: .list(element: "request", [call.record(found, zone: tx.timeZone)]))
                }
            }
        }
        router.post("\(base)/:document") { request, context in
            await answer(request, context, services, segment: context.parameters.get("document") ?? "") { call, name in
                guard name == "requests" else { throw Open311Error.notFound("没有此资源 no such resource: \(name)") }
                return try await call.post()
            }
        }
    }

    /// Finds the format and the tenant, admits the caller, runs `work`, and writes its
    /// document or its refusal in the format the path asked for (JSON for a path with neither).
    private static func answer(
        _ request: Request, _ context: APIContext, _ services: APIServices, segment: String,
        _ work: (Open311Call, String) async throws -> Open311Document
    ) async -> Response {
        guard let (name, format) = Open311Format.split(segment) else {
            return Open311Error.notFound("路径须以 .json 或 .xml 结尾 the path must end in .json or .xml").response(.json)
        }
        do {
            let key = context.parameters.get("tenant") ?? ""
            guard let tenant = try await services.tenants.id(of: key) else {
                throw Open311Error.notFound("没有这个区县 no such jurisdiction: \(key)")
            }
            // Reads are limited per client address; a POST is limited per key once the key is known.
            if request.method != .post, let wait = await services.open311Reads.admit(context.clientAddress) {
                throw Open311Error.tooManyRequests(wait)
            }
            let call = Open311Call(request: request, context: context, services: services, tenant: tenant)
            return try await work(call, name).response(format, status: request.method == .post ? .created : .ok)
        } catch let error as Open311Error {
            return error.response(format)
        } catch let error as InvalidFields {
            // An unknown category is an unknown service; every other problem is named as the
            // standard's field or attribute it came from.
            if error.problems.contains(where: { $0.field == "category" }) {
                return Open311Error.notFound("没有此服务 service_code not found").response(format)
            }
            let named = error.problems.map { "\(Open311Intake.formName(of: $0.field)): \($0.reason)" }
            return Open311Error.badRequest(named.joined(separator: "; ")).response(format)
        } catch let error as RegistryStoreError {
            switch error {
            case .tenantNotFound: return Open311Error.notFound("没有这个区县 no such jurisdiction").response(format)
            case .tenantArchived: return Open311Error(status: .forbidden, description: "区县已归档，只读 the jurisdiction is archived and takes no new requests").response(format)
            case .notFound(let kind, let key) where kind.hasPrefix("category"):
                return Open311Error.notFound("没有此服务 service_code \(key) not found").response(format)
            case .invalid(let field, let reason): return Open311Error.badRequest("\(Open311Intake.formName(of: field)): \(reason)").response(format)
            default: return Open311Error.badRequest(error.description).response(format)
            }
        } catch {
            // As the request log has it: a database error's detail can quote a row.
            context.logger.error("open311 request failed", metadata: ["error": .string(RequestLogMiddleware.loggable(error))])
            return Open311Error(status: .internalServerError, description: "服务器内部错误 internal error").response(format)
        }
    }
}

extension Open311Error {
    static func tooManyRequests(_ wait: Int) -> Open311Error {
        Open311Error(status: .tooManyRequests, description: "请求过于频繁 too many requests; retry after \(wait) s", headers: [.retryAfter: String(wait)])
    }
}
