import Hummingbird
import Foundation
import Registry
import RegistryStore

/// The resource list (资源清单) and the project list (项目清单): their lists, a resource's
/// ledger figures, and a project with its demands, milestones and progress, and the project's
/// steps (start, progress report, milestone, completion, check 验收, rating, cancellation).
enum ListPages {
    static let routes = [
        ConsoleRoute(.get, "/resources", .tenantRead, resources),
        ConsoleRoute(.get, "/resources/{key}", .tenantRead) { try await resource($0) },
        ConsoleRoute(.post, "/resources/{key}/steps", .tenantAdmin, resourceStep),
        ConsoleRoute(.get, "/projects", .tenantRead, projects),
        ConsoleRoute(.get, "/projects/{key}", .tenantRead) { try await project($0) },
        ConsoleRoute(.post, "/projects/{key}/steps", ProjectWorkflow.progressAccess, projectStep),
    ]

    static func resources(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let status = try filter(visit, "status") { try ResourceStatus(parsing: $0) }
        let after = try cursor(visit)
        let page = try await visit.read { tx in try await ResourceStore.list(ResourceQuery(status: status, after: after, limit: 50), in: tx) }
        var section = ConsolePage.Section()
        section.forms = [statusFilter(visit, "resources", ResourceStatus.self)]
        section.table = .init(
            columns: [w("编号", "No."), w("资源名称", "Title"), w("单位", "Unit"), w("类别", "Category"), w("认领", "Pledged"), w("剩余", "Remaining"), w("状态", "Status")],
            rows: page.items.map { r in
                let key = r.externalID ?? "#\(r.id)"
                return ConsolePage.Row(cells: [
                    .init(key, href: visit.href("resources/\(ConsoleFormat.path(key))")), .init(r.title), .init(r.unitName), .init(r.categoryName),
                    .init(ResourceStore.amountText(r.pledged, in: r.measureUnit)), .init(ResourceStore.amountText(r.remaining, in: r.measureUnit)),
                    .init(w.name(r.status)),
                ])
            },
            emptyText: w("没有资源", "No resources"), next: next(visit, page.nextCursor))
        return visit.render(ConsolePage(w("资源清单", "Resources"), sections: [section]))
    }

    static func resource(_ visit: Visit, error: (step: String, message: String)? = nil) async throws -> Response {
        let w = visit.words
        let detail = try await visit.read { tx in try await ResourceStore.show(visit.parameter("key"), in: tx) }
        let r = detail.resource
        var facts = ConsolePage.Section()
        facts.facts = [
            .init(name: w("编号", "No."), value: r.externalID ?? "#\(r.id)"), .init(name: w("共建单位", "Unit"), value: r.unitName),
            .init(name: w("类别", "Category"), value: r.categoryName), .init(name: w("计量单位", "Measure"), value: w.name(r.measureUnit)),
            .init(name: w("认领", "Pledged"), value: ResourceStore.amountText(r.pledged, in: r.measureUnit)),
            .init(name: w("剩余", "Remaining"), value: ResourceStore.amountText(r.remaining, in: r.measureUnit)),
            .init(name: w("状态", "Status"), value: w.name(r.status)),
            .init(name: w("可用期", "Available"), value: "\(r.availableFrom?.description ?? "…") – \(r.availableUntil?.description ?? "…")"),
            .init(name: w("服务范围", "Serves"), value: r.serviceArea.joined(separator: ", ")),
        ]
        var steps = ConsolePage.Section(w("办理", "Actions"))
        if visit.isAdmin {
            let action = visit.href("resources/\(ConsoleFormat.path(visit.parameter("key")))/steps")
            func form(_ step: String, _ submit: String, _ fields: [ConsolePage.Field], quiet: Bool = false) -> ConsolePage.Form {
                var form = ConsolePage.Form(action: action, submit: submit, csrf: visit.csrf, quiet: quiet, id: "resource-\(step)")
                form.fields = [.init(name: "step", label: "", kind: .hidden, value: step)] + fields
                if let error, error.step == step { form.fields[form.fields.count - 1].error = error.message }
                return form
            }
            if r.status == .offered { steps.forms.append(form("confirm", w("确认资源（可用）", "Confirm (available)"), [])) }
            if r.status != .withdrawn {
                steps.forms.append(form("pledge", w("追加认领", "Pledge more"), [
                    .init(name: "amount", label: w("数量", "Amount") + " (\(w.name(r.measureUnit)))", kind: .number, required: true),
                    .init(name: "note", label: w("说明", "Note"))], quiet: true))
                steps.forms.append(form("withdraw", w("撤回资源", "Withdraw"), [.init(name: "reason", label: w("撤回理由", "Reason"), required: true)], quiet: true))
            }
        }
        var ledger = ConsolePage.Section(w("台账", "Ledger"))
        ledger.table = .init(
            columns: [w("时间", "When"), w("变化", "Change"), w("数量", "Amount"), w("项目", "Project"), w("经办", "By"), w("说明", "Note")],
            rows: detail.ledger.map { line in
                ConsolePage.Row(cells: [.init(ConsoleFormat.time(line.at)), .init(w.name(line.kind)),
                                        .init(ResourceStore.amountText(line.quantity, in: line.measureUnit)), .init(line.projectExternalID ?? ""),
                                        .init(line.actor), .init(line.note ?? "")])
            },
            emptyText: w("无", "None"))
        var page = ConsolePage(r.title, sections: [facts] + (steps.forms.isEmpty ? [] : [steps]) + [ledger])
        page.error = error?.message
        return visit.render(page, status: error == nil ? .ok : .unprocessableContent)
    }

    static func resourceStep(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        let key = visit.parameter("key")
        let step = f["step"] ?? ""
        do {
            _ = try await visit.write { tx in
                switch step {
                case "confirm": return try await ResourceStore.confirm(key, in: tx)
                case "pledge": return try await ResourceStore.pledge(key, written: f["amount"] ?? "", note: f["note"], in: tx)
                case "withdraw": return try await ResourceStore.withdraw(key, reason: f["reason"] ?? "", in: tx)
                default: throw ConsoleRefusal(.unprocessableContent, w("未知的操作", "Unknown step"))
                }
            }
        } catch let error as RegistryError {
            return try await resource(visit, error: (step, w(error.chineseMessage, error.englishMessage)))
        } catch RegistryStoreError.invalid(_, let reason) {
            return try await resource(visit, error: (step, reason))
        }
        return visit.redirect(visit.href("resources/\(ConsoleFormat.path(key))"), notice: w("已保存", "Saved"))
    }

    static func projects(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let status = try filter(visit, "status") { try ProjectStatus(parsing: $0) }
        let after = try cursor(visit)
        let page = try await visit.read { tx in try await ProjectStore.list(ProjectQuery(status: status, after: after, limit: 50), in: tx) }
        var section = ConsolePage.Section()
        section.forms = [statusFilter(visit, "projects", ProjectStatus.self)]
        section.table = .init(
            columns: [w("编号", "No."), w("项目名称", "Title"), w("责任单位", "Responsible unit"), w("状态", "Status"), w("进度", "Progress"),
                      w("需求数", "Demands"), w("期限", "Due")],
            rows: page.items.map { p in
                let key = p.externalID ?? "#\(p.id)"
                return ConsolePage.Row(cells: [
                    .init(key, href: visit.href("projects/\(ConsoleFormat.path(key))")), .init(p.title), .init(p.responsibleUnitName),
                    .init(w.name(p.status)), .init("\(p.progressPercent)%"), .init("\(p.demandCount)"), .init(p.dueOn?.description ?? ""),
                ])
            },
            emptyText: w("没有项目", "No projects"), next: next(visit, page.nextCursor))
        return visit.render(ConsolePage(w("项目清单", "Projects"), sections: [section]))
    }

    static func project(_ visit: Visit, error: (step: String, field: String?, message: String)? = nil) async throws -> Response {
        let w = visit.words
        let key = visit.parameter("key")
        let (detail, inside) = try await visit.read { tx in
            let detail = try await ProjectStore.show(key, in: tx)
            var inside = visit.mayWrite
            if visit.account.role == .communityStaff, let root = visit.account.orgUnitID {
                inside = try await ProjectStore.isInside(key, subtreeOf: root, in: tx)
            }
            return (detail, inside)
        }
        let p = detail.project
        var facts = ConsolePage.Section()
        facts.facts = [
            .init(name: w("编号", "No."), value: p.externalID ?? "#\(p.id)"), .init(name: w("状态", "Status"), value: w.name(p.status)),
            .init(name: w("责任单位", "Responsible unit"), value: p.responsibleUnitName), .init(name: w("进度", "Progress"), value: "\(p.progressPercent)%"),
            .init(name: w("预算", "Budget"), value: p.budget?.description ?? "—"),
            .init(name: w("起止", "Dates"), value: "\(p.startsOn?.description ?? "…") – \(p.dueOn?.description ?? "…")"),
            .init(name: w("评分", "Rating"), value: p.rating.map { "\($0) ★" } ?? "—"),
        ]
        facts.text = detail.description
        var demands = ConsolePage.Section(w("所服务的需求", "Demands served"))
        demands.table = .init(
            columns: [w("编号", "No."), w("需求名称", "Title"), w("状态", "State")],
            rows: detail.demands.map { ConsolePage.Row(cells: [.init("#\($0.id)", href: visit.href("demands/\($0.id)")), .init($0.title), .init(w.name($0.state))]) },
            emptyText: w("无", "None"))
        var milestones = ConsolePage.Section(w("里程碑", "Milestones"))
        milestones.table = .init(
            columns: [w("里程碑", "Milestone"), w("计划", "Due"), w("完成", "Done")],
            rows: detail.milestones.map { ConsolePage.Row(cells: [.init($0.title), .init($0.dueOn?.description ?? ""), .init($0.doneOn?.description ?? "")]) },
            emptyText: w("无", "None"))
        var progress = ConsolePage.Section(w("进度报告", "Progress reports"))
        progress.table = .init(
            columns: [w("日期", "Day"), w("进度", "Progress"), w("说明", "Note"), w("报告人", "By")],
            rows: detail.progress.reversed().map { ConsolePage.Row(cells: [.init($0.reportedOn.description), .init("\($0.percent)%"), .init($0.note ?? ""), .init($0.actor)]) },
            emptyText: w("尚无报告", "None yet"))
        var steps = ConsolePage.Section(w("办理", "Actions"))
        if inside { steps.forms = stepForms(detail, visit: visit, error: error) }
        if steps.forms.isEmpty { steps.text = inside ? w("项目已结束。", "The project is finished.") : w("只能查看。", "Read only.") }
        var page = ConsolePage(p.title, sections: [facts, steps, demands, milestones, progress])
        page.error = error?.message
        return visit.render(page, status: error == nil ? .ok : .unprocessableContent)
    }

    /// The steps the project's status allows, each a small form.
    private static func stepForms(_ detail: ProjectDetail, visit: Visit, error: (step: String, field: String?, message: String)?) -> [ConsolePage.Form] {
        let w = visit.words
        let p = detail.project
        let action = visit.href("projects/\(ConsoleFormat.path(p.externalID ?? "#\(p.id)"))/steps")
        func form(_ step: String, _ submit: String, _ fields: [ConsolePage.Field], quiet: Bool = false) -> ConsolePage.Form {
            var form = ConsolePage.Form(action: action, submit: submit, csrf: visit.csrf, quiet: quiet, id: "step-\(step)")
            form.fields = [.init(name: "step", label: "", kind: .hidden, value: step)] + fields
            if let error, error.step == step, let field = error.field { form.mark([field: error.message]) }
            return form
        }
        let note = ConsolePage.Field(name: "note", label: w("说明", "Note"))
        let mayMove = visit.account.role.permits(ProjectWorkflow.movesAccess)
        var forms: [ConsolePage.Form] = []
        switch p.status {
        case .planned: if mayMove { forms.append(form("start", w("开始实施", "Start"), [note])) }
        case .inProgress:
            forms.append(form("progress", w("报告进度", "Report progress"), [
                .init(name: "percent", label: w("进度（%）", "Progress (%)"), kind: .number, value: "\(p.progressPercent)", required: true, inputMode: "numeric"), note]))
            forms.append(form("milestone", w("添加里程碑", "Add a milestone"), [
                .init(name: "title", label: w("里程碑", "Milestone"), required: true), .init(name: "due_on", label: w("计划日期", "Due"), kind: .date)], quiet: true))
            for milestone in detail.milestones where milestone.doneOn == nil {
                forms.append(form("reach", w("完成里程碑：", "Milestone reached: ") + milestone.title,
                                  [.init(name: "milestone", label: "", kind: .hidden, value: "\(milestone.id)")], quiet: true))
            }
            if mayMove { forms.append(form("complete", w("完工", "Complete"), [note])) }
        case .completed:
            if mayMove { forms.append(form("check", w("验收", "Check and accept (验收)"), [note])) }
        case .checked:
            if p.rating == nil {
                forms.append(form("rate", w("评价", "Rate"), [
                    .select("score", w("满意度评分", "Rating"), (1...5).reversed().map { ("\($0)", "\($0) ★") }, value: "5"),
                    .init(name: "comment", label: w("评语", "Comment"))]))
            }
        case .cancelled: break
        }
        if mayMove, ProjectWorkflow.isAllowed(from: p.status, to: .cancelled) {
            forms.append(form("cancel", w("取消项目", "Cancel the project"), [.init(name: "reason", label: w("取消理由", "Reason"), required: true)], quiet: true))
        }
        return forms
    }

    /// The steps that move the project along its workflow.
    static let moves: Set<String> = ["start", "complete", "check", "cancel"]

    static func projectStep(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        let key = visit.parameter("key")
        let step = f["step"] ?? ""
        // As the API: the workflow's moves are the district admins', progress, milestones and
        // the rating any writer's inside their subtree (ProjectWorkflow's access classes).
        if Self.moves.contains(step), !visit.account.role.permits(ProjectWorkflow.movesAccess) {
            throw ConsoleRefusal(.forbidden, w("只有区县管理员能开始、完工、验收或取消项目", "Only district admins start, complete, check or cancel a project"))
        }
        do {
            _ = try await visit.write { tx in
                try await visit.requireSubtree { try await ProjectStore.isInside(key, subtreeOf: $0, in: tx) }
                switch step {
                case "start": return try await ProjectStore.start(key, note: f["note"], in: tx)
                case "progress":
                    guard let percent = f["percent"].flatMap(Int.init) else {
                        throw RegistryError(.invalidValue, field: "percent", chinese: "须为 0–100 的整数", english: "must be a whole number 0–100")
                    }
                    return try await ProjectStore.report(key, percent: percent, note: f["note"], in: tx)
                case "milestone":
                    let due = try f["due_on"].map { try CivilDate($0) }
                    return try await ProjectStore.addMilestone(key, title: f["title"] ?? "", dueOn: due, in: tx)
                case "reach":
                    return try await ProjectStore.reachMilestone(key, milestone: Int64(f["milestone"] ?? "") ?? 0, in: tx)
                case "complete": return try await ProjectStore.complete(key, note: f["note"], in: tx)
                case "check": return try await ProjectStore.check(key, note: f["note"], in: tx)
                case "rate": return try await ProjectStore.rate(key, score: Int(f["score"] ?? "") ?? 0, comment: f["comment"], in: tx)
                case "cancel": return try await ProjectStore.cancel(key, reason: f["reason"] ?? "", note: f["note"], in: tx)
                default: throw ConsoleRefusal(.unprocessableContent, w("未知的操作", "Unknown step"))
                }
            }
        } catch let error as RegistryError {
            return try await project(visit, error: (step, error.field, w(error.chineseMessage, error.englishMessage)))
        } catch RegistryStoreError.invalid(let field, let reason) {
            return try await project(visit, error: (step, field, reason))
        }
        return visit.redirect(visit.href("projects/\(ConsoleFormat.path(key))"), notice: w("已保存", "Saved"))
    }

    /// The list's filter by status (a GET form: the choice stays in the address).
    static func statusFilter<Status: Vocabulary>(_ visit: Visit, _ list: String, _ status: Status.Type) -> ConsolePage.Form {
        let w = visit.words
        var filters = ConsolePage.Form(action: visit.href(list), method: "get", submit: w("筛选", "Filter"), inline: true, id: "filters")
        filters.fields = [.select("status", w("状态", "Status"), Status.allCases.map { ($0.rawValue, w.name($0)) },
                                  value: visit.form["status"], blank: w("全部", "all"))]
        return filters
    }

    /// A filter of the query, parsed; a value it refuses is a 422 naming it, as in the API.
    static func filter<T>(_ visit: Visit, _ name: String, _ parse: (String) throws -> T) throws -> T? {
        guard let text = visit.form[name] else { return nil }
        do { return try parse(text) } catch let error as RegistryError {
            throw ConsoleRefusal(.unprocessableContent, "\(name): " + visit.words(error.chineseMessage, error.englishMessage))
        }
    }

    /// `cursor`: the last id of the previous page.
    static func cursor(_ visit: Visit) throws -> Int64? {
        try filter(visit, "cursor") { text in
            guard let id = Int64(text), id > 0 else { throw RegistryError(.invalidValue, chinese: "不是有效的游标", english: "not a cursor") }
            return id
        }
    }

    static func next(_ visit: Visit, _ cursor: Int64?) -> ConsolePage.Link? {
        guard let cursor else { return nil }
        var query = (visit.request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("cursor=") }.map(String.init)
        query.append("cursor=\(cursor)")
        return .init(text: visit.words("下一页 →", "Next page →"), href: "\(visit.request.uri.path)?\(query.joined(separator: "&"))")
    }
}
