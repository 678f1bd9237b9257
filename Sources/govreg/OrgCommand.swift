import ArgumentParser
import Foundation
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
            abstract: "Import a hierarchy file (CSV), all or nothing; re-importing updates in place.",
            discussion: "Columns (Chinese or English): 编码/code, 名称/name, 类型/kind, 上级编码/parent_code, 生效日期/valid_from, 失效日期/valid_to.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The CSV file (UTF-8 or GB18030).") var file: String
        @Flag(help: "Check the file only; write nothing.") var dryRun = false
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            let rows = try OrgUnitFile.rows(from: try Data(contentsOf: URL(filePath: file)))
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let summary = try await OrgUnitStore(database: registry).importRows(
                    rows, tenant: try await tenant.resolve(in: registry), actor: commandLineActor, dryRun: dryRun)
                if json { try terminal.json(summary) } else if dryRun {
                    terminal.print("检查通过 \(rows.count) rows checked, nothing written (--dry-run): would be \(summary.inserted) new 新增, \(summary.updated) updated 更新, \(summary.unchanged) unchanged 未变")
                } else {
                    terminal.print("组织 org units: \(summary.inserted) new 新增, \(summary.updated) updated 更新, \(summary.unchanged) unchanged 未变")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the hierarchy, or the subtree under one node.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this node and everything under it (its code).") var under: String
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let units = try await OrgUnitStore(database: registry).subtree(
                    of: under, tenant: try await tenant.resolve(in: registry), actor: commandLineActor)
                if json { try terminal.json(units); return }
                let top = units.first?.depth ?? 0
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
        @Option(help: "The code of the new parent.") var under: String

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                try await OrgUnitStore(database: registry).move(
                    code, under: under, tenant: try await tenant.resolve(in: registry), actor: commandLineActor)
                terminal.print("已移动 moved \(code) under \(under)")
            }
        }
    }
}
