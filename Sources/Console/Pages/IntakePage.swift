import Hummingbird
import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore

/// `/console/{tenant}/intake`: filing a demand, laid out for a grid worker's phone. The
/// place is preselected from the account's own org unit, the number pad comes up for the
/// quantity, and a refused form comes back with each problem beside its field and
/// everything as typed.
///
/// The values go through the same reading and checks as the command line's `demand add` and
/// a file's rows (``DemandFile/record(_:channels:)``, ``DemandStore/referenceProblems``), and
/// are filed by the one filing statement (``DemandStore/file(_:submit:in:)``).
enum IntakePage {
    static let routes = [
        ConsoleRoute(.get, "/intake", .tenantWrite) { try await show($0) },
        ConsoleRoute(.post, "/intake", .tenantWrite, file),
    ]

    /// The fields of the form, in order: what a person must give first.
    static let fieldNames = ["title", "category", "org_code", "quantity", "measure_unit", "description", "source_channel", "due_on", "is_public"]

    static func show(_ visit: Visit, values: FormValues? = nil, errors: [String: String] = [:], message: String? = nil) async throws -> Response {
        let w = visit.words
        let (categories, places) = try await visit.read { tx in
            let categories = try await CategoryStore.list(in: tx).filter { !$0.hidden }
            let all = try await OrgUnitStore.all(in: tx)
            guard visit.account.role == .communityStaff, let root = visit.account.orgUnitID,
                  let code = all.first(where: { $0.id == root })?.code else { return (categories, all) }
            return (categories, try await OrgUnitStore.subtree(of: code, in: tx))
        }
        let mine = places.first { $0.id == visit.account.orgUnitID }
        let typed = { (name: String) in values?[name] }
        typealias Field = DemandDraft.Field
        var form = ConsolePage.Form(action: visit.href("intake"), submit: w("登记", "File"), csrf: visit.csrf, id: "intake")
        var title = ConsolePage.Field(name: "title", label: w(Field.title.chineseName, "Title"), value: typed("title") ?? "",
                                      hint: w("一句话说清需求，如：楼道灯不亮", "One line, e.g. the stairwell light is out"), required: true)
        title.autofocus = true
        form.fields = [
            title,
            .select("category", w(Field.category.chineseName, "Category"), categories.map { ($0.code, w($0.nameZh, $0.nameEn)) },
                    value: typed("category"), blank: w("请选择", "choose")),
            .select("org_code", w("所在网格或社区", "Place (grid or community)"),
                    places.map { ($0.code, String(repeating: "　", count: max(0, $0.depth - (mine?.depth ?? 0))) + $0.name + " \($0.code)") },
                    value: typed("org_code") ?? (mine?.code), blank: visit.account.role == .communityStaff ? nil : w("请选择", "choose")),
            .init(name: "quantity", label: w(Field.quantity.chineseName, "Quantity"), kind: .number, value: typed("quantity") ?? "1", required: true),
            .select("measure_unit", w(Field.measureUnit.chineseName, "Unit"), MeasureUnit.allCases.map { ($0.rawValue, w.name($0)) },
                    value: typed("measure_unit") ?? MeasureUnit.items.rawValue),
            .init(name: "description", label: w(Field.description.chineseName, "Description"), kind: .textarea, value: typed("description") ?? ""),
            .select("source_channel", w(Field.sourceChannel.chineseName, "Channel"),
                    SourceChannel.known.map { ($0.rawValue, w($0.chineseName, $0.englishName)) },
                    value: typed("source_channel") ?? SourceChannel.gridReport.rawValue),
            .init(name: "due_on", label: w(Field.dueOn.chineseName, "Due"), kind: .date, value: typed("due_on") ?? ""),
        ]
        var disclose = ConsolePage.Field(name: "is_public", label: w("在公示页面公开（不含个人信息）", "Disclose on the public pages (no personal data)"),
                                         kind: .checkbox, value: "yes")
        disclose.checked = typed("is_public") == "yes"
        form.fields.append(disclose)
        form.mark(errors)
        var section = ConsolePage.Section()
        section.forms = [form]
        section.links = [.init(text: w("我的待办", "My desk"), href: visit.href("desk"))]
        var page = ConsolePage(w("登记需求", "File a demand"), sections: [section])
        page.error = message
        return visit.render(page, status: errors.isEmpty && message == nil ? .ok : .unprocessableContent)
    }

    static func file(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        var values: [String: String] = [:]
        for name in fieldNames { if let value = f[name] { values[name] = value } }
        let channels = visit.console.database.modules.sourceChannels
        let read = DemandFile.record(values, channels: channels)
        var errors: [String: String] = [:]
        for issue in read.issues.issues where errors[issue.column ?? ""] == nil {
            errors[issue.column.map { fieldNames.contains($0) ? $0 : "title" } ?? "title"] = issue.reason
        }
        let outcome: DemandID? = try await visit.write { tx in
            for problem in try await DemandStore.referenceProblems(category: f["category"], orgCode: f["org_code"], externalID: nil, in: tx) {
                errors[problem.field] = w(problem.chinese, problem.english)
            }
            if let code = f["org_code"], errors["org_code"] == nil {
                do {
                    try await visit.requireSubtree { try await OrgUnitStore.isInside(code: code, subtreeOf: $0, in: tx) }
                } catch let refusal as ConsoleRefusal {
                    errors["org_code"] = refusal.message
                }
            }
            guard errors.isEmpty, let draft = read.draft else { return nil }
            return try await DemandStore.file(draft, submit: true, in: tx)
        }
        guard let id = outcome else {
            return try await show(visit, values: f, errors: errors, message: w("未登记：请更正标出的栏目", "Not filed: correct the marked fields"))
        }
        return visit.redirect(visit.href("demands/\(id.rawValue)"), notice: w("已登记需求 #\(id.rawValue)", "Filed demand #\(id.rawValue)"))
    }
}
