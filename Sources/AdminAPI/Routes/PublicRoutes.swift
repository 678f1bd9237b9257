import Disclosure
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/public/{tenant}/…`: the public site (公示), for anyone, read-only. Answers come from a
/// short-lived cache when they can (``PublicCache``), with `ETag` and `Cache-Control`, so a
/// popular page does not load the database; a browser's `If-None-Match` gets a 304.
enum PublicRoutes {
    static func register(on router: Router<APIContext>, site: PublicSite, cache: PublicCache, missesPerSecond: Double) {
        // Anyone may read, but a page that is not in the cache costs the database: each
        // client address gets so many of those a second, and a 429 past that.
        let misses = RateLimiter<String>(burst: Int(missesPerSecond * 4), perSecond: missesPerSecond)
        router.get("/public/:tenant") { request, context -> Response in
            // The site's pages link relatively, from the folder: send the bare name there.
            guard request.uri.path.hasSuffix("/") else {
                var fields = HTTPFields()
                fields[.location] = "\(request.uri.path)/"
                return Response(status: .movedPermanently, headers: fields)
            }
            return try await answer(request, context, tenant: context.parameters.get("tenant") ?? "", path: "", site: site, cache: cache, misses: misses)
        }
        router.get("/public/:tenant/**") { request, context -> Response in
            let segments = context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }
            // `en` is a folder: its pages link relatively from inside it.
            if segments == ["en"], !request.uri.path.hasSuffix("/") {
                var fields = HTTPFields()
                fields[.location] = "\(request.uri.path)/"
                return Response(status: .movedPermanently, headers: fields)
            }
            let path = segments.joined(separator: "/") + (request.uri.path.hasSuffix("/") ? "/" : "")
            return try await answer(
                request, context, tenant: context.parameters.get("tenant") ?? "", path: path, site: site, cache: cache, misses: misses)
        }
    }

    static func answer(
        _ request: Request, _ context: APIContext, tenant: String, path: String, site: PublicSite, cache: PublicCache,
        misses: RateLimiter<String>
    ) async throws -> Response {
        // Hummingbird has decoded the query's values already; only what the page reads is kept
        // (and is the cache key), so a link with a tracker's parameters is the same page.
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        query = PublicSite.relevantQuery(path: path, query)
        let key = tenant + "\u{0}" + path + "\u{0}" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let entry: PublicCache.Entry
        let age: Duration
        if let hit = await cache.lookup(key) {
            (entry, age) = hit
        } else {
            if let wait = await misses.admit(context.clientAddress) {
                throw APIProblem(.tooManyRequests, kind: "rate-limited", title: "请求过于频繁 Too many requests",
                                 detail: "Retry after \(wait) s.", headers: [.retryAfter: String(wait)])
            }
            entry = await cache.store(key, try await site.answer(tenant: tenant, path: path, query: query))
            age = .zero
        }
        var fields = HTTPFields()
        fields[.contentType] = entry.answer.contentType
        fields[.eTag] = entry.etag
        fields[.cacheControl] = entry.answer.status == 200 ? "public, max-age=\(Int(cache.lifetime.components.seconds))" : "no-store"
        fields[.age] = String(age.components.seconds)
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        // No script runs here, and nothing is fetched from elsewhere.
        fields[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        if entry.answer.status == 200, let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == entry.etag || $0 == "*" })
        {
            return Response(status: .notModified, headers: fields)
        }
        return Response(
            status: .init(code: entry.answer.status), headers: fields,
            body: .init(byteBuffer: ByteBuffer(string: entry.answer.body)))
    }
}
