import ArgumentParser
import RegistryImport
import RegistryStore

extension ImportCommand {
    /// `govreg import milestones FILE --tenant T [--dry-run] [--json]`: the projects' milestones.
    struct Milestones: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入项目里程碑 Import project milestones (after the projects).",
            discussion: """
                Columns (English or Chinese): project_external_id 项目编号, title 里程碑名称, due_on 计划日期, \
                done_on 完成日期. Matched by project and title: a stored milestone takes the file's days (a blank \
                done_on never un-reaches it).
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportReport.importList(
                options, into: MilestoneStore.self, header: MilestoneFile.header, read: { MilestoneFile.read($0) }, list: "里程碑 milestones")
        }
    }

    /// `govreg import progress FILE --tenant T [--dry-run] [--json]`: the projects' progress reports.
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入进度报告 Import project progress reports (after the projects).",
            discussion: """
                Columns (English or Chinese): project_external_id 项目编号, reported_on 汇报日期, percent 进度, \
                note 进展情况, attachments 附件 (http(s) links separated by ;). Matched by project, day and \
                percentage. A project's history must never go back, and a planned project has none. The report a \
                project file wrote for its percentage (note 导入 import) is replaced by the filed history that reaches it.
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportReport.importList(
                options, into: ProgressReportStore.self, header: ProgressReportFile.header, read: { ProgressReportFile.read($0) },
                list: "进度报告 progress reports")
        }
    }
}

extension ExportCommand {
    /// `govreg export milestones --tenant T [--format csv|json] [--public] [--header en|zh] [--out FILE]`.
    struct Milestones: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出项目里程碑 Export project milestones (--public: those of disclosed projects).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(
                options, from: MilestoneStore.self, csv: MilestoneFile.csv, publicCSV: MilestoneFile.publicCSV, list: "里程碑 milestone(s)")
        }
    }

    /// `govreg export progress --tenant T [--format csv|json] [--public] [--header en|zh] [--out FILE]`.
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出进度报告 Export project progress reports (--public: day and percentage of disclosed projects).")
        @OptionGroup var options: ExportOptions

        func run() async throws {
            try await ExportCommand.exportList(
                options, from: ProgressReportStore.self, csv: ProgressReportFile.csv, publicCSV: ProgressReportFile.publicCSV,
                list: "进度报告 progress report(s)")
        }
    }
}
