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
    ]

    static func show(_ visit: Visit, error: String? = nil) async throws -> Response {
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
                                               value: visit.form["parent_code"] ?? "")
                parent.error = error
                move.fields = [.init(name: "code", label: "", kind: .hidden, value: node.code), parent]
                tree.forms = [move]
            }
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
        page.error = error
        return visit.render(page, status: error == nil ? .ok : .unprocessableContent)
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
        return try await show(visit.with(query: "under=\(code)&parent_code=\(ConsoleResponse.queryEscaped(parent ?? ""))"), error: failure)
    }
}
