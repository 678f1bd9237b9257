import Hummingbird
import Foundation
import Registry
import RegistryStore

/// Modules (模块): the catalogue of what this build ships, which the district has switched
/// on, and each module's settings as a form generated from its settings schema (a text box,
/// a number, yes/no or a choice per field, never a raw JSON box), checked by the schema.
enum ModulePages {
    static let routes = [
        ConsoleRoute(.get, "/modules", .tenantAdmin, catalogue),
        ConsoleRoute(.get, "/modules/{module}", .tenantAdmin) { try await settings($0) },
        ConsoleRoute(.post, "/modules/{module}", .tenantAdmin, save),
        ConsoleRoute(.post, "/modules/{module}/disable", .tenantAdmin, disable),
        ConsoleRoute(.get, "/m/{module}/{page}", .tenantRead, modulePage),
    ]

    /// The pages modules add (``ModuleConsolePages``), with the module each belongs to.
    static func contributedPages(_ catalogue: ModuleCatalogue) -> [(module: any GovernanceModule, page: ModuleConsolePage)] {
        catalogue.modules.flatMap { module in
            module.contributions.compactMap { $0 as? any ModuleConsolePages }.flatMap { $0.pages.map { (module, $0) } }
        }
    }

    /// Links to the pages of the modules the district has enabled.
    static func links(_ visit: Visit, enabled: Set<ModuleID>) -> [ConsolePage.Link] {
        let w = visit.words
        return contributedPages(visit.console.database.modules).filter { enabled.contains($0.module.id) }.map { module, page in
            .init(text: w("\(module.chineseName)：\(page.chineseTitle)", "\(module.englishName): \(page.englishTitle)"),
                  href: visit.href("m/\(module.id.rawValue)/\(page.path)"))
        }
    }

    /// A module's page, laid out like the console's own: only for a district that enabled
    /// the module, and only for the roles the page admits.
    static func modulePage(_ visit: Visit) async throws -> Response {
        let w = visit.words
        guard let (module, page) = contributedPages(visit.console.database.modules)
            .first(where: { $0.module.id.rawValue == visit.parameter("module") && $0.page.path == visit.parameter("page") })
        else { throw ConsoleRefusal(.notFound, w("没有这个页面", "No such page")) }
        guard visit.account.role.permits(page.access.accessClass) else { throw ConsoleRefusal(.forbidden, w("您的角色不能使用此页面", "Your role may not use this page")) }
        var query: [String: String] = [:]
        for name in visit.form.values.keys { query[name] = visit.form[name] }
        let content = try await visit.read { tx in
            guard try await ModuleStore.settings(of: module.id, in: tx) != nil else {
                throw ConsoleRefusal(.notFound, w("本区县未启用\(module.chineseName)", "This district has not enabled \(module.englishName)"))
            }
            return try await page.read(query, tx)
        }
        let sections = content.sections.map { section -> ConsolePage.Section in
            var out = ConsolePage.Section(section.heading.map { w($0.chinese, $0.english) })
            out.facts = section.facts.map { .init(name: w($0.name.chinese, $0.name.english), value: $0.value) }
            if !section.columns.isEmpty {
                out.table = .init(columns: section.columns.map { w($0.chinese, $0.english) },
                                  rows: section.rows.map { ConsolePage.Row(cells: $0.map { .init($0) }) },
                                  emptyText: w(section.empty.chinese, section.empty.english))
            }
            return out
        }
        return visit.render(ConsolePage(w("\(module.chineseName)：\(page.chineseTitle)", "\(module.englishName): \(page.englishTitle)"), sections: sections))
    }

    static func catalogue(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let installed = try await visit.read { tx in try await ModuleStore.list(in: tx) }
        var section = ConsolePage.Section()
        section.links = links(visit, enabled: Set(installed.filter(\.enabled).map(\.id)))
        section.table = .init(
            columns: [w("模块", "Module"), w("说明", "Summary"), w("版本", "Version"), w("状态", "Status")],
            rows: visit.console.database.modules.modules.map { module in
                let record = installed.first { $0.id == module.id }
                return ConsolePage.Row(cells: [
                    .init(w(module.chineseName, module.englishName), href: visit.href("modules/\(module.id.rawValue)")), .init(module.summary),
                    .init(module.version.description),
                    .init(record?.enabled == true ? w("已启用", "enabled") : w("未启用", "off"), badge: record?.enabled == true ? "done" : "closed"),
                ])
            },
            emptyText: w("此版本未带模块", "This build ships no modules"))
        return visit.render(ConsolePage(w("模块", "Modules"), sections: [section]))
    }

    static func settings(_ visit: Visit, typed: FormValues? = nil, errors: [String: String] = [:]) async throws -> Response {
        let w = visit.words
        let module = try module(visit)
        let record = try await visit.read { tx in try await ModuleStore.list(in: tx).first { $0.id == module.id } }
        let enabled = record?.enabled == true
        let current = record?.settings ?? module.settingsSchema.defaults
        var form = ConsolePage.Form(action: visit.href("modules/\(module.id.rawValue)"),
                                    submit: enabled ? w("保存设置", "Save the settings") : w("启用", "Enable"), csrf: visit.csrf, id: "module-settings")
        form.fields = module.settingsSchema.fields.map { field in
            let label = w(field.chineseName, field.englishName)
            let value = typed?[field.key] ?? current.values[field.key].map(text) ?? text(field.default)
            switch field.kind {
            case .text(let maxLength):
                return .init(name: field.key, label: label, value: value, hint: w("最多 \(maxLength) 字", "at most \(maxLength) characters"))
            case .integer(let range):
                return .init(name: field.key, label: label, kind: .number, value: value,
                             hint: "\(range.lowerBound)–\(range.upperBound)", inputMode: "numeric")
            case .boolean:
                return .select(field.key, label, [("true", w("是", "yes")), ("false", w("否", "no"))], value: value)
            case .choice(let options):
                return .select(field.key, label, options.map { ($0, $0) }, value: value)
            case .textList(let maxItems, let maxLength):
                return .init(name: field.key, label: label, kind: .textarea, value: value,
                             hint: w("每行一项，最多 \(maxItems) 项，每项最多 \(maxLength) 字", "one per line, at most \(maxItems) items of \(maxLength) characters"))
            }
        }
        form.mark(errors)
        var section = ConsolePage.Section()
        section.text = module.summary
        section.facts = [.init(name: w("状态", "Status"), value: enabled ? w("已启用", "enabled") : w("未启用", "off")),
                         .init(name: w("版本", "Version"), value: module.version.description)]
        section.forms = [form]
        if enabled {
            section.forms.append(.init(action: visit.href("modules/\(module.id.rawValue)/disable"), submit: w("停用", "Disable"),
                                       csrf: visit.csrf, quiet: true, inline: true, id: "module-disable"))
        }
        var page = ConsolePage(w(module.chineseName, module.englishName), sections: [section])
        if !errors.isEmpty { page.error = w("设置未保存：请更正标出的栏目", "Settings not saved: correct the marked fields") }
        return visit.render(page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func save(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let module = try module(visit)
        var document: [String: Any] = [:]
        var errors: [String: String] = [:]
        for field in module.settingsSchema.fields {
            let value = visit.form[field.key]
            switch field.kind {
            case .integer:
                guard let value else { continue }
                guard let number = Int64(value) else { errors[field.key] = w("须为整数", "must be a whole number"); continue }
                document[field.key] = number
            case .boolean: document[field.key] = value == "true"
            case .text, .choice: document[field.key] = value ?? ""
            case .textList:
                // One item per line; blank lines are gaps, not items.
                document[field.key] = (value ?? "").split(whereSeparator: \.isNewline).map(String.init)
                    .filter { !$0.allSatisfy(\.isWhitespace) }
            }
        }
        if !errors.isEmpty { return try await settings(visit, typed: visit.form, errors: errors) }
        let data = try JSONSerialization.data(withJSONObject: document)
        do {
            // Enabling layers the settings over the earlier ones: one locked upsert, as the API's PUT.
            _ = try await visit.write { tx in try await ModuleStore.enable(module.id, settings: data, in: tx) }
        } catch let error as ModuleSettingsError {
            return try await settings(visit, typed: visit.form, errors: [error.key: error.reason])
        }
        return visit.redirect(visit.href("modules/\(module.id.rawValue)"), notice: w("已保存，模块已启用", "Saved; the module is enabled"))
    }

    static func disable(_ visit: Visit) async throws -> Response {
        let module = try module(visit)
        _ = try await visit.write { tx in try await ModuleStore.disable(module.id, in: tx) }
        return visit.redirect(visit.href("modules"), notice: visit.words("已停用\(module.chineseName)", "Disabled \(module.englishName)"))
    }

    private static func module(_ visit: Visit) throws -> any GovernanceModule {
        guard let id = ModuleID(rawValue: visit.parameter("module")), let module = visit.console.database.modules.module(id) else {
            throw ConsoleRefusal(.notFound, visit.words("没有这个模块", "No such module"))
        }
        return module
    }

    private static func text(_ value: SettingValue) -> String {
        switch value {
        case .text(let text): text
        case .integer(let number): "\(number)"
        case .boolean(let flag): flag ? "true" : "false"
        case .textList(let items): items.joined(separator: "\n")
        }
    }
}
