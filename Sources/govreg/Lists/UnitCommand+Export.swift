import ArgumentParser
import RegistryImport
import RegistryStore

extension ExportCommand {
    /// `govreg export units --tenant T [--format csv|xlsx|json] [--public] [--header en|zh] [--out FILE]`.
    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出双报到单位 Export registered units (--public: no contact person or phone).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(
                options, from: UnitStore.self, csv: UnitFile.csv, publicCSV: UnitFile.publicCSV, list: "单位 unit(s)")
        }
    }

    /// `govreg export members …`: personal data in full for the district's own use; with
    /// `--public`, only how many members each unit registered at each community.
    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出双报到成员 Export members (personal data in full; --public: counts per unit and community only).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(
                options, from: MemberStore.self, csv: MemberFile.csv, publicCSV: MemberFile.publicCSV,
                list: "成员 member(s)", publicList: "成员统计 member count(s)")
        }
    }
}
