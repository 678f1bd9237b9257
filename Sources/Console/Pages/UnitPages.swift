import Foundation
import Hummingbird
import ImportIssues
import Registry
import RegistryImport
import RegistryStore

/// Registered units (共建单位): the list, one unit with its contracted communities (包联), its
/// members who reported for duty (双报到) and its resources, and, for admins, a unit's form
/// (new or edited). Contacts are personal data: lists show them masked, and the form never
/// shows them; a contact field left blank keeps what is stored.
enum UnitPages {
    static let routes = [
        ConsoleRoute(.get, "/units", .tenantRead) { try await list($0) },
        ConsoleRoute(.post, "/units", .tenantAdmin, save),
        ConsoleRoute(.get, "/units/{key}", .tenantRead) { try await show($0) },
        ConsoleRoute(.post, "/members", .tenantAdmin, registerMember),
    ]

    static let memberFields = ["external_id", "name", "phone", "id_card", "unit_external_id", "community_code", "registered_on"]

    static let fields = ["external_id", "name", "kind", "contact_name", "contact_phone", "address", "communities"]

    static func list(_ visit: Visit, typed: FormValues? = nil, errors: [String: String] = [:]) async throws -> Response {
        let w = visit.words
        let after = try ListPages.cursor(visit)
        let page = try await visit.read { tx in try await UnitStore.list(UnitQuery(after: after, limit: 50), in: tx) }
        var section = ConsolePage.Section()
        section.table = .init(
            columns: [w("编号", "No."), w("单位名称", "Name"), w("类型", "Kind"), w("联系人", "Contact"), w("包联社区", "Contracts"),
                      w("报到成员", "Members"), w("资源", "Resources")],
            rows: page.items.map { u in
                let key = u.externalID ?? "\(u.id)"
                return ConsolePage.Row(cells: [
                    .init(key, href: visit.href("units/\(ConsoleFormat.path(key))")), .init(u.name), .init(w.name(u.kind)),
                    .init(u.contactName ?? ""), .init(u.communities.map(\.name).joined(separator: "、")),
                    .init("\(u.memberCount)"), .init("\(u.resourceCount)"),
                ])
            },
            emptyText: w("没有单位", "No units"), next: ListPages.next(visit, page.nextCursor))
        var sections = [section]
        if visit.isAdmin { sections.append(formSection(visit, title: w("新单位", "A new unit"), current: nil, typed: typed, errors: errors)) }
        var result = ConsolePage(w("共建单位", "Units"), sections: sections)
        if !errors.isEmpty { result.error = w("未保存：请更正标出的栏目", "Not saved: correct the marked fields") }
        return visit.render(result, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func show(_ visit: Visit, typed: FormValues? = nil, errors: [String: String] = [:], memberErrors: [String: String] = [:]) async throws -> Response {
        let w = visit.words
        let detail = try await visit.read { tx in try await UnitStore.show(visit.parameter("key"), in: tx) }
        let u = detail.unit
        var facts = ConsolePage.Section()
        facts.facts = [
            .init(name: w("编号", "No."), value: u.externalID ?? "\(u.id)"), .init(name: w("类型", "Kind"), value: w.name(u.kind)),
            .init(name: w("联系人（已遮挡）", "Contact (masked)"), value: [u.contactName, u.contactPhone].compactMap { $0 }.joined(separator: " ")),
            .init(name: w("地址", "Address"), value: u.address ?? "—"),
        ]
        var contracts = ConsolePage.Section(w("包联社区", "Contracted communities (包联)"))
        contracts.table = .init(
            columns: [w("社区", "Community"), w("编码", "Code")],
            rows: u.communities.map { ConsolePage.Row(cells: [.init($0.name, href: visit.href("org?under=\($0.code)")), .init($0.code)]) },
            emptyText: w("无", "None"))
        var members = ConsolePage.Section(w("双报到成员（个人信息已遮挡）", "Members reporting for duty (personal data masked)"))
        members.table = .init(
            columns: [w("姓名", "Name"), w("电话", "Phone"), w("报到社区", "Community"), w("报到日期", "Since")],
            rows: detail.members.map { ConsolePage.Row(cells: [.init($0.name), .init($0.phone ?? ""), .init($0.communityName), .init($0.registeredOn.description)]) },
            emptyText: w("无", "None"))
        if visit.isAdmin, !u.communities.isEmpty {
            // A member reporting for duty (双报到) with this unit, at one of its communities.
            let mine = memberErrors.isEmpty ? nil : visit.form
            var register = ConsolePage.Form(action: visit.href("members"), submit: w("登记报到", "Register"), csrf: visit.csrf, quiet: true, id: "member-register")
            register.fields = [
                .init(name: "unit_external_id", label: "", kind: .hidden, value: u.externalID ?? "\(u.id)"),
                .init(name: "external_id", label: w("人员编号", "Person no."), value: mine?["external_id"] ?? "", required: true),
                .init(name: "name", label: w("姓名", "Name"), value: mine?["name"] ?? "", required: true, autocomplete: "off"),
                .init(name: "phone", label: w("手机号", "Phone"), value: mine?["phone"] ?? "", inputMode: "tel", autocomplete: "off"),
                .init(name: "id_card", label: w("身份证号", "ID card number"), value: mine?["id_card"] ?? "", autocomplete: "off"),
                .select("community_code", w("报到社区", "Community"), u.communities.map { ($0.code, $0.name) }, value: mine?["community_code"]),
                .init(name: "registered_on", label: w("报到日期", "Since"), kind: .date, value: mine?["registered_on"] ?? "", required: true),
            ]
            register.mark(memberErrors)
            members.forms = [register]
        }
        var sections = [facts, contracts, members]
        if visit.isAdmin { sections.append(formSection(visit, title: w("修改", "Edit"), current: u, typed: typed, errors: errors)) }
        var page = ConsolePage(u.name, sections: sections)
        if !errors.isEmpty || !memberErrors.isEmpty { page.error = w("未保存：请更正标出的栏目", "Not saved: correct the marked fields") }
        return visit.render(page, status: errors.isEmpty && memberErrors.isEmpty ? .ok : .unprocessableContent)
    }

    /// A member reporting for duty, as one row of the members' file (personal data stored,
    /// shown masked).
    static func registerMember(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let unit = visit.form["unit_external_id"] ?? ""
        let errors = try await RecordForm.save("members", fields: memberFields, visit)
        guard errors.isEmpty else { return try await show(visit.with(key: unit, form: visit.form), memberErrors: errors) }
        return visit.redirect(visit.href("units/\(ConsoleFormat.path(unit))"), notice: w("已登记报到", "Registered"))
    }

    private static func formSection(_ visit: Visit, title: String, current: UnitRecord?, typed: FormValues?, errors: [String: String]) -> ConsolePage.Section {
        let w = visit.words
        let value = { (name: String, stored: String?) in typed?[name] ?? (typed == nil ? stored ?? "" : "") }
        var form = ConsolePage.Form(action: visit.href("units"), submit: w("保存", "Save"), csrf: visit.csrf, id: "unit-save")
        let keep = current == nil ? nil : w("留空则不变", "leave empty to keep")
        form.fields = [
            current.map { .init(name: "external_id", label: "", kind: .hidden, value: $0.externalID ?? "\($0.id)") }
                ?? .init(name: "external_id", label: w("单位编号", "Unit no."), value: value("external_id", nil), required: true),
            .init(name: "name", label: w("单位名称", "Name"), value: value("name", current?.name), required: true),
            .select("kind", w("单位类型", "Kind"), UnitKind.allCases.map { ($0.rawValue, w.name($0)) }, value: typed?["kind"] ?? current?.kind.rawValue),
            .init(name: "contact_name", label: w("联系人", "Contact"), value: typed?["contact_name"] ?? "", hint: keep, autocomplete: "off"),
            .init(name: "contact_phone", label: w("联系电话", "Phone"), value: typed?["contact_phone"] ?? "", hint: keep, inputMode: "tel", autocomplete: "off"),
            .init(name: "address", label: w("地址", "Address"), value: value("address", current?.address)),
            .init(name: "communities", label: w("包联社区编码（以 ; 或 、分隔）", "Contracted community codes (separated by ; or 、)"),
                  value: value("communities", current?.communities.map(\.code).joined(separator: ";"))),
        ]
        form.mark(errors)
        var section = ConsolePage.Section(title)
        section.forms = [form]
        return section
    }

    /// Saves a unit (new, or the one with this external id), through the file's reading of a
    /// row and ``UnitStore/save(_:in:)``; a blank contact keeps the stored one.
    static func save(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        let key = f["external_id"] ?? ""
        var values: [String: String] = [:]
        for name in fields { if let value = f[name] { values[name] = value } }
        let existing = try await visit.read { tx -> UnitImportRow? in
            guard !key.isEmpty else { return nil }
            do { return try await UnitStore.row(key, in: tx) } catch RegistryStoreError.notFound { return nil }
        }
        if let existing {
            values["contact_name"] = values["contact_name"] ?? existing.contactName
            values["contact_phone"] = values["contact_phone"] ?? existing.contactPhone?.unmasked
        }
        let again = { (errors: [String: String]) async throws -> Response in
            existing == nil ? try await list(visit, typed: f, errors: errors) : try await show(visit.with(key: key, form: f), typed: f, errors: errors)
        }
        let read = UnitFile.record(values)
        guard let row = read.row else {
            var errors: [String: String] = [:]
            for issue in read.issues.issues where errors[issue.column ?? "name"] == nil { errors[issue.column ?? "name"] = issue.reason }
            return try await again(errors)
        }
        do {
            _ = try await visit.write { tx in try await UnitStore.save(row, in: tx) }
        } catch RegistryStoreError.invalid(let field, let reason) {
            return try await again([field: reason])
        } catch RegistryStoreError.notFound(_, let code) {
            return try await again(["communities": w("没有这个组织编码：\(code)", "No org unit with the code \(code)")])
        }
        return visit.redirect(visit.href("units/\(ConsoleFormat.path(row.externalID))"), notice: w("已保存 \(row.name)", "Saved \(row.name)"))
    }
}
