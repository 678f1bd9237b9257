import ArgumentParser
import Foundation
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export resources --tenant T [--format csv|json] [--public] [--header en|zh] [--out FILE]`.
    struct Resources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出资源清单 Export resources (--public: the disclosed list, what was pledged and what remains).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            let terminal = Terminal()
            let registry = try await options.database.registry(terminal: terminal, migrations: options.migrations)
            defer { Task { await registry.close() } }
            let tenant = try await options.tenant.resolve(in: registry)
            let store = ResourceStore(database: registry)
            let chinese = options.header == .zh
            if options.public {
                let rows = try await store.disclosures(tenant: tenant, actor: commandLineActor)
                try ExportCommand.writeList(options, csv: ResourceFile.publicCSV(rows, chinese: chinese), json: rows, count: rows.count, list: "资源 resource(s)", on: terminal)
            } else {
                let rows = try await store.exportRows(tenant: tenant, actor: commandLineActor)
                let csv = ResourceFile.csv(rows, chinese: chinese)
                try ExportCommand.writeList(options, csv: csv, json: try ExportCommand.listObjects(csv), count: rows.count, list: "资源 resource(s)", on: terminal)
            }
        }
    }
}
