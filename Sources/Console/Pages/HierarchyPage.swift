import Hummingbird
import Registry
import RegistryStore

/// The hierarchy (组织架构): the org tree one level at a time, and for a node, the units that
/// contract it (包联) and the members who reported for duty there (双报到), whose personal
/// data the store masks for every role.
enum HierarchyPage {
    static let routes = [
        ConsoleRoute(.get, "/org", .tenantRead) { try await show($0) },
        ConsoleRoute(.post, "/org/move", .tenantAdmin, move),
        ConsoleRoute(.post, "/org/nodes", .tenantAdmin, saveNode),
    ]

    static let nodeFields = ["code", "name", "kind", "parent_code"]

    /// `moveError`: why a move was refused (beside the move's field); `nodeErrors`: a node's
    /// form refused, by field.
    static func show(_ visit: Visit, moveError error: String? = nil, nodeErrors: [String: String] = [:]) async throws -> Response {
        let w = visit.words
        let code = visit.form["under"]
        let (node, children, units, members) = try await visit.read { tx in
            guard let code else {
                let all = try await OrgUnitStore.all(in: tx)
                let top = all.map(\.depth).min() ?? 0
                return (nil as OrgUnitRecord?, all.filter { $0.depth == top }, [UnitRecord](), [MemberRecord]())
            }
            let subtree = try await OrgUnitStore.subtree(of: code, in: tx)
            let node = subtree.first { $0.code == code }!
            return (node, subtree.filter { $0.depth == node.depth + 1 },
                    try await UnitStore.list(UnitQuery(orgCode: code, limit: 50), in: tx).items,
                    try await MemberStore.list(MemberQuery(orgCode: code, limit: 50), in: tx).items)
        }
        var tree = ConsolePage.Section(node.map { w("下级", "Below") + " \($0.name)" } ?? w("顶层", "Top level"))
        if let node {
            tree.facts = [.init(name: w("编码", "Code"), value: node.code), .init(name: w("层级", "Kind"), value: w.name(node.kind)),
                          .init(name: w("上级", "Parent"), value: node.parentCode ?? "—", href: visit.href("org" + (node.parentCode.map { "?under=\($0)" } ?? "")))]
            tree.links = [.init(text: w("本辖区的需求", "Demands here"), href: visit.href("demands?under=\(node.code)"))]
            if visit.isAdmin {
                var move = ConsolePage.Form(action: visit.href("org/move"), submit: w("移动", "Move"), csrf: visit.csrf, quiet: true, inline: true, id: "org-move")
                var parent = ConsolePage.Field(name: "parent_code", label: w("移到此上级之下（编码，留空为顶层）", "Move under (a code; empty: top level)"),
                                               value: visit.form["mode"] == nil ? visit.form["parent_code"] ?? "" : "")
                parent.error = error
                move.fields = [.init(name: "code", label: "", kind: .hidden, value: node.code), parent]
                tree.forms = [move, nodeForm(visit, id: "org-rename", submit: w("修改名称或层级", "Change the name or kind"),
                                             code: node.code, name: node.name, kind: node.kind, parent: node.parentCode,
                                             errors: visit.form["mode"] == "rename" ? nodeErrors : [:])]
            }
        }
        if visit.isAdmin {
            tree.forms.append(nodeForm(visit, id: "org-add", submit: node.map { w("在\($0.name)之下新增", "Add under \($0.name)") } ?? w("新增顶层节点", "Add a top-level node"),
                                       code: nil, name: nil, kind: nil, parent: node?.code,
                                       errors: visit.form["mode"] == "rename" ? [:] : nodeErrors))
        }
        tree.table = .init(
            columns: [w("名称", "Name"), w("编码", "Code"), w("层级", "Kind")],
            rows: children.map { ConsolePage.Row(cells: [.init($0.name, href: visit.href("org?under=\($0.code)")), .init($0.code), .init(w.name($0.kind))]) },
            emptyText: w("没有下级", "Nothing below"))
        var sections = [tree]
        if node != nil {
            var contract = ConsolePage.Section(w("包联单位", "Contracting units (包联)"))
            contract.table = .init(
                columns: [w("单位", "Unit"), w("类型", "Kind"), w("报到成员", "Members"), w("资源", "Resources")],
                rows: units.map { ConsolePage.Row(cells: [.init($0.name, href: visit.href("units/\(ConsoleFormat.path($0.externalID ?? "\($0.id)"))")), .init(w.name($0.kind)), .init("\($0.memberCount)"), .init("\($0.resourceCount)")]) },
                emptyText: w("无", "None"))
            var duty = ConsolePage.Section(w("双报到成员（个人信息已遮挡）", "Members reporting for duty (personal data masked)"))
            duty.table = .init(
                columns: [w("姓名", "Name"), w("电话", "Phone"), w("单位", "Unit"), w("报到日期", "Since")],
                rows: members.map { ConsolePage.Row(cells: [.init($0.name), .init($0.phone ?? ""), .init($0.unitName), .init($0.registeredOn.description)]) },
                emptyText: w("无", "None"))
            sections += [contract, duty]
        }
        var page = ConsolePage(w("组织架构", "Hierarchy"), sections: sections)
        page.error = error ?? (nodeErrors.isEmpty ? nil : w("未保存：请更正标出的栏目", "Not saved: correct the marked fields"))
        return visit.render(page, status: page.error == nil ? .ok : .unprocessableContent)
    }

    /// A node's form: a new one under `parent`, or (with `code`) the node itself renamed.
    private static func nodeForm(
        _ visit: Visit, id: String, submit: String, code: String?, name: String?, kind: OrgUnitKind?, parent: String?, errors: [String: String]
    ) -> ConsolePage.Form {
        let w = visit.words
        let typed = errors.isEmpty ? nil : visit.form
        var form = ConsolePage.Form(action: visit.href("org/nodes"), submit: submit, csrf: visit.csrf, quiet: true, id: id)
        form.fields = [
            code.map { ConsolePage.Field(name: "code", label: "", kind: .hidden, value: $0) }
                ?? .init(name: "code", label: w("编码", "Code"), value: typed?["code"] ?? "", required: true),
            .init(name: "name", label: w("名称", "Name"), value: typed?["name"] ?? name ?? "", required: true),
            .select("kind", w("层级", "Kind"), OrgUnitKind.allCases.map { ($0.rawValue, w.name($0)) }, value: typed?["kind"] ?? kind?.rawValue),
            .init(name: "parent_code", label: "", kind: .hidden, value: parent ?? ""),
            .init(name: "mode", label: "", kind: .hidden, value: code == nil ? "add" : "rename"),
        ]
        form.mark(errors)
        return form
    }

    /// Adds a node, or renames one: the node as one row of the hierarchy's file, so the
    /// checks (levels in order, codes unique, no cycle) are the import's.
    static func saveNode(_ visit: Visit) async throws -> Response {
        let w = visit.words
        var errors = try await RecordForm.save("org", fields: nodeFields, visit)
        // The parent is a hidden field: what is wrong with it (levels turned over) is the kind's.
        if let parent = errors.removeValue(forKey: "parent_code") { errors["kind"] = [errors["kind"], parent].compactMap { $0 }.joined(separator: "；") }
        let code = visit.form["code"] ?? ""
        guard errors.isEmpty else {
            // A renamed node's page, or the page of the node a new one was to go under.
            let page = visit.form["mode"] == "rename" ? visit.form["code"] : visit.form["parent_code"]
            let under = page.map { "under=\(ConsoleResponse.queryEscaped($0))&" } ?? ""
            return try await show(visit.with(query: under + visit.formQuery(nodeFields + ["mode"])), nodeErrors: errors)
        }
        return visit.redirect(visit.href("org?under=\(ConsoleResponse.queryEscaped(code))"), notice: w("已保存 \(code)", "Saved \(code)"))
    }

    /// Moves a node with its subtree under another (the store refuses a move that turns the
    /// levels over or puts a node into its own subtree, and says why).
    static func move(_ visit: Visit) async throws -> Response {
        let w = visit.words
        guard let code = visit.form["code"] else { throw ConsoleRefusal(.unprocessableContent, w("未指明节点", "No node given")) }
        let parent = visit.form["parent_code"]
        let failure: String?
        do {
            try await visit.write { tx in try await OrgUnitStore.move(code, under: parent, in: tx) }
            failure = nil
        } catch let error as InvalidFields {
            failure = error.problems.map { w($0.chinese, $0.english) }.joined(separator: "；")
        } catch RegistryStoreError.notFound(_, let key) {
            failure = w("没有这个组织编码：\(key)", "No org unit with the code \(key)")
        }
        guard let failure else {
            return visit.redirect(visit.href("org?under=\(code)"), notice: w("已移动 \(code)", "Moved \(code)"))
        }
        return try await show(visit.with(query: "under=\(code)&parent_code=\(ConsoleResponse.queryEscaped(parent ?? ""))"), moveError: failure)
    }
}
