import ArgumentParser
import Foundation
import RegistryImport
import RegistryStore

extension ImportCommand {
    /// `govreg import resources FILE --tenant T [--dry-run] [--json]`: the resource list (资源清单).
    struct Resources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入资源清单 Import resources.",
            discussion: """
                Columns (English or Chinese): external_id 资源编号, unit_external_id 单位编号, title 资源名称, description 资源描述, \
                category 类别, kind 资源类型, capacity 数量, measure_unit 计量单位, unit_cost 单价, service_area 服务范围, \
                available_from 开始日期, available_until 结束日期, status 状态, is_public 是否公示, published_on 公示日期. \
                A new resource's capacity is its first pledge. The ledger is never rewritten: a larger capacity on re-import \
                is pledged on top, a smaller one is refused (withdraw the resource instead).
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            let terminal = Terminal()
            let (rows, issues) = ResourceFile.read(try options.contents())
            let registry = try await options.database.registry(terminal: terminal, migrations: options.migrations)
            defer { Task { await registry.close() } }
            let tenant = try await options.tenant.resolve(in: registry)
            try await ImportReport.run(options, list: "资源 resources", on: terminal) {
                try await ResourceStore(database: registry).importRows(rows, issues: issues, tenant: tenant, actor: commandLineActor, dryRun: options.dryRun)
            }
        }
    }
}
