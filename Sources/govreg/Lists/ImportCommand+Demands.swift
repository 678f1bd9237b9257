import ArgumentParser
import Foundation
import GovregCommandLine
import ImportIssues
import Registry
import RegistryImport
import RegistryStore

extension ImportCommand {
    /// `govreg import demands FILE --tenant T [--dry-run] [--json]`: the demand list (需求清单).
    struct Demands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入需求清单 Import demands.",
            discussion: """
                Columns (English or Chinese): external_id 需求编号, title 需求名称, description 需求描述, category 类别, \
                org_code 所在组织编码, source_channel 来源渠道, quantity 数量, measure_unit 计量单位, priority 优先级, \
                beneficiaries 受益人数, due_on 期限, state 状态, filed_on 提出日期, is_public 是否公示, published_on 公示日期. \
                New demands start in the file's state (accepted when blank); stored demands keep theirs.
                """)
        @OptionGroup var options: ImportOptions

        func run() async throws {
            let terminal = Terminal()
            let source = try options.source()
            let data = source.data
            var file = DemandFile(source: source, fileName: options.file, channels: try ShippedModules.catalogue().sourceChannels)
            let format = source.sheetName.map { "sheet \($0)" } ?? "\(file.encoding)"
            terminal.progress("读取 read \(file.recordCount) rows (\(format)) from \(options.file)")
            try await options.database.withRegistry(terminal: terminal, migrations: options.migrations) { registry in
                let tenant = try await options.tenant.resolve(in: registry)
                try await ImportReport.run(options, list: "需求 demands", ignored: DemandFile.header.ignoredNames(in: data), on: terminal) {
                    do {
                        return try await DemandStore.importRows(
                            &file, on: registry, tenant: tenant, actor: commandLineActor, dryRun: options.dryRun
                        ) { step in
                            switch step {
                            case .staged(let count, let total): terminal.progress("已检查 checked \(count) / \(total) rows", updating: true)
                            case .resolving: terminal.progress("核对类别和组织编码 resolving categories and org codes …")
                            case .writing: terminal.progress(options.dryRun ? "计数 counting what would change …" : "写入 writing …")
                            }
                        }
                    } catch let rejected as ImportRejected {
                        // A workbook's problems are named by their cells too (需求!C17).
                        throw source.placed(rejected)
                    }
                }
            }
        }
    }
}
