import Foundation
import Registry
import RegistryStore
import Postgres

/// The pages of the three lists and of their items.
extension PublicContext {
    func demandList(_ page: PublicItems.Page<PublicItems.Demand>, _ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicPage {
        var p = self.page(text["demands"], [.init(
            heading: "", columns: [text["demands"], text["filed"], text["category"], text["place"], text["quantity"], text["status"]],
            rows: page.items.map { d in
                [.init(text: d.title, href: "\(d.id).html"), .init(text: d.filedOn.description), .init(text: d.categoryName),
                 .init(text: d.place), .init(text: text.amount(d.quantity, d.measureUnit)), .init(text: text.status(d.status))]
            }, links: pager(page.next, q))])
        p.filter = try await filter("index.html", q, tx)
        return p
    }

    func resourceList(_ page: PublicItems.Page<PublicItems.Resource>, _ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicPage {
        var p = self.page(text["resources"], [.init(
            heading: "", columns: [text["resources"], text["offeredBy"], text["kind"], text["pledged"], text["remaining"], text["status"]],
            rows: page.items.map { r in
                [.init(text: r.title, href: "\(r.id).html"), .init(text: r.unit), .init(text: text.kind(r.kind)),
                 .init(text: text.amount(r.pledged, r.measureUnit)), .init(text: text.amount(r.remaining, r.measureUnit)),
                 .init(text: text.status(r.status))]
            }, links: pager(page.next, q))])
        p.filter = try await filter("index.html", q, tx)
        return p
    }

    func projectList(_ page: PublicItems.Page<PublicItems.Project>, _ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicPage {
        var p = self.page(text["projects"], [.init(
            heading: "", columns: [text["projects"], text["unit"], text["budget"], text["due"], text["progress"], text["status"]],
            rows: page.items.map { projectRow($0, href: "\($0.id).html") }, links: pager(page.next, q))])
        p.filter = try await filter("index.html", q, tx)
        return p
    }

    func projectRow(_ p: PublicItems.Project, href: String) -> [PublicPage.Cell] {
        [.init(text: p.title, href: href), .init(text: p.unit), .init(text: p.budgetFen.map { Money(fen: $0).description } ?? "—"),
         .init(text: p.dueOn?.description ?? "—"), .init(text: "\(p.progressPercent)%"), .init(text: text.status(p.status))]
    }

    /// The next page: a file name anyone can host, or, with filters, the same query further on.
    func pager(_ next: Int64?, _ q: PublicQuery) -> [PublicPage.Cell] {
        var links: [PublicPage.Cell] = []
        if q.after != nil { links.append(.init(text: text["first"], href: "index.html" + queryString(q, after: nil))) }
        guard let next else { return links }
        if q.under == nil && q.category == nil {
            links.append(.init(text: text["next"], href: "after-\(next).html"))
        } else {
            links.append(.init(text: text["next"], href: "index.html" + queryString(q, after: next)))
        }
        return links
    }

    private func queryString(_ q: PublicQuery, after: Int64?) -> String {
        var parts: [String] = []
        if let under = q.under { parts.append("under=" + encoded(under)) }
        if let category = q.category { parts.append("category=" + encoded(category)) }
        if let after { parts.append("after=\(after)") }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// The filter form, on a live site only.
    func filter(_ action: String, _ q: PublicQuery, _ tx: TenantTransaction) async throws -> PublicPage.Filter? {
        guard site.isLive else { return nil }
        let areas = try await self.areas(tx)
        let categories = try await site.directory.categories(tenant.id) {
            try await tx.connection.query(
                "SELECT code, name_zh, name_en FROM tenant_category WHERE tenant_id = \(tx.tenantID) ORDER BY sort_order, code"
            ).map { (try $0.decode(String.self, "code"), try $0.decode(String.self, "name_zh"), try $0.decode(String.self, "name_en")) }
        }
        return PublicPage.Filter(
            action: action,
            areas: areas.map { ($0.code, ($0.level == "community" ? "\u{3000}" : "") + $0.name, $0.code == q.under) },
            categories: categories.map { ($0.code, text.isEnglish ? $0.en : $0.zh, $0.code == q.category) })
    }

    func demandPage(_ d: PublicItems.Demand) -> PublicPage {
        page(d.title, [
            .init(heading: "", facts: [
                (text["status"], text.status(d.status)), (text["category"], d.categoryName), (text["place"], d.place),
                (text["quantity"], text.amount(d.quantity, d.measureUnit)), (text["filed"], d.filedOn.description),
                (text["due"], d.dueOn?.description ?? "—"),
            ]),
            .init(heading: text["history"], columns: [text["filed"], text["status"]],
                  rows: (d.history ?? []).map { [.init(text: $0.on.description), .init(text: text.status($0.status))] }),
            .init(heading: text["servedBy"], columns: [text["projects"]],
                  rows: (d.projects ?? []).map { [.init(text: $0.title, href: "../projects/\($0.id).html")] }),
        ])
    }

    func resourcePage(_ r: PublicItems.Resource) -> PublicPage {
        let available = [r.availableFrom?.description, r.availableUntil?.description].map { $0 ?? "…" }.joined(separator: " – ")
        return page(r.title, [.init(heading: "", facts: [
            (text["status"], text.status(r.status)), (text["offeredBy"], r.unit), (text["kind"], text.kind(r.kind)),
            (text["pledged"], text.amount(r.pledged, r.measureUnit)), (text["remaining"], text.amount(r.remaining, r.measureUnit)),
            (text["available"], available),
        ])])
    }

    func projectPage(_ p: PublicItems.Project) -> PublicPage {
        page(p.title, [
            .init(heading: "", facts: [
                (text["status"], text.status(p.status)), (text["unit"], p.unit),
                (text["budget"], p.budgetFen.map { Money(fen: $0).description } ?? "—"), (text["progress"], "\(p.progressPercent)%"),
                (text["starts"], p.startsOn?.description ?? "—"), (text["due"], p.dueOn?.description ?? "—"),
                (text["completed"], p.completedOn?.description ?? "—"), (text["checked"], p.checkedOn?.description ?? "—"),
                (text["rating"], p.rating.map { "\($0)/5" } ?? "—"),
            ]),
            .init(heading: text["milestones"], columns: [text["milestones"], text["due"], text["completed"]],
                  rows: (p.milestones ?? []).map { [.init(text: $0.title), .init(text: $0.dueOn?.description ?? "—"), .init(text: $0.doneOn?.description ?? "—")] }),
            .init(heading: text["reports-progress"], columns: [text["filed"], text["progress"]],
                  rows: (p.progress ?? []).map { [.init(text: $0.on.description), .init(text: "\($0.percent)%")] }),
            .init(heading: text["serves"], columns: [text["demands"]],
                  rows: (p.demands ?? []).map { [.init(text: $0.title, href: "../demands/\($0.id).html")] }),
        ])
    }
}
