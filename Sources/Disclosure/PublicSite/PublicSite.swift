import Foundation
import Registry
public import RegistryStore
import Postgres

/// The public site (公示) of every district: the disclosed lists, each item's page, the
/// streets and communities, the published quarterly reports and each community's notice,
/// as HTML (Chinese, English under `en/`) and JSON, for residents and without sign-in.
///
/// It answers paths below `/public/{tenant}/`; `govreg serve` mounts it and `govreg publish`
/// writes the same answers to files. Pages link relatively, so the files work wherever
/// they are hosted.
///
/// ```swift
/// let site = PublicSite(database: registry)
/// let answer = try await site.answer(tenant: "langao", path: "demands/index.html", query: [:])
/// ```
public struct PublicSite: Sendable {
    public let database: RegistryDatabase
    /// Where the site is reached from outside (`https://gov.example/public`), for the QR code
    /// on each community's notice; without it the notice names the path alone.
    public var baseURL: String?
    /// Whether the pages offer the filter form (a server answers queries; static files cannot).
    public var isLive: Bool
    let directory: PublicDirectory

    public init(database: RegistryDatabase, baseURL: String? = nil, isLive: Bool = true) {
        self.database = database
        self.baseURL = baseURL
        self.isLive = isLive
        directory = PublicDirectory()
    }

    /// The part of `query` that the page at `path` reads: a list's `under`, `category` and
    /// `after`; nothing for any other page. The rest (a messenger's `from=…`, a tracker's
    /// `utm_…`) is ignored, so it neither fails a shared link nor makes another cache entry.
    public static func relevantQuery(path: String, _ query: [String: String]) -> [String: String] {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.first == "en" { segments.removeFirst() }
        guard segments.count == 2, ["demands", "resources", "projects"].contains(segments[0]),
            segments[1] == "" || segments[1].hasPrefix("index.") || segments[1].hasPrefix("after-")
        else { return [:] }
        return query.filter { ["under", "category", "after"].contains($0.key) }
    }

    /// A page of the site: its status, media type and bytes.
    public struct Answer: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String
    }

    /// The page at `path` (below `/public/{tenant}/`) with `query` (`under`, `category`, `after`).
    public func answer(tenant slug: String, path: String, query: [String: String]) async throws -> Answer {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.last == "" { segments[segments.count - 1] = "index.html" }
        if segments.isEmpty { segments = ["index.html"] }
        var language = "zh"
        if segments.first == "en" {
            language = "en"
            segments.removeFirst()
            if segments.isEmpty { segments = ["index.html"] }
        }
        let text = PublicText(language: language)
        let found = try await directory.tenant(slug) {
            do {
                let tenant = try await TenantStore(database: database).find(slug)
                return tenant.slug.rawValue == slug ? tenant : nil  // the site's address names the slug, nothing else
            } catch RegistryStoreError.tenantNotFound(_) {
                return nil
            }
        }
        guard let tenant = found else { return notFound(text) }
        let query = Self.relevantQuery(path: path, query)
        let context = PublicContext(site: self, text: text, tenant: tenant, segments: segments)
        do {
            return try await database.withTenant(tenant.id, actor: "public", readOnly: true, isolation: .repeatableRead) { tx in
                try await context.route(query: query, tx)
            }
        } catch let problem as PublicContext.BadRequest {
            return Answer(status: 400, contentType: PublicContext.html, body: context.message(text["badRequest"], problem.message))
        }
    }

    func notFound(_ text: PublicText) -> Answer {
        Answer(status: 404, contentType: PublicContext.html, body: PublicPage(
            text: text, district: "", title: text["notFound"], root: "", switchHref: "", sections: []).html())
    }
}
