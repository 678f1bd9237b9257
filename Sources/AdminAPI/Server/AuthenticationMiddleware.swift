import Foundation
import HTTPTypes
public import Hummingbird
import RegistryStore

/// Reads `Authorization: Bearer <token>`, asks the database whose token it is, and applies
/// the token's rate limit. No header leaves the request anonymous (public routes accept
/// that, the others answer 401); a header that is malformed or names no live token is a 401
/// at once, whatever the route.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = APIContext
    let services: APIServices

    public init(services: APIServices) { self.services = services }

    @concurrent public func handle(
        _ request: Request, context: APIContext, next: @concurrent (Request, APIContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].hasPrefix(AccessToken.scheme), parts[1].count < 200 else {
            throw try await failed(context)
        }
        guard let account = try await AccountStore(database: services.database).authenticate(AccessToken(secret: String(parts[1]))) else {
            throw try await failed(context)
        }
        if let wait = await services.rateLimiter.admit(account.tokenID) {
            throw APIProblem(.tooManyRequests, kind: "rate-limited", title: "请求过于频繁 Too many requests",
                             detail: "This token's rate limit is reached; retry after \(wait) s.", headers: [.retryAfter: String(wait)])
        }
        var context = context
        context.account = account
        return try await next(request, context)
    }

    /// A 401, or a 429 once an address has failed too often: guessing tokens costs a
    /// database call each, so it must not be free.
    private func failed(_ context: APIContext) async throws -> APIProblem {
        if let wait = await services.failedLogins.admit(context.clientAddress) {
            return APIProblem(.tooManyRequests, kind: "rate-limited", title: "认证失败次数过多 Too many failed authentications",
                              detail: "Retry after \(wait) s.", headers: [.retryAfter: String(wait)])
        }
        return APIProblem.unauthenticated
    }
}
