import ArgumentParser
import RegistryImport
import RegistryStore

extension ImportCommand {
    /// `govreg import projects FILE --tenant T [--dry-run] [--json]`: the project list (项目清单).
    struct Projects: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入项目清单 Import projects (after their units, demands and resources).",
            discussion: """
                Columns (English or Chinese): external_id 项目编号, title 项目名称, description 项目描述, \
                responsible_unit 责任单位编号, demands 对应需求编号, allocations 资源分配 \
                (RESOURCE_ID:QUANTITY;…), budget 预算, starts_on 开始日期, due_on 完成时限, status 状态, \
                progress_percent 进度, is_public 是否公示, published_on 公示日期, rating 居民评分, rating_comment 评价意见, \
                completed_on 完工日期, checked_on 验收日期, cancel_reason 取消原因. A new project draws its allocations and \
                takes its demands along (in project, or resolved once completed). For a stored project a later status on \
                the main path runs those steps, a higher progress is reported, and cancelled with a cancel reason cancels \
                it; its demands and allocations cannot change through a file.
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportReport.importList(options, into: ProjectStore.self, header: ProjectFile.header, read: { ProjectFile.read($0) }, list: "项目 projects")
        }
    }
}
