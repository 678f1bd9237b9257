import ArgumentParser
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export projects --tenant T [--format csv|xlsx|json] [--public] [--header en|zh] [--out FILE]`.
    struct Projects: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出项目清单 Export projects (--public: the disclosed list, no internal notes).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(
                options, from: ProjectStore.self, csv: ProjectFile.csv, publicCSV: ProjectFile.publicCSV,
                list: "项目 project(s)")
        }
    }
}
