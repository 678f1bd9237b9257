import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg module …`: the plug-in modules govreg ships and, per tenant, which are enabled with
/// which settings.
struct ModuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module",
        abstract: "插件模块 Plug-in modules: the catalogue; enable, configure, disable per district.",
        subcommands: [List.self, Show.self, Enable.self, Configure.self, Disable.self, Check.self, Report.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The modules govreg ships; with --tenant, which are enabled there, at which version, with which settings.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Option(help: "A district: show what it has enabled.") var tenant: String?
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal(), catalogue = ModuleRegistry.catalogue
            guard let tenant else {
                if json { return try terminal.json(catalogue.modules.map(CatalogueEntry.init)) }
                return terminal.table(
                    headers: ["模块 module", "名称 name", "版本 version", "核心 core", "说明 summary"],
                    rows: catalogue.modules.map { module in
                        [module.id.rawValue, "\(module.chineseName) \(module.englishName)", module.version.description,
                         "\(module.compatibleCore.lowerBound)–\(module.compatibleCore.upperBound)", module.summary]
                    })
            }
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await TenantStore(database: registry).find(tenant).id
                let modules = try await registry.withTenant(tenantID, actor: commandLineActor, readOnly: true) { tx in try await ModuleStore.list(in: tx) }
                if json { return try terminal.json(modules) }
                terminal.table(
                    headers: ["模块 module", "状态 state", "版本 version", "设置 settings"],
                    rows: catalogue.modules.map { module in
                        let held = modules.first { $0.id == module.id }
                        let settings = held?.settings.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                        return [module.id.rawValue, held.map { $0.enabled ? "已启用 enabled" : "已停用 disabled" } ?? "未启用 not enabled",
                                held?.version.description ?? "", settings ?? ""]
                    })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A module's settings schema (what each district may set, with defaults and limits); --json for an admin form.")
        @Argument(help: "The module id, e.g. bench_talk.") var id: String
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let module = try ModuleCommand.module(id), terminal = Terminal()
            if json { return try terminal.json(CatalogueEntry(module)) }
            terminal.print("\(module.id) — \(module.chineseName) \(module.englishName) \(module.version)")
            terminal.print(module.summary)
            terminal.table(
                headers: ["设置 setting", "名称 name", "类型 kind", "默认 default"],
                rows: module.settingsSchema.fields.map { field in
                    [field.key, "\(field.chineseName) / \(field.englishName)", ModuleCommand.describe(field.kind), field.default.description]
                })
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a module for a district, with settings from a JSON file (fields left out keep their defaults).")
        @OptionGroup var target: ModuleCommandTarget
        @Option(help: "A JSON file of settings, e.g. {\"reply_deadline_days\": 10}.") var settings: String?

        func run() async throws {
            let document = try settings.map(ModuleCommand.read)
            try await target.run { id, tx in try await ModuleStore.enable(id, settings: document, in: tx) }
        }
    }

    struct Configure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an enabled module's settings: the keys the file names; the others stay.")
        @OptionGroup var target: ModuleCommandTarget
        @Option(help: "A JSON file of settings.") var settings: String

        func run() async throws {
            let document = try ModuleCommand.read(settings)
            try await target.run { id, tx in try await ModuleStore.configure(id, settings: document, in: tx) }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a module for a district: it stops contributing; its settings and data stay.")
        @OptionGroup var target: ModuleCommandTarget

        func run() async throws {
            try await target.run { id, tx in try await ModuleStore.disable(id, in: tx) }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Before a core upgrade: which shipped modules work with a core version (exit 1 if any does not).")
        @Option(help: "The core version to check against (default: this build's).") var core: String?

        func run() async throws {
            let version = try core.map { try SemanticVersion($0) } ?? CoreVersion.current
            let terminal = Terminal(), modules = ModuleRegistry.catalogue.modules
            terminal.table(
                headers: ["模块 module", "版本 version", "支持核心 works with", "核心 \(version)"],
                rows: modules.map { module in
                    [module.id.rawValue, module.version.description, "\(module.compatibleCore.lowerBound)–\(module.compatibleCore.upperBound)",
                     module.supports(core: version) ? "可用 ok" : "不可用 would stop"]
                })
            if modules.contains(where: { !$0.supports(core: version) }) { throw ExitCode(1) }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report sections of the modules a district has enabled, for a period.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "From (YYYY-MM-DD).") var from: String
        @Option(help: "To (YYYY-MM-DD).") var to: String
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let (start, end) = (try CommandLineValue.day(from, "--from")!, try CommandLineValue.day(to, "--to")!)
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let sections = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await ModuleStore.reportSections(
                    from: start, to: end, in: tx) }
                if json { return try terminal.json(sections) }
                for section in sections {
                    terminal.print("== \(section.title) (\(section.module)) \(start)–\(end)")
                    terminal.table(headers: ["项 figure", "值 value"], rows: section.figures.map { [$0.label, $0.value] })
                }
            }
        }
    }

    static func module(_ id: String) throws -> any GovernanceModule {
        do { return try ModuleRegistry.catalogue.module(named: id) } catch { throw ValidationError("\(error)") }
    }

    static func read(_ path: String) throws -> Data {
        do { return try Data(contentsOf: URL(filePath: path)) } catch { throw ValidationError("--settings: cannot read \(path)") }
    }

    static func describe(_ kind: SettingField.Kind) -> String {
        switch kind {
        case let .text(maxLength): "text ≤ \(maxLength)"
        case let .integer(range): "integer \(range.lowerBound)…\(range.upperBound)"
        case .boolean: "true/false"
        case let .choice(options): options.joined(separator: " | ")
        case let .textList(maxItems, maxLength): "list of ≤ \(maxItems) texts ≤ \(maxLength)"
        }
    }
}

/// A catalogue entry as `--json` prints it: the module and its settings schema.
struct CatalogueEntry: Encodable {
    var id: String, version: String, chineseName: String, englishName: String, summary: String
    var compatibleCore: [String]
    var settings: ModuleSettingsSchema

    init(_ module: any GovernanceModule) {
        id = module.id.rawValue
        version = module.version.description
        chineseName = module.chineseName
        englishName = module.englishName
        summary = module.summary
        compatibleCore = [module.compatibleCore.lowerBound.description, module.compatibleCore.upperBound.description]
        settings = module.settingsSchema
    }
}

/// The options every per-tenant module command takes, and running it with its result printed.
struct ModuleCommandTarget: ParsableArguments {
    @OptionGroup var scope: TenantScope
    @Argument(help: "The module id, e.g. bench_talk.") var id: String
    @Flag(help: "Print the result as JSON.") var json = false

    /// Runs `body` in one write transaction of the tenant and prints the module it returns.
    func run(_ body: (ModuleID, TenantTransaction) async throws -> TenantModule) async throws {
        let module = try ModuleCommand.module(id), terminal = Terminal()
        try await scope.run(terminal: terminal) { registry, tenant in
            let result: TenantModule
            do {
                result = try await registry.withTenant(tenant, actor: commandLineActor) { tx in try await body(module.id, tx) }
            } catch let error as ModuleSettingsError {
                throw ValidationError("\(error)")
            }
            if json { return try terminal.json(result) }
            let settings = result.settings.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            terminal.print("\(result.id) \(module.chineseName): \(result.enabled ? "已启用 enabled" : "已停用 disabled") (\(result.version)); \(settings)")
        }
    }
}
