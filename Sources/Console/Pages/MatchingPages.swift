import Hummingbird
import Foundation
import Matching
import Registry
import RegistryStore

/// Matching review (供需匹配): start a run, read what it proposes (each allocation with its
/// cost terms, each unserved demand with the engine's reasons), accept all of it or a
/// selection into the project list, and see every conflict when the lists moved since.
enum MatchingPages {
    static let routes = [
        ConsoleRoute(.get, "/matching", .tenantAdmin, runs),
        ConsoleRoute(.post, "/matching/runs", .tenantAdmin, start),
        ConsoleRoute(.get, "/matching/runs/{run}", .tenantAdmin) { try await run($0) },
        ConsoleRoute(.post, "/matching/runs/{run}/accept", .tenantAdmin, accept),
    ]

    static func runs(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let (runs, categories) = try await visit.read { tx in (try await MatchingStore.runs(limit: 20, in: tx), try await CategoryStore.list(in: tx)) }
        var start = ConsolePage.Section(w("新的匹配", "A new run"))
        var form = ConsolePage.Form(action: visit.href("matching/runs"), submit: w("开始匹配", "Start matching"), csrf: visit.csrf, inline: true, id: "start-run")
        form.fields = [.select("category", w("类别", "Category"), categories.map { ($0.code, w($0.nameZh, $0.nameEn)) }, value: nil, blank: w("全部类别", "every category"))]
        start.forms = [form]
        var list = ConsolePage.Section(w("最近的匹配", "Recent runs"))
        list.table = .init(
            columns: [w("编号", "Run"), w("类别", "Category"), w("状态", "Status"), w("需求", "Demands"), w("满足", "Served"),
                      w("分配", "Allocations"), w("发起", "By"), w("时间", "When")],
            rows: runs.map { r in
                ConsolePage.Row(cells: [
                    .init("#\(r.id ?? 0)", href: visit.href("matching/runs/\(r.id ?? 0)")), .init(r.category ?? w("全部", "all")),
                    .init(status(r.status, w)), .init("\(r.demands)"), .init("\(r.demandsServed)"), .init("\(r.allocations)"),
                    .init(r.actor), .init(r.createdAt.map(ConsoleFormat.time) ?? ""),
                ])
            },
            emptyText: w("尚未匹配", "No runs yet"))
        return visit.render(ConsolePage(w("供需匹配", "Matching"), sections: [start, list]))
    }

    static func start(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let record = try await MatchingStore.run(
            MatchingRequest(category: visit.form["category"]), on: visit.console.database, tenant: visit.tenantID, actor: visit.account.actor)
        return visit.redirect(visit.href("matching/runs/\(record.id ?? 0)"),
                              notice: w("匹配完成：\(record.demandsServed) 个需求获得分配", "Run done: \(record.demandsServed) demands served"))
    }

    static func run(_ visit: Visit, conflicts: [String] = [], selected: Set<String> = []) async throws -> Response {
        let w = visit.words
        guard let id = Int64(visit.parameter("run")), id > 0 else { throw ConsoleRefusal(.notFound, w("没有这次匹配", "No such run")) }
        let detail = try await visit.read { tx in try await MatchingStore.show(id, limit: 200, unservedLimit: 50, in: tx) }
        let r = detail.run
        var summary = ConsolePage.Section()
        summary.facts = [
            .init(name: w("状态", "Status"), value: status(r.status, w)), .init(name: w("需求", "Demands"), value: "\(r.demands)"),
            .init(name: w("资源", "Resources"), value: "\(r.resources)"),
            .init(name: w("满足（全部/部分）", "Served (fully / in part)"), value: "\(r.demandsFilled) / \(r.demandsServed - r.demandsFilled)"),
            .init(name: w("分配", "Allocations"), value: "\(r.allocations)"), .init(name: w("发起", "By"), value: r.actor),
        ]
        if let by = r.acceptedBy { summary.facts.append(.init(name: w("接受", "Accepted by"), value: by)) }

        // Nothing to accept when the run allocated nothing.
        let proposed = r.status == "proposed" && r.allocations > 0
        var served = ConsolePage.Section(w("分配方案", "Allocations"))
        let rows = detail.served.flatMap { line in
            line.allocations.map { a in
                ConsolePage.Row(cells: [
                    .init("\(a.number)"), .init("#\(line.demandID) \(line.title)", href: visit.href("demands/\(line.demandID)")),
                    .init(line.community ?? ""), .init("\(a.resourceTitle) · \(a.unitName)"),
                    .init(ResourceStore.amountText(a.quantity, in: a.measureUnit)),
                    .init(a.terms.map { "\($0.name) \($0.amount)" }.joined(separator: "; ")),
                    .init(a.projectExternalID ?? ""),
                ], select: proposed ? "\(a.number)" : nil, selected: selected.contains("\(a.number)"))
            }
        }
        let table = ConsolePage.Table(
            columns: [w("序号", "No."), w("需求", "Demand"), w("社区", "Community"), w("资源 · 单位", "Resource · unit"), w("数量", "Quantity"),
                      w("成本构成（说明）", "Cost terms (why)"), w("项目", "Project")],
            rows: rows, emptyText: w("没有分配", "No allocations"), selectName: proposed ? "allocation" : nil)
        if proposed {
            var accept = ConsolePage.Form(action: visit.href("matching/runs/\(id)/accept"), submit: w("接受所选分配", "Accept the selected allocations"),
                                          csrf: visit.csrf, id: "accept-selected")
            accept.table = table
            var all = ConsolePage.Form(action: visit.href("matching/runs/\(id)/accept"), submit: w("全部接受", "Accept all"), csrf: visit.csrf, inline: true, id: "accept-all")
            all.fields = [.init(name: "all", label: "", kind: .hidden, value: "yes")]
            served.forms = [all, accept]
        } else {
            served.table = table
        }
        if detail.moreServed > 0 { served.text = w("另有 \(detail.moreServed) 个需求的分配未列出", "\(detail.moreServed) more served demands are not listed") }

        var unserved = ConsolePage.Section(w("未满足的需求及原因", "Unserved demands and why"))
        unserved.table = .init(
            columns: [w("需求", "Demand"), w("已分配/所需", "Served / asked"), w("原因", "Why")],
            rows: detail.unserved.map { line in
                ConsolePage.Row(cells: [
                    .init("#\(line.demandID) \(line.title)", href: visit.href("demands/\(line.demandID)")),
                    .init("\(line.served) / \(line.requested)"),
                    .init(line.explanation.reasons(quantity: { ResourceStore.amountText($0, in: line.measureUnit) }).joined(separator: "；")),
                ])
            },
            emptyText: w("所有需求均获满足", "Every demand was served"))
        var page = ConsolePage(w("匹配 #\(id)", "Run #\(id)"), sections: [summary, served, unserved])
        if !conflicts.isEmpty {
            var stale = ConsolePage.Section(w("清单已变化，不能接受", "The lists changed: nothing was accepted"))
            stale.table = .init(columns: [w("冲突", "Conflict")], rows: conflicts.map { ConsolePage.Row(cells: [.init($0)]) }, emptyText: "")
            stale.text = w("请重新匹配，或去掉冲突的分配后再接受。", "Run the matching again, or leave out the conflicting allocations.")
            page.sections.insert(stale, at: 0)
            page.error = w("有 \(conflicts.count) 处冲突，未做任何更改", "\(conflicts.count) conflicts; nothing was changed")
        }
        return visit.render(page, status: conflicts.isEmpty ? .ok : .conflict)
    }

    static func accept(_ visit: Visit) async throws -> Response {
        let w = visit.words
        guard let id = Int64(visit.parameter("run")), id > 0 else { throw ConsoleRefusal(.notFound, w("没有这次匹配", "No such run")) }
        let chosen = visit.form.all("allocation")
        let only: [Int]?
        if visit.form["all"] == "yes" {
            only = nil
        } else {
            let numbers = chosen.compactMap(Int.init)
            guard !numbers.isEmpty, numbers.count == chosen.count else {
                throw ConsoleRefusal(.unprocessableContent, w("请至少选择一项分配，或选择全部接受", "Select at least one allocation, or accept all"))
            }
            only = numbers
        }
        do {
            let acceptance = try await MatchingStore.accept(id, only: only, on: visit.console.database, tenant: visit.tenantID, actor: visit.account.actor)
            return visit.redirect(visit.href("projects?status=planned"), notice: w(
                "已接受 \(acceptance.acceptedAllocations) 项分配，生成 \(acceptance.projects.count) 个项目",
                "Accepted \(acceptance.acceptedAllocations) allocations into \(acceptance.projects.count) new projects"))
        } catch let conflict as MatchingConflict {
            return try await run(visit, conflicts: conflict.conflicts, selected: Set(chosen))
        }
    }

    static func status(_ status: String, _ w: Words) -> String {
        switch status {
        case "proposed": w("待审核", "proposed")
        case "accepted": w("已接受", "accepted")
        case "discarded": w("已放弃", "discarded")
        case "revoked": w("已撤销", "revoked")
        default: status
        }
    }
}
