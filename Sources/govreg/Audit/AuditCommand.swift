import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg audit`: who created or changed a record, when, and from which file and line; and
/// the district's imports (导入记录), each audited as one batch.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "审计 Who created or changed a demand, and the district's imports.",
        subcommands: [Demand.self, Imports.self])

    /// `govreg audit demand KEY --tenant T [--json]`.
    struct Demand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "一条需求的审计记录 Who created and changed one demand, when, from which file and line.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The demand: its external id (需求编号) or its number.") var id: String
        @Flag(help: "Print the entries as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await tenant.resolve(in: registry)
                let (entries, zone) = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    (try await AuditTrail.demand(try await DemandStore.id(of: id, in: tx), in: tx), tx.timeZone)
                }
                if json { try terminal.json(entries); return }
                let terminal = terminal.showingTimes(in: zone)
                guard !entries.isEmpty else {
                    terminal.print("（没有审计记录 no audit entries: the demand predates the audit log）")
                    return
                }
                terminal.table(
                    headers: ["时间 at", "经办 actor", "操作 action", "来源 from", "变更 changed"],
                    rows: entries.map { entry in
                        [terminal.moment(entry.at), entry.actor, entry.action.label, entry.source, entry.changed.joined(separator: ", ")]
                    })
            }
        }
    }

    /// `govreg audit imports --tenant T [--limit N] [--json]`.
    struct Imports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入记录 The district's imports, newest first: who loaded which file (SHA-256), when, and what it changed.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "How many to show.") var limit = 20
        @Flag(help: "Print the imports as JSON.") var json = false

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1 to 1000") }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenant = try await tenant.resolve(in: registry)
                let (batches, zone) = try await registry.withTenant(tenant, actor: commandLineActor, readOnly: true) { tx in
                    (try await ImportBatchStore.list(limit: limit, in: tx), tx.timeZone)
                }
                if json { try terminal.json(batches); return }
                let terminal = terminal.showingTimes(in: zone)
                guard !batches.isEmpty else {
                    terminal.print("（尚无导入 no imports yet）")
                    return
                }
                terminal.table(
                    headers: ["导入 import", "时间 at", "经办 actor", "清单 list", "文件 file", "SHA-256", "行 rows", "新增 new", "更新 updated"],
                    rows: batches.map { batch in
                        ["#\(batch.id)", terminal.moment(batch.at), batch.actor, batch.list, batch.origin.fileName ?? "—",
                         batch.origin.sha256.map { String($0.prefix(16)) + "…" } ?? "—", "\(batch.rows)", "\(batch.inserted)", "\(batch.updated)"]
                    })
            }
        }
    }
}

extension AuditEntry.Action {
    /// In both languages.
    var label: String {
        switch self {
        case .insert: "登记 created"
        case .imported: "导入 imported"
        case .update: "修改 changed"
        case .delete: "删除 deleted"
        }
    }
}

extension AuditEntry {
    /// The import and file line an entry came from, or a dash for a single write.
    var source: String {
        guard let importID else { return "—" }
        let file = origin?.fileName ?? "（无文件 no file）"
        return "导入 import #\(importID) \(file)" + (line.map { ":\($0)" } ?? "")
    }
}
