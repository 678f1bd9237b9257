import Disclosure
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Registry
import RegistryStore

/// The quarterly report and its disclosure (季度汇报与公示): each recent quarter counted now or
/// as closed, closing a quarter (or correcting a closed one, with the reason), publishing a
/// closed version on the public site, and links to the public pages. The same archive as
/// `govreg report` and the API (``QuarterlyReportArchive``).
enum ReportPages {
    static let routes = [
        ConsoleRoute(.get, "/reports", .tenantRead) { try await list($0) },
        ConsoleRoute(.get, "/reports/{quarter}", .tenantRead, document),
        ConsoleRoute(.post, "/reports/close", .tenantAdmin, close),
        ConsoleRoute(.post, "/reports/publish", .tenantAdmin, publish),
    ]

    static func list(_ visit: Visit, error: RegistryStoreError? = nil) async throws -> Response {
        let w = visit.words
        let archive = QuarterlyReportArchive(database: visit.console.database)
        let entries = try await archive.entries(tenant: visit.tenantID, actor: visit.account.actor)
        let today = try await visit.read { tx in try tx.today() }
        let quarters = Quarter(containing: today).trailing(8).reversed()
        var section = ConsolePage.Section(w("最近八个季度", "The last eight quarters"))
        section.table = .init(
            columns: [w("季度", "Quarter"), w("公示期限", "Publish by"), w("封存版本", "Closed versions"), w("状态", "Status"), w("查看", "Read")],
            rows: quarters.map { quarter in
                let closed = entries.filter { $0.quarter == quarter }
                let latest = closed.max { $0.version < $1.version }
                let status: String
                if let latest { status = latest.publishedAt == nil ? w("已封存，未公示", "closed, not published") : w("已公示", "published") }
                else { status = today >= quarter.dayAfter ? w("待封存", "to be closed") : w("进行中", "in progress") }
                return ConsolePage.Row(cells: [
                    .init(w(quarter.chineseName, quarter.englishName)), .init(quarter.publicationDeadline.description),
                    .init(closed.map { "v\($0.version)" }.joined(separator: ", ")),
                    .init(status, badge: latest?.publishedAt != nil ? "done" : latest == nil && today >= quarter.dayAfter ? "open" : nil),
                    .init(w("当前统计", "counted now"), href: visit.href("reports/\(quarter)")),
                ])
            },
            emptyText: "")
        var sections = [section]
        if visit.isAdmin {
            var actions = ConsolePage.Section(w("封存与公示", "Close and publish"))
            let ended = quarters.filter { today >= $0.dayAfter }
            var close = ConsolePage.Form(action: visit.href("reports/close"), submit: w("封存", "Close"), csrf: visit.csrf, id: "close-report")
            close.fields = [
                .select("quarter", w("季度", "Quarter"), ended.map { ($0.description, w($0.chineseName, $0.englishName)) }, value: ended.first?.description),
                .init(name: "correction", label: w("更正原因（已封存的季度再次封存时必填）", "Correction reason (needed to close a closed quarter again)")),
            ]
            var publish = ConsolePage.Form(action: visit.href("reports/publish"), submit: w("公示最新版本", "Publish the latest version"),
                                           csrf: visit.csrf, quiet: true, id: "publish-report")
            let unpublished = Set(entries.filter { $0.publishedAt == nil }.map(\.quarter)).sorted(by: >)
            publish.fields = [.select("quarter", w("季度", "Quarter"), unpublished.map { ($0.description, w($0.chineseName, $0.englishName)) },
                                      value: unpublished.first?.description)]
            actions.forms = unpublished.isEmpty ? [close] : [close, publish]
            actions.links = [.init(text: w("公示页面", "Public pages"), href: "/public/\(visit.tenant)/")]
            sections.append(actions)
        }
        var page = ConsolePage(w("季度汇报", "Quarterly reports"), sections: sections)
        page.error = error.map { "\($0)" }
        let status: HTTPResponse.Status = switch error {
        case nil: .ok
        case .invalid?: .unprocessableContent
        default: .conflict
        }
        return visit.render(page, status: status)
    }

    /// The report as its own printable page (the report's HTML, with its inline style).
    static func document(_ visit: Visit) async throws -> Response {
        let quarter = try quarter(visit.parameter("quarter"), visit)
        let version = visit.form["version"].flatMap(Int.init)
        let html: String
        if let version {
            html = try await QuarterlyReportArchive(database: visit.console.database)
                .document(quarter, version: version, format: "html", tenant: visit.tenantID, actor: visit.account.actor)
        } else {
            html = try await QuarterlyReport.read(quarter: quarter, tenant: visit.tenantID, database: visit.console.database, actor: visit.account.actor).html()
        }
        var response = ConsoleResponse.html(html)
        // The report carries its own style sheet inline and no script.
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"
        return response
    }

    static func close(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let quarter = try quarter(visit.form["quarter"] ?? "", visit)
        do {
            let entry = try await QuarterlyReportArchive(database: visit.console.database)
                .close(quarter, correction: visit.form["correction"], tenant: visit.tenantID, actor: visit.account.actor)
            return visit.redirect(visit.href("reports"), notice: w("已封存\(quarter.chineseName)（第 \(entry.version) 版）", "Closed \(quarter.englishName) (version \(entry.version))"))
        } catch let error as RegistryStoreError {
            return try await list(visit, error: error)
        }
    }

    static func publish(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let quarter = try quarter(visit.form["quarter"] ?? "", visit)
        do {
            let entry = try await QuarterlyReportArchive(database: visit.console.database)
                .publish(quarter, tenant: visit.tenantID, actor: visit.account.actor)
            return visit.redirect(visit.href("reports"), notice: w("已公示\(quarter.chineseName)（第 \(entry.version) 版）", "Published \(quarter.englishName) (version \(entry.version))"))
        } catch let error as RegistryStoreError {
            return try await list(visit, error: error)
        }
    }

    private static func quarter(_ text: String, _ visit: Visit) throws -> Quarter {
        do { return try Quarter(text) } catch {
            throw ConsoleRefusal(.notFound, visit.words("没有这个季度（如 2024Q3）", "No such quarter (e.g. 2024Q3)"))
        }
    }
}
