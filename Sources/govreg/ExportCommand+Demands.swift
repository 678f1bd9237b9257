import ArgumentParser
import Foundation
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export demands --tenant T [--format csv|json] [--public] [--header en|zh] [--out FILE]`.
    struct Demands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出需求清单 Export demands.")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            let terminal = Terminal()
            let registry = try await options.database.registry(terminal: terminal, migrations: options.migrations)
            defer { Task { await registry.close() } }
            let tenant = try await options.tenant.resolve(in: registry)
            let store = DemandStore(database: registry)
            let output = try options.output()
            let chinese = options.header == .zh
            var written = 0
            switch (options.format, options.public) {
            case (.csv, false):
                let file = DemandExportFile(chinese: chinese)
                try output.write(file.header)
                try await store.export(tenant: tenant, actor: commandLineActor) { page in
                    try output.write(file.rows(page))
                    written += page.count
                }
            case (.csv, true):
                let file = PublicDemandExportFile(chinese: chinese)
                try output.write(file.header)
                try await store.exportPublic(tenant: tenant, actor: commandLineActor) { page in
                    try output.write(file.rows(page))
                    written += page.count
                }
            case (.json, false):
                var array = try JSONArrayOutput(output)
                try await store.export(tenant: tenant, actor: commandLineActor) { page in
                    try array.append(page)
                    written += page.count
                }
                try array.finish()
            case (.json, true):
                var array = try JSONArrayOutput(output)
                try await store.exportPublic(tenant: tenant, actor: commandLineActor) { page in
                    try array.append(page)
                    written += page.count
                }
                try array.finish()
            }
            try output.close()
            if let path = output.path {
                terminal.print("已导出 exported \(written) demand(s) 需求 to \(path)")
            } else {
                terminal.progress("已导出 exported \(written) demand(s) 需求")
            }
        }
    }
}
