import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Postgres
import RegistryStore

/// The outermost middleware: gives every request an id (`X-Request-Id`, taken from the
/// client if it sent a sane one), turns anything thrown into problem+json, and logs one
/// line per request.
///
/// The log line holds method, route, status, duration, request id and account number;
/// never the query string, a header value or a body, where tokens and personal data live.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIContext

    let routes: RouteMethods
    /// Where each request is counted and timed (by route template, method and status).
    let figures: RegistryFigures

    init(routes: RouteMethods, figures: RegistryFigures) {
        self.routes = routes
        self.figures = figures
    }

    @concurrent func handle(
        _ request: Request, context: APIContext, next: @concurrent (Request, APIContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = Self.requestID(request)
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let started = ContinuousClock.now
        var response: Response
        var problem: APIProblem?
        do {
            // The request's transactions carry its id as their application_name, so a slow
            // query in pg_stat_activity or the server's log leads back to this request.
            let handlerContext = context
            response = try await TransactionLabel.$current.withValue("govreg req=\(requestID)") {
                try await next(request, handlerContext)
            }
        } catch {
            var mapped = APIProblem.from(error)
            // The router found no route: if the path is known with other methods, say which.
            if mapped.status == .notFound, context.endpointPath == nil || context.endpointPath == "NotFound" {
                let allowed = routes.methods(for: request.uri.path)
                if !allowed.isEmpty {
                    mapped = APIProblem(.methodNotAllowed, kind: "method-not-allowed", title: "不支持此方法 Method not allowed",
                                        detail: "this path takes \(allowed.joined(separator: ", "))",
                                        headers: [.allow: allowed.joined(separator: ", ")])
                }
            }
            problem = mapped
            if mapped.status == .internalServerError {
                // What went wrong stays here, under the request id the client sees. A database
                // error is logged by SQLSTATE and message, not its detail (which can hold row values).
                context.logger.error("request failed", metadata: ["error": .string(Self.loggable(error))])
            }
            response = try mapped.response(from: request, context: context)
        }
        response.headers[.requestID] = requestID
        let elapsed = ContinuousClock.now - started
        figures.answered(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code, duration: elapsed)
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(response.status.code),
            "ms": .stringConvertible(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)),
        ]
        // The account's number, not its login: logins can be people's names.
        if let account = context.account?.accountID { metadata["account"] = .stringConvertible(account) }
        if let problem { metadata["problem"] = .string(problem.kind) }
        context.logger.info("request", metadata: metadata)
        return response
    }

    /// An unexpected error as the log may hold it.
    static func loggable(_ error: any Error) -> String {
        if let error = error as? PostgresError {
            return "PostgresError \(error.kind) \(error.sqlState ?? "-"): \(error.message.prefix(300))"
        }
        return "\(type(of: error)): \(String(describing: error).prefix(300))"
    }

    /// The client's `X-Request-Id` if it is short and plain (`[A-Za-z0-9._-]{1,52}`), else a new one.
    /// 52: `govreg req=` and the id fill PostgreSQL's 63 bytes of `application_name`, so the
    /// id found in a log line is found whole in `pg_stat_activity`.
    static func requestID(_ request: Request) -> String {
        if let given = request.headers[.requestID], (1...52).contains(given.utf8.count),
           given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            return given
        }
        return UUID().uuidString.lowercased()
    }
}
