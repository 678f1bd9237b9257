import ArgumentParser
import RegistryImport
import RegistryStore

extension ImportCommand {
    /// `govreg import resources FILE --tenant T [--dry-run] [--json]`: the resource list (资源清单).
    struct Resources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入资源清单 Import resources.",
            discussion: """
                Columns (English or Chinese): external_id 资源编号, unit 单位编号, title 资源名称, description 资源描述, \
                category 类别, kind 资源类型, capacity 数量, measure_unit 计量单位, unit_cost 单价, service_area 服务范围, \
                available_from 开始日期, available_until 结束日期, status 状态, is_public 是否公示, published_on 公示日期. \
                A new resource's capacity is its first pledge. The ledger is never rewritten: a larger capacity on re-import \
                is pledged on top, a smaller one is refused (withdraw the resource instead).
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            try await ImportReport.importList(options, into: ResourceStore.self, header: ResourceFile.header, read: { ResourceFile.read($0) }, list: "资源 resources")
        }
    }
}
