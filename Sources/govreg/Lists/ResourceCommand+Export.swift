import ArgumentParser
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export resources --tenant T [--format csv|xlsx|json] [--public] [--header en|zh] [--out FILE]`.
    struct Resources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出资源清单 Export resources (--public: the disclosed list, what was pledged and what remains).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(
                options, from: ResourceStore.self, csv: ResourceFile.csv, publicCSV: ResourceFile.publicCSV,
                list: "资源 resource(s)")
        }
    }
}
