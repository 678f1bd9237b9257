import ArgumentParser
import Foundation
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export projects --tenant T [--format csv|json] [--public] [--header en|zh] [--out FILE]`.
    struct Projects: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出项目清单 Export projects (--public: the disclosed list, no internal notes).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            let terminal = Terminal()
            let registry = try await options.database.registry(terminal: terminal, migrations: options.migrations)
            defer { Task { await registry.close() } }
            let tenant = try await options.tenant.resolve(in: registry)
            let store = ProjectStore(database: registry)
            let chinese = options.header == .zh
            if options.public {
                let rows = try await store.disclosures(tenant: tenant, actor: commandLineActor)
                try ExportCommand.writeList(options, csv: ProjectFile.publicCSV(rows, chinese: chinese), json: rows, count: rows.count, list: "项目 project(s)", on: terminal)
            } else {
                let rows = try await store.exportRows(tenant: tenant, actor: commandLineActor)
                let csv = ProjectFile.csv(rows, chinese: chinese)
                try ExportCommand.writeList(options, csv: csv, json: try ExportCommand.listObjects(csv), count: rows.count, list: "项目 project(s)", on: terminal)
            }
        }
    }
}
