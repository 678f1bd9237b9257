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
        let cursor = visit.form["cursor"].flatMap(Int64.init).map { DemandID(rawValue: $0) }
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

    /// One form per move the workflow allows by hand from the demand's state; moves into or
    /// out of a project, and into `matched`, belong to projects and matching runs.
    private static func moves(_ d: Demand, visit: Visit, version: Int, retry: Retry?) -> [ConsolePage.Form] {
        let w = visit.words
        let targets = DemandWorkflow.allowedTargets(from: d.state).filter { !DemandWorkflow.isProjectMove(from: d.state, to: $0) && $0 != .matched }
        return targets.map { target in
            let mine = retry?.form == target.rawValue ? retry : nil
            let typed = { (name: String) in mine?.values[name] ?? "" }
            var form = ConsolePage.Form(
                action: visit.href("demands/\(d.id.rawValue)/transitions"), submit: "→ " + w.name(target),
                csrf: visit.csrf, quiet: [.rejected, .withdrawn, .merged, .accepted].contains(target) && d.state != .submitted,
                id: "move-\(target.rawValue)")
            form.fields = [
                .init(name: "to", label: "", kind: .hidden, value: target.rawValue),
                .init(name: "version", label: "", kind: .hidden, value: "\(version)"),
            ]
            switch target {
            case .rejected: form.fields.append(.init(name: "reason", label: w("驳回理由", "Reason"), value: typed("reason"), required: true))
            case .merged: form.fields.append(.init(name: "merged_into", label: w("并入需求编号", "Merge into demand no."), value: typed("merged_into"), required: true, inputMode: "numeric"))
            case .rated:
                form.fields.append(.select("score", w("满意度评分", "Rating"), (1...5).reversed().map { ("\($0)", "\($0) ★") }, value: mine?.values["score"] ?? "5"))
            default: break
            }
            form.fields.append(.init(name: "note", label: w("说明", "Note"), value: typed("note")))
            form.fields.append(.select("visibility", w("公开", "Visibility"), EventVisibility.allCases.map { ($0.rawValue, w.name($0)) },
                                       value: mine?.values["visibility"] ?? EventVisibility.public.rawValue))
            if let mine { form.mark(mine.errors) }
            return form
        }
    }

    /// Escalation (吹哨) to a level above the demand's, while it is open.
    private static func escalation(_ d: Demand, visit: Visit, retry: Retry?) -> ConsolePage.Form? {
        let w = visit.words
        let above = EscalationLevel.allCases.filter { $0.rank > d.escalationLevel.rank }
        guard d.state.isOpen, !above.isEmpty else { return nil }
        let mine = retry?.form == "escalation" ? retry : nil
        var form = ConsolePage.Form(action: visit.href("demands/\(d.id.rawValue)/escalations"), submit: w("吹哨上交", "Escalate"),
                                    csrf: visit.csrf, quiet: true, id: "escalate")
        form.fields = [
            .select("to", w("上交至", "Escalate to"), above.map { ($0.rawValue, w.name($0)) }, value: mine?.values["to"]),
            .init(name: "reason", label: w("上交理由", "Reason"), value: mine?.values["reason"] ?? "", required: true),
        ]
        if let mine { form.mark(mine.errors) }
        return form
    }

    /// The demand's wording, priority and dates, while it may still be edited; sent with the
    /// version it was read at, so an edit never overwrites a change made meanwhile.
    private static func revision(_ d: Demand, visit: Visit, version: Int, retry: Retry?) -> ConsolePage.Form {
        let w = visit.words
        let mine = retry?.form == "revision" ? retry : nil
        let typed = { (name: String, current: String) in mine?.values[name] ?? (mine == nil ? current : "") }
        var form = ConsolePage.Form(action: visit.href("demands/\(d.id.rawValue)/revision"), submit: w("保存修改", "Save the changes"),
                                    csrf: visit.csrf, quiet: true, id: "revise")
        var disclose = ConsolePage.Field(name: "is_public", label: w("在公示页面公开", "Disclose on the public pages"), kind: .checkbox, value: "yes")
        disclose.checked = mine.map { $0.values["is_public"] == "yes" } ?? d.isPublic
        form.fields = [
            .init(name: "version", label: "", kind: .hidden, value: "\(version)"),
            .init(name: "title", label: w("需求名称", "Title"), value: typed("title", d.title), required: true),
            .init(name: "description", label: w("需求描述", "Description"), kind: .textarea, value: typed("description", d.details ?? "")),
            .select("priority", w("优先级", "Priority"), Priority.range.map { ("\($0)", "\($0)") }, value: typed("priority", "\(d.priority)")),
            .init(name: "due_on", label: w("期限", "Due"), kind: .date, value: typed("due_on", d.dueOn?.description ?? "")),
            disclose,
        ]
        if let mine { form.mark(mine.errors) }
        return form
    }

    static func revise(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        var errors: [String: String] = [:]
        func parse<T>(_ name: String, _ read: (String) throws -> T) -> T? {
            guard let text = f[name] else { return nil }
            do { return try read(text) } catch let error as RegistryError {
                errors[name] = w(error.chineseMessage, error.englishMessage)
            } catch { errors[name] = w("无效", "not valid") }
            return nil
        }
        let revision = DemandRevision(
            title: f["title"], details: f["description"], priority: parse("priority") { try Priority(Int($0) ?? 0) },
            dueOn: parse("due_on") { try CivilDate($0) }, isPublic: f["is_public"] == "yes")
        if f["title"] == nil { errors["title"] = w("不能为空", "must not be empty") }
        guard errors.isEmpty else {
            return try await detail(visit, retry: Retry(form: "revision", values: f, errors: errors, message: w("未保存：请更正标出的栏目", "Not saved: correct the marked fields")))
        }
        return try await refusalAsRetry(visit, form: "revision") {
            let id = try await visit.write { tx in
                let id = try await DemandStore.id(of: visit.parameter("key"), in: tx)
                try await visit.requireSubtree { try await OrgUnitStore.isInside(demand: id, subtreeOf: $0, in: tx) }
                _ = try await DemandStore.revise(id, revision, expectedVersion: f["version"].flatMap(Int.init), in: tx)
                return id
            }
            return visit.redirect(visit.href("demands/\(id.rawValue)"), notice: w("已保存修改", "Changes saved"))
        }
    }

    static func transition(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        guard let target = f["to"].flatMap({ DemandState(rawValue: $0) }) else {
            throw ConsoleRefusal(.unprocessableContent, w("未指明去向", "No target state given"))
        }
        var errors: [String: String] = [:]
        var rating: Rating?
        if target == .rated {
            do { rating = try Rating(score: Int(f["score"] ?? "") ?? 0, comment: f["note"]) } catch let error as RegistryError {
                errors["score"] = w(error.chineseMessage, error.englishMessage)
            }
        }
        let mergedInto = f["merged_into"].map { Int64($0.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) }
        if case .some(.none) = mergedInto { errors["merged_into"] = w("须为需求编号（数字）", "must be a demand number") }
        let retryAs = { (message: String) in Retry(form: target.rawValue, values: f, errors: errors, message: message) }
        if !errors.isEmpty { return try await detail(visit, retry: retryAs(w("请更正标出的栏目", "Correct the marked fields"))) }
        return try await refusalAsRetry(visit, form: target.rawValue) {
            let id = try await visit.write { tx in
                let id = try await DemandStore.id(of: visit.parameter("key"), in: tx)
                try await visit.requireSubtree { try await OrgUnitStore.isInside(demand: id, subtreeOf: $0, in: tx) }
                try await DemandStore.transition(
                    id, to: target, note: target == .rated ? nil : f["note"], reason: f["reason"],
                    mergedInto: mergedInto.flatMap { $0 }.map { DemandID(rawValue: $0) }, rating: rating,
                    visibility: f["visibility"].flatMap { EventVisibility(rawValue: $0) } ?? .public,
                    expectedVersion: f["version"].flatMap(Int.init), in: tx)
                return id
            }
            return visit.redirect(visit.href("demands/\(id.rawValue)"), notice: w("已移至「\(w.name(target))」", "Moved to \(w.name(target))"))
        }
    }

    static func escalate(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        guard let level = f["to"].flatMap({ EscalationLevel(rawValue: $0) }) else {
            return try await detail(visit, retry: Retry(form: "escalation", values: f, errors: ["to": w("请选择层级", "Choose a level")], message: w("请选择上交层级", "Choose a level")))
        }
        return try await refusalAsRetry(visit, form: "escalation") {
            let id = try await visit.write { tx in
                let id = try await DemandStore.id(of: visit.parameter("key"), in: tx)
                try await visit.requireSubtree { try await OrgUnitStore.isInside(demand: id, subtreeOf: $0, in: tx) }
                _ = try await DemandStore.escalate(id, to: level, reason: f["reason"] ?? "", in: tx)
                return id
            }
            return visit.redirect(visit.href("demands/\(id.rawValue)"), notice: w("已上交至\(w.name(level))", "Escalated to \(w.name(level))"))
        }
    }

    /// Runs a write; what the workflow or the store refuses comes back on the demand's page,
    /// beside the form that was sent, with what was typed.
    private static func refusalAsRetry(_ visit: Visit, form: String, _ write: () async throws -> Response) async throws -> Response {
        let w = visit.words
        do {
            return try await write()
        } catch let error as RegistryError {
            let message = w(error.chineseMessage, error.englishMessage)
            return try await detail(visit, retry: Retry(form: form, values: visit.form, errors: error.field.map { [$0: message] } ?? [:], message: message))
        } catch let error as RegistryStoreError {
            switch error {
            case .staleVersion:
                return try await detail(visit, retry: Retry(form: form, values: visit.form, errors: [:], message: w(
                    "此需求刚被他人修改，请查看最新状态后重试", "Someone changed this demand meanwhile; read its new state and try again"), status: .conflict))
            case .invalid(let field, let reason):
                return try await detail(visit, retry: Retry(form: form, values: visit.form, errors: [field: reason], message: reason))
            case .notFound(let kind, _) where kind.contains("merge") || visit.form["merged_into"] != nil:
                return try await detail(visit, retry: Retry(form: form, values: visit.form, errors: ["merged_into": w("没有这个需求", "no such demand")], message: "\(error)"))
            default: throw error
            }
        }
    }
}
