import Foundation
import Registry
import RegistryStore
import Postgres

/// One request to the public site: the district, the language, the path's segments, and
/// the routing from a path to a page.
struct PublicContext {
    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"

    let site: PublicSite
    let text: PublicText
    let tenant: Tenant
    /// The path below the language's root, e.g. `["demands", "12.html"]`.
    let segments: [String]

    struct BadRequest: Error { var message: String }

    /// From this page to the root of its language: `../` for each folder it is in.
    var root: String { String(repeating: "../", count: segments.count - 1) }

    /// This page in the other language.
    var switchHref: String {
        let path = segments.joined(separator: "/")
        return text.isEnglish ? root + "../" + path : root + "en/" + path
    }

    func route(query: [String: String], _ tx: TenantTransaction) async throws -> PublicSite.Answer {
        let list = segments.count == 2 ? segments[0] : nil
        let file = segments.last ?? ""
        switch (segments.count, list) {
        case (1, _) where file == "index.html": return try await home(tx).answer
        case (1, _) where file == "index.json": return try await homeJSON(tx)
        case (2, "demands"?), (2, "resources"?), (2, "projects"?):
            return try await listOrItem(list!, file: file, query: query, tx)
        case (2, "areas"?):
            guard let code = strip(file, ".html") else { return site.notFound(text) }
            return try await area(code, tx)?.answer ?? site.notFound(text)
        case (2, "reports"?):
            return try await report(file, tx)
        case (2, "notices"?):
            guard let code = strip(file, ".html") else { return site.notFound(text) }
            return try await notice(code, tx)?.answer ?? site.notFound(text)
        default:
            return site.notFound(text)
        }
    }

    /// `name` without `suffix`, if it ends so and is not empty.
    func strip(_ name: String, _ suffix: String) -> String? {
        guard name.hasSuffix(suffix), name.count > suffix.count else { return nil }
        return String(name.dropLast(suffix.count))
    }

    private func listOrItem(_ list: String, file: String, query: [String: String], _ tx: TenantTransaction) async throws -> PublicSite.Answer {
        // index.html, index.json, after-ID.html, after-ID.json, ID.html, ID.json
        let asJSON = file.hasSuffix(".json")
        guard let stem = strip(file, asJSON ? ".json" : ".html") else { return site.notFound(text) }
        var q = try publicQuery(query)
        if stem != "index" {
            if let after = stem.hasPrefix("after-") ? Int64(stem.dropFirst(6)) : nil, after > 0, stem == "after-\(after)" {
                q.after = after
            } else if let id = Int64(stem), id > 0, String(id) == stem {
                return try await item(list, id: id, asJSON: asJSON, tx) ?? site.notFound(text)
            } else {
                return site.notFound(text)
            }
        }
        if let under = q.under, try await areas(tx).contains(where: { $0.code == under }) == false {
            throw BadRequest(message: text.isEnglish ? "no street or community '\(under)'" : "没有这个街道或社区：\(under)")
        }
        switch list {
        case "demands":
            let page = try await PublicLists.demands(q, tx)
            return asJSON ? try encode(page) : try await demandList(page, q, tx).answer
        case "resources":
            let page = try await PublicLists.resources(q, tx)
            return asJSON ? try encode(page) : try await resourceList(page, q, tx).answer
        default:
            let page = try await PublicLists.projects(q, tx)
            return asJSON ? try encode(page) : try await projectList(page, q, tx).answer
        }
    }

    private func item(_ list: String, id: Int64, asJSON: Bool, _ tx: TenantTransaction) async throws -> PublicSite.Answer? {
        switch list {
        case "demands":
            guard let item = try await PublicLists.demand(id, tx) else { return nil }
            return asJSON ? try encode(item) : demandPage(item).answer
        case "resources":
            guard let item = try await PublicLists.resource(id, tx) else { return nil }
            return asJSON ? try encode(item) : resourcePage(item).answer
        default:
            guard let item = try await PublicLists.project(id, tx) else { return nil }
            return asJSON ? try encode(item) : projectPage(item).answer
        }
    }

    /// The list filters from the query (``PublicSite/relevantQuery(path:_:)`` has dropped
    /// the rest); a bad value of one of them is refused.
    func publicQuery(_ query: [String: String]) throws -> PublicQuery {
        var q = PublicQuery()
        for (name, value) in query {
            let value = value.trimmingCharacters(in: .whitespaces)
            guard value.count <= 100, !value.contains("\u{0}") else { throw BadRequest(message: "\(name): too long") }
            switch name {
            case "under": q.under = value.isEmpty ? nil : value
            case "category": q.category = value.isEmpty ? nil : value
            case "after":
                guard value.isEmpty || (Int64(value) ?? 0) > 0 else { throw BadRequest(message: "after: a positive number") }
                q.after = Int64(value)
            default: break
            }
        }
        return q
    }

    /// JSON with sorted snake_case keys: the same data gives the same bytes.
    func encode(_ value: some Encodable) throws -> PublicSite.Answer {
        PublicSite.Answer(status: 200, contentType: Self.json, body: try DisclosureJSON.encode(value))
    }

    func message(_ title: String, _ detail: String) -> String {
        page(title, [.init(heading: "", note: detail)]).html()
    }

    /// The district's streets and communities (kept a minute by the site's directory).
    func areas(_ tx: TenantTransaction) async throws -> [PublicItems.Area] {
        try await site.directory.areas(tenant.id) { try await PublicLists.areas(tx) }
    }

    /// `code` as one path segment or query value of a link.
    func encoded(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
    }

    func page(_ title: String, _ sections: [PublicPage.Section]) -> PublicPage {
        PublicPage(text: text, district: tenant.name, title: title, root: root, switchHref: switchHref, sections: sections)
    }
}

extension PublicPage {
    var answer: PublicSite.Answer { PublicSite.Answer(status: 200, contentType: PublicContext.html, body: html()) }
}
