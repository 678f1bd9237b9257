import Foundation
import HTTPTypes
import Hummingbird
import Registry
import RegistryStore

/// A demand's actions: the forms of the moves the workflow allows, escalation (吹哨) and the
/// edit, and the writes they post to. What the workflow or the store refuses comes back on
/// the demand's page beside the form that was sent (``DemandPages/Retry``).
extension DemandPages {
    /// One form per move the workflow allows by hand from the demand's state; moves into or
    /// out of a project, and into `matched`, belong to projects and matching runs.
    static func moves(_ d: Demand, visit: Visit, version: Int, retry: Retry?) -> [ConsolePage.Form] {
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
    static func escalation(_ d: Demand, visit: Visit, retry: Retry?) -> ConsolePage.Form? {
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
    static func revision(_ d: Demand, visit: Visit, version: Int, retry: Retry?) -> ConsolePage.Form {
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
        // An edit names the version it was read at, as the API's If-Match: never a blind overwrite.
        guard let version = f["version"].flatMap(Int.init) else {
            throw ConsoleRefusal(.preconditionRequired, w("表单缺少版本号，请刷新后重试", "The form names no version; reload and try again"))
        }
        guard errors.isEmpty else {
            return try await detail(visit, retry: Retry(form: "revision", values: f, errors: errors, message: w("未保存：请更正标出的栏目", "Not saved: correct the marked fields")))
        }
        return try await demandWrite(visit, form: "revision", notice: w("已保存修改", "Changes saved")) { id, tx in
            _ = try await DemandStore.revise(id, revision, expectedVersion: version, in: tx)
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
        return try await demandWrite(visit, form: target.rawValue, notice: w("已移至「\(w.name(target))」", "Moved to \(w.name(target))")) { id, tx in
            try await DemandStore.transition(
                id, to: target, note: target == .rated ? nil : f["note"], reason: f["reason"],
                mergedInto: mergedInto.flatMap { $0 }.map { DemandID(rawValue: $0) }, rating: rating,
                visibility: f["visibility"].flatMap { EventVisibility(rawValue: $0) } ?? .public,
                expectedVersion: f["version"].flatMap(Int.init), in: tx)
        }
    }

    static func escalate(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        guard let level = f["to"].flatMap({ EscalationLevel(rawValue: $0) }) else {
            return try await detail(visit, retry: Retry(form: "escalation", values: f, errors: ["to": w("请选择层级", "Choose a level")], message: w("请选择上交层级", "Choose a level")))
        }
        return try await demandWrite(visit, form: "escalation", notice: w("已上交至\(w.name(level))", "Escalated to \(w.name(level))")) { id, tx in
            _ = try await DemandStore.escalate(id, to: level, reason: f["reason"] ?? "", in: tx)
        }
    }

    /// A write to the demand the path names, as the API's `demandWrite`: for community staff
    /// only inside their subtree, in one transaction, answered by the demand's page with
    /// `notice`. What the workflow or the store refuses comes back on the demand's page, beside
    /// the form that was sent (`form`), with what was typed.
    static func demandWrite(
        _ visit: Visit, form: String, notice: String, _ work: (DemandID, TenantTransaction) async throws -> Void
    ) async throws -> Response {
        let w = visit.words
        do {
            let id = try await visit.write { tx in
                let id = try await DemandStore.id(of: visit.parameter("key"), in: tx)
                try await visit.requireSubtree { try await OrgUnitStore.isInside(demand: id, subtreeOf: $0, in: tx) }
                try await work(id, tx)
                return id
            }
            return visit.redirect(visit.href("demands/\(id.rawValue)"), notice: notice)
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
