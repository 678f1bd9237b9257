import ArgumentParser
import GovregCommandLine
import Postgres
import Registry
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export demands --tenant T [--format csv|xlsx|json] [--public] [--header en|zh] [--out FILE]`.
    ///
    /// Demands are the long list, so they stream a page at a time rather than going
    /// through ``ExportCommand/exportList(_:from:csv:publicCSV:list:publicList:)``.
    struct Demands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出需求清单 Export demands.")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            let terminal = Terminal()
            try await options.database.withRegistry(terminal: terminal, migrations: options.migrations) { registry in
                let tenant = try await options.tenant.resolve(in: registry)
                let chinese = options.header == .zh
                let list = "demand(s) 需求"
                if options.public {
                    let file = PublicDemandExportFile(chinese: chinese)
                    let sheet = (header: file.headerNames, columns: PublicDemandExportFile.englishHeader, cells: file.cells)
                    try await ExportCommand.writePages(options, header: file.header, csv: file.rows, sheet: sheet, list: list, on: terminal) { page in
                        try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true, isolation: .repeatableRead) { tx in
                            try await DemandStore.exportPublic(in: tx, page)
                        }
                    }
                } else {
                    let file = DemandExportFile(chinese: chinese, channels: registry.modules.sourceChannels)
                    let sheet = (header: file.headerNames, columns: DemandExportFile.englishHeader, cells: file.cells)
                    try await ExportCommand.writePages(options, header: file.header, csv: file.rows, sheet: sheet, list: list, on: terminal) { page in
                        try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true, isolation: .repeatableRead) { tx in
                            try await DemandStore.export(in: tx, page)
                        }
                    }
                }
            }
        }
    }
}
