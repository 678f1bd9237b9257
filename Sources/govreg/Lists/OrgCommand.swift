import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryImport
import RegistryStore

/// `govreg org …`: a district's hierarchy of streets, communities, grids, compounds, buildings.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "组织架构 The hierarchy: streets, communities, grids, compounds, buildings.",
        subcommands: [Import.self, List.self, Move.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a hierarchy file (CSV), all or nothing; re-importing updates in place (also `govreg import org`).",
            discussion: "Columns (Chinese or English): 编码/code, 名称/name, 类型/kind, 上级编码/parent_code, 生效日期/valid_from, 失效日期/valid_to.")
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportCommand.Org.load(options)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the hierarchy, or the subtree under one node.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this node and everything under it (its code).") var under: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await tenant.resolve(in: registry)
                let units = if let under {
                    try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await OrgUnitStore.subtree(of: under, in: tx) }
                } else {
                    try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in try await OrgUnitStore.all(in: tx) }
                }
                if json { try terminal.json(units); return }
                let top = units.map(\.depth).min() ?? 0
                terminal.table(
                    headers: ["编码 code", "名称 name", "类型 kind", "上级 parent"],
                    rows: units.map { unit in
                        [unit.code, String(repeating: "  ", count: unit.depth - top) + unit.name,
                         "\(unit.kind.chineseName) \(unit.kind.rawValue)", unit.parentCode ?? ""]
                    })
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a node, with everything under it, to a new parent.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The code of the node to move.") var code: String
        @Option(help: "The code of the new parent; '' (or --top) makes the node top-level.") var under: String?
        @Flag(help: "Make the node top-level (a street or town of its own).") var top = false

        func validate() throws {
            guard (under != nil) != top || under == "" else {
                throw ValidationError("give --under CODE or --top 须指定 --under 或 --top")
            }
        }

        func run() async throws {
            let terminal = Terminal()
            let parent = under.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor) { tx in
                    try await OrgUnitStore.move(code, under: parent, in: tx)
                }
                terminal.print(parent.map { "已移动 moved \(code) under \($0)" } ?? "已移至顶层 moved \(code) to the top")
            }
        }
    }
}

extension ImportCommand {
    /// `govreg import org FILE --tenant T [--dry-run] [--json]`: the hierarchy, first of all lists.
    struct Org: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org",
            abstract: "导入组织架构 Import the hierarchy (first: every other list refers to its codes).",
            discussion: "Columns (Chinese or English): 编码/code, 名称/name, 类型/kind, 上级编码/parent_code, 生效日期/valid_from, 失效日期/valid_to.")
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await Self.load(options)
        }

        /// The import behind both `govreg import org` and `govreg org import`.
        static func load(_ options: ImportOptions) async throws {
            try await ImportReport.importList(options, into: OrgUnitStore.self, header: OrgUnitFile.header, read: { OrgUnitFile.read($0) }, list: "组织 org units")
        }
    }
}

extension ExportCommand {
    /// `govreg export org --tenant T [--format csv|json] [--header en|zh] [--out FILE]`: the hierarchy, parents first.
    struct Org: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org",
            abstract: "导出组织架构 Export the hierarchy, parents first (it holds no personal data: --public gives the same).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(options, from: OrgUnitStore.self, csv: OrgUnitFile.csv, publicCSV: OrgUnitFile.csv, list: "组织 org unit(s)")
        }
    }
}
