import Hummingbird
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// The demand list (需求清单): the filtered list, the desk of the signed-in account, and one
/// demand with its history and the moves the workflow allows from where it stands.
enum DemandPages {
    static let routes = [
        ConsoleRoute(.get, "/demands", .tenantRead, list),
        ConsoleRoute(.get, "/desk", .tenantWrite, desk),
        ConsoleRoute(.get, "/demands/{key}", .tenantRead) { try await detail($0) },
        ConsoleRoute(.post, "/demands/{key}/transitions", .tenantWrite, transition),
        ConsoleRoute(.post, "/demands/{key}/escalations", .tenantWrite, escalate),
        ConsoleRoute(.post, "/demands/{key}/revision", .tenantWrite, revise),
    ]

    // MARK: - Lists

    static func list(_ visit: Visit) async throws -> Response {
        let w = visit.words
        var errors: [String: String] = [:]
        let q = visit.form
        func parsed<T>(_ name: String, _ parse: (String) throws -> T) -> T? {
            guard let text = q[name] else { return nil }
            do { return try parse(text) } catch {
                errors[name] = (error as? RegistryError).map { w($0.chineseMessage, $0.englishMessage) } ?? w("无效", "not valid")
                return nil
            }
        }
        let filter = DemandFilter(
            state: parsed("state") { try DemandState(parsing: $0) }, category: q["category"], under: q["under"],
            filedFrom: parsed("filed_from") { try CivilDate($0) }, filedTo: parsed("filed_to") { try CivilDate($0) },
            search: q["q"], level: parsed("level") { try EscalationLevel(parsing: $0) }, open: q["open"] == "true")
        let cursor = parsed("cursor") { text -> DemandID in
            guard let id = Int64(text), id > 0 else { throw RegistryError(.invalidValue, chinese: "不是有效的游标", english: "not a cursor") }
            return DemandID(rawValue: id)
        }
        let (page, categories) = try await visit.read { tx in
            let categories = try await CategoryStore.list(in: tx)
            do {
                return (try await DemandStore.list(filter, limit: 50, after: cursor, in: tx), categories)
            } catch RegistryStoreError.notFound(let kind, _) {
                // An unknown category or org code in the filter: said beside its field.
                errors[kind.contains("org") ? "under" : "category"] = w("没有这个编码", "no such code in this district")
                return (DemandPage(items: [], nextCursor: nil), categories)
            }
        }
        var filters = ConsolePage.Form(action: visit.href("demands"), method: "get", submit: w("筛选", "Filter"), inline: true, id: "filters")
        filters.fields = [
            .select("state", w("状态", "State"), DemandState.allCases.map { ($0.rawValue, w.name($0)) }, value: q["state"], blank: w("全部", "all")),
            .select("category", w("类别", "Category"), categories.map { ($0.code, w($0.nameZh, $0.nameEn)) }, value: q["category"], blank: w("全部", "all")),
            .init(name: "under", label: w("组织编码（含下级）", "Org code (and below)"), value: q["under"] ?? ""),
            .select("level", w("层级", "Level"), EscalationLevel.allCases.map { ($0.rawValue, w.name($0)) }, value: q["level"], blank: w("全部", "all")),
            .init(name: "filed_from", label: w("登记自", "Filed from"), kind: .date, value: q["filed_from"] ?? ""),
            .init(name: "filed_to", label: w("登记至", "Filed to"), kind: .date, value: q["filed_to"] ?? ""),
            .init(name: "q", label: w("标题包含", "Title contains"), kind: .search, value: q["q"] ?? ""),
        ]
        if filter.open { filters.fields.append(.init(name: "open", label: "", kind: .hidden, value: "true")) }
        filters.mark(errors)
        var section = ConsolePage.Section()
        section.forms = [filters]
        section.table = table(page, visit: visit, next: nextLink(visit, page))
        var result = ConsolePage(w("需求清单", "Demands"), sections: [section])
        if !errors.isEmpty { result.error = w("筛选条件有误，见各栏说明", "Some filters are not valid; see beside each") }
        return visit.render(result, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// What is on the account's desk: open demands under its org unit, at its level (the
    /// API's `assigned_to_me`, from ``DemandStore/desk(of:in:)``).
    static func desk(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let cursor = try ListPages.cursor(visit).map { DemandID(rawValue: $0) }
        let page = try await visit.read { tx in
            let filter = try await DemandStore.desk(of: visit.account.orgUnitID, in: tx)
            return try await DemandStore.list(filter, limit: 50, after: cursor, in: tx)
        }
        var section = ConsolePage.Section()
        section.text = w("您所在层级、本辖区内尚未办结的需求。", "Open demands in your area, at your level.")
        section.table = table(page, visit: visit, next: nextLink(visit, page))
        section.links = [.init(text: w("登记新需求", "File a demand"), href: visit.href("intake"))]
        return visit.render(ConsolePage(w("我的待办", "My desk"), sections: [section]))
    }

    static func table(_ page: DemandPage, visit: Visit, next: ConsolePage.Link?) -> ConsolePage.Table {
        let w = visit.words
        return ConsolePage.Table(
            columns: [w("编号", "No."), w("需求名称", "Title"), w("类别", "Category"), w("所在组织", "Place"), w("数量", "Quantity"),
                      w("状态", "State"), w("层级", "Level"), w("登记日期", "Filed"), w("期限", "Due")],
            rows: page.items.map { item in
                ConsolePage.Row(cells: [
                    .init("#\(item.id.rawValue)", href: visit.href("demands/\(item.id.rawValue)")),
                    .init(item.title, href: visit.href("demands/\(item.id.rawValue)")),
                    .init(item.categoryName), .init(item.orgName), .init(item.quantity.unit.chineseText(item.quantity.amount)),
                    .init(w.name(item.state), badge: badge(item.state)),
                    .init(w.name(item.escalationLevel), badge: item.escalationLevel == .grid ? nil : "up"),
                    .init(item.filedOn.description), .init(item.dueOn?.description ?? ""),
                ])
            },
            emptyText: w("没有符合条件的需求", "No demands match"), next: next)
    }

    /// The same list from where this page ends.
    private static func nextLink(_ visit: Visit, _ page: DemandPage) -> ConsolePage.Link? {
        guard let cursor = page.nextCursor else { return nil }
        var query = (visit.request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("cursor=") }.map(String.init)
        query.append("cursor=\(cursor.rawValue)")
        return .init(text: visit.words("下一页 →", "Next page →"), href: "\(visit.request.uri.path)?\(query.joined(separator: "&"))")
    }

    static func badge(_ state: DemandState) -> String {
        state.isResolved ? "done" : state.isOpen ? "open" : "closed"
    }

    // MARK: - One demand

    /// What a refused form brings back to the page: which form, the values as typed, and the
    /// errors by field.
    struct Retry {
        var form: String
        var values: FormValues
        var errors: [String: String]
        var message: String
        var status: HTTPResponse.Status = .unprocessableContent
    }

    static func detail(_ visit: Visit, retry: Retry? = nil) async throws -> Response {
        let w = visit.words
        let (detail, inside) = try await visit.read { tx in
            let id = try await DemandStore.id(of: visit.parameter("key"), in: tx)
            let detail = try await DemandStore.get(id, in: tx)
            var inside = visit.mayWrite
            if visit.account.role == .communityStaff, let root = visit.account.orgUnitID {
                inside = try await OrgUnitStore.isInside(demand: id, subtreeOf: root, in: tx)
            }
            return (detail, inside)
        }
        let d = detail.demand
        var facts = ConsolePage.Section()
        facts.facts = [
            .init(name: w("编号", "No."), value: "#\(d.id.rawValue)" + (d.externalID.map { " · \($0)" } ?? "")),
            .init(name: w("状态", "State"), value: w.name(d.state)),
            .init(name: w("层级", "Level"), value: w.name(d.escalationLevel)),
            .init(name: w("类别", "Category"), value: detail.categoryName),
            .init(name: w("所在组织", "Place"), value: "\(detail.orgName) (\(detail.orgCode))"),
            .init(name: w("数量", "Quantity"), value: d.quantity.unit.chineseText(d.quantity.amount)),
            .init(name: w("优先级", "Priority"), value: "\(d.priority)"),
            .init(name: w("来源渠道", "Channel"), value: w(d.sourceChannel.chineseName, d.sourceChannel.englishName)),
            .init(name: w("登记日期", "Filed"), value: ConsoleFormat.time(detail.filedAt)),
            .init(name: w("期限", "Due"), value: d.dueOn?.description ?? "—"),
            .init(name: w("公示", "Disclosed"), value: d.isPublic ? w("是", "yes") : w("否", "no")),
        ]
        if let text = d.details { facts.text = text }

        var actions = ConsolePage.Section(w("办理", "Actions"))
        if inside {
            actions.forms = moves(d, visit: visit, version: detail.rowVersion, retry: retry)
            if let escalation = escalation(d, visit: visit, retry: retry) { actions.forms.append(escalation) }
            if DemandStore.revisableStates.contains(d.state) { actions.forms.append(revision(d, visit: visit, version: detail.rowVersion, retry: retry)) }
            if actions.forms.isEmpty { actions.text = w("此需求已办结，无可办理的操作。", "This demand is closed; nothing more can be done with it.") }
        } else {
            actions.text = visit.mayWrite ? w("此需求不在您负责的范围内，只能查看。", "This demand is outside your area: you may read it only.")
                : w("只读账号不能办理。", "A read-only account cannot act.")
        }

        var history = ConsolePage.Section(w("办理记录", "History"))
        history.table = ConsolePage.Table(
            columns: [w("时间", "When"), w("办理人", "Who"), w("变化", "Change"), w("说明", "Note")],
            rows: detail.history.reversed().map { entry in
                let change: String
                if let to = entry.toState { change = (entry.fromState.map { w.name($0) + " → " } ?? "") + w.name(to) }
                else if let to = entry.toLevel { change = w("上交", "escalated") + " " + (entry.fromLevel.map { w.name($0) + " → " } ?? "") + w.name(to) }
                else { change = entry.kind.rawValue }
                return ConsolePage.Row(cells: [
                    .init(ConsoleFormat.time(entry.at)), .init(entry.actor), .init(change),
                    .init([entry.reason, entry.note].compactMap { $0 }.joined(separator: " · ")),
                ])
            },
            emptyText: w("尚无记录", "Nothing yet"))
        var page = ConsolePage("#\(d.id.rawValue) \(d.title)", sections: [facts, actions, history])
        page.error = retry?.message
        return visit.render(page, status: retry?.status ?? .ok)
    }
}
