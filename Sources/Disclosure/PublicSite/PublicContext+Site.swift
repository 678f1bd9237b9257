import Foundation
import QRCode
import Registry
import RegistryStore
import Postgres

/// The site's home, its street and community pages, the published reports and the notices.
extension PublicContext {
    struct Home: Encodable {
        var district: String
        var divisionCode: String
        var demands: Int
        var resources: Int
        var projects: Int
        var areas: [PublicItems.Area]
        var reports: [PublishedReport]
    }

    struct PublishedReport: Encodable {
        var quarter: String
        var version: Int
        var publishedOn: String
    }

    func homeData(_ tx: TenantTransaction) async throws -> Home {
        let t = tx.tenantID
        let counts = try await tx.connection.query("""
            SELECT (SELECT count(*) FROM public_demand WHERE tenant_id = \(t)) AS demands,
                   (SELECT count(*) FROM public_resource WHERE tenant_id = \(t)) AS resources,
                   (SELECT count(*) FROM public_project WHERE tenant_id = \(t)) AS projects
            """)[0]
        return Home(
            district: tenant.name, divisionCode: tenant.divisionCode.description,
            demands: try counts.decode(Int.self, "demands"), resources: try counts.decode(Int.self, "resources"),
            projects: try counts.decode(Int.self, "projects"), areas: try await areas(tx), reports: try await published(tx))
    }

    /// Each quarter's latest published version, newest quarter first.
    func published(_ tx: TenantTransaction) async throws -> [PublishedReport] {
        try await tx.connection.query("""
            SELECT DISTINCT ON (quarter) quarter, version, (published_at AT TIME ZONE district_time_zone())::date::text AS published_on
            FROM quarterly_report WHERE tenant_id = \(tx.tenantID) AND published_at IS NOT NULL
            ORDER BY quarter DESC, version DESC
            """).map { PublishedReport(quarter: try $0.decode(String.self, "quarter"), version: try $0.decode(Int.self, "version"),
                                        publishedOn: try $0.decode(String.self, "published_on")) }
    }

    func homeJSON(_ tx: TenantTransaction) async throws -> PublicSite.Answer { try encode(try await homeData(tx)) }

    func home(_ tx: TenantTransaction) async throws -> PublicPage {
        let h = try await homeData(tx)
        return page("\(h.district) \(text["site"])", [
            .init(heading: "", columns: [text["site"], text["items"]], rows: [
                [.init(text: text["demands"], href: "demands/index.html"), .init(text: String(h.demands))],
                [.init(text: text["resources"], href: "resources/index.html"), .init(text: String(h.resources))],
                [.init(text: text["projects"], href: "projects/index.html"), .init(text: String(h.projects))],
            ]),
            .init(heading: text["published"], columns: [text["reports"], text["version"], text["filed"]],
                  rows: h.reports.map { [.init(text: $0.quarter, href: "reports/\($0.quarter).html"), .init(text: "v\($0.version)"), .init(text: $0.publishedOn)] }),
            .init(heading: text["areas"], columns: [text["area"], text["notice"]], rows: h.areas.map { a in
                [.init(text: (a.level == "community" ? "\u{3000}" : "") + a.name, href: "areas/\(encoded(a.code)).html"),
                 .init(text: text["notice"], href: "notices/\(encoded(a.code)).html")]
            }),
        ])
    }

    func area(_ code: String, _ tx: TenantTransaction) async throws -> PublicPage? {
        guard let area = try await areas(tx).first(where: { $0.code == code }) else { return nil }
        let q = PublicQuery(under: code, limit: 20)
        let demands = try await PublicLists.demands(q, tx), projects = try await PublicLists.projects(q, tx)
        let resources = try await PublicLists.resources(q, tx)
        // A live site can show the whole filtered list; static files hold the first 20 here.
        let more = { (list: String, next: Int64?) -> [PublicPage.Cell] in
            guard site.isLive, next != nil else { return [] }
            return [.init(text: text["next"], href: "../\(list)/index.html?under=\(encoded(code))")]
        }
        return page(area.name, [
            .init(heading: text["demands"], columns: [text["demands"], text["filed"], text["status"]],
                  rows: demands.items.map { [.init(text: $0.title, href: "../demands/\($0.id).html"), .init(text: $0.filedOn.description),
                                             .init(text: text.status($0.status))] }, links: more("demands", demands.next)),
            .init(heading: text["projects"], columns: [text["projects"], text["unit"], text["budget"], text["due"], text["progress"], text["status"]],
                  rows: projects.items.map { projectRow($0, href: "../projects/\($0.id).html") }, links: more("projects", projects.next)),
            .init(heading: text["resources"], columns: [text["resources"], text["offeredBy"], text["remaining"]],
                  rows: resources.items.map { [.init(text: $0.title, href: "../resources/\($0.id).html"), .init(text: $0.unit),
                                               .init(text: text.amount($0.remaining, $0.measureUnit))] }, links: more("resources", resources.next)),
            .init(heading: "", links: [.init(text: text["notice"], href: "../notices/\(encoded(code)).html")]),
        ])
    }

    /// `reports/index.html`, or a published report's stored document (`reports/2026Q3.html`,
    /// `.json`, `.csv`, `.md`): the latest published version, exactly as it was closed.
    func report(_ file: String, _ tx: TenantTransaction) async throws -> PublicSite.Answer {
        if file == "index.html" {
            return page(text["reports"], [.init(heading: "", columns: [text["reports"], text["version"], text["filed"]],
                rows: try await published(tx).map { [.init(text: $0.quarter, href: "\($0.quarter).html"), .init(text: "v\($0.version)"),
                                                     .init(text: $0.publishedOn)] })]).answer
        }
        guard let dot = file.lastIndex(of: "."), case let format = String(file[file.index(after: dot)...]),
            QuarterlyReport.formats.contains(format), let quarter = try? Quarter(String(file[..<dot])), quarter.description == file[..<dot],
            let content = try await QuarterlyReportArchive.document(quarter, format: format, publishedOnly: true, in: tx)
        else { return site.notFound(text) }
        return PublicSite.Answer(status: 200, contentType: QuarterlyReport.mediaType(of: format), body: content)
    }

    /// A community's (or street's) notice for its board (公示栏): an A4 page of its current
    /// items and a QR code of its page on this site.
    func notice(_ code: String, _ tx: TenantTransaction) async throws -> PublicPage? {
        guard let area = try await areas(tx).first(where: { $0.code == code }) else { return nil }
        let q = PublicQuery(under: code, limit: 200)
        let demands = try await PublicLists.demands(q, tx).items.filter { ["received", "in_progress"].contains($0.status) }.prefix(15)
        let projects = try await PublicLists.projects(q, tx).items.filter { ["planned", "in_progress"].contains($0.status) }.prefix(10)
        let address = site.baseURL.map { "\($0)/\(tenant.slug.rawValue)/\(text.isEnglish ? "en/" : "")areas/\(encoded(code)).html" }
        var scan = PublicPage.Section(heading: text["scan"], note: address ?? "areas/\(code).html")
        if let address, let code = try? QRCode(address) { scan.markup = code.svg() }
        var p = page("\(area.name) \(text["notice"])", [
            .init(heading: text["demands"], columns: [text["demands"], text["filed"], text["quantity"], text["status"]],
                  rows: demands.map { [.init(text: $0.title), .init(text: $0.filedOn.description), .init(text: text.amount($0.quantity, $0.measureUnit)),
                                       .init(text: text.status($0.status))] }),
            .init(heading: text["projects"], columns: [text["projects"], text["unit"], text["due"], text["progress"]],
                  rows: projects.map { [.init(text: $0.title), .init(text: $0.unit), .init(text: $0.dueOn?.description ?? "—"),
                                        .init(text: "\($0.progressPercent)%")] }),
            scan,
        ])
        p.isNotice = true
        return p
    }
}
