import ArgumentParser
import Distribution
import GovregCommandLine
import Postgres

extension DatabaseCommand {
    /// `govreg db distribute`: govreg's tables placed on a Citus cluster by tenant_id.
    struct Distribute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Distribute the schema on a Citus coordinator by tenant_id (idempotent).",
            discussion: """
                Tables with a NOT NULL tenant_id are distributed by it, co-located with tenant; shared catalogues become reference \
                tables; tables whose tenant_id may be NULL (the accounts), those pointing at them and the migration history stay \
                on the coordinator. Each table is placed in its own transaction; a second run changes nothing. After this, \
                `govreg db migrate` places a new table by the same plan. Needs a Citus coordinator with its workers added.
                """)
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print the plan (where each table goes and why) and change nothing.")
        var dryRun = false
        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            let terminal = Terminal()
            let report: DistributionReport
            let status: DistributionStatus?
            do {
                (report, status) = try await Connection.with(try database.connectionConfiguration(terminal: terminal)) { connection in
                    let report = try await Distributor(connection: connection, progress: { terminal.progress("分布 \($0)") }).distribute(dryRun: dryRun)
                    return (report, dryRun ? nil : try await DistributionStatus.read(connection))
                }
            } catch let error as DistributionError {
                terminal.warn("Error: \(error)")
                throw ExitCode(2)
            }
            if json {
                try terminal.json(DistributeJSON(report, status: status))
                return
            }
            if dryRun {
                terminal.table(
                    headers: ["表 table", "位置 placement", "按 by", "同置 with", "原因 reason"],
                    rows: report.steps.map { [$0.placement.table, Self.label($0), $0.placement.column ?? "", $0.placement.colocateWith ?? "", $0.placement.reason] })
                terminal.print("")
            }
            for key in report.plan.unenforceableKeys {
                terminal.warn("warning: \(key.table).\(key.constraint) → \(key.references) (\(key.referencedPlacement.rawValue)): Citus keeps this key on the coordinator's empty shell table, so inserts into \(key.table) fail; the schema must change (see the README)")
            }
            for step in report.differing {
                terminal.warn("warning: \(step.placement.table) is already a \(Self.label(step)) table, the plan says \(step.placement.placement.rawValue): left as it is")
            }
            let plan = report.plan
            let counts = "\(plan.count(.distributed)) distributed, \(plan.count(.reference)) reference, \(plan.count(.local)) local"
            if dryRun {
                terminal.print("分布 distribute (dry run 试运行): \(counts); \(report.changed.count) tables to place, nothing changed.")
            } else {
                terminal.print("分布 distribute: \(report.changed.count) tables placed 已分布, \(report.steps.count - report.changed.count) unchanged.")
                if let status { terminal.print("数据库 database: \(status.summary)") }
            }
        }

        static func label(_ step: DistributionReport.Step) -> String {
            if case .differs(let current) = step.action { return "\(current.rawValue) (plan: \(step.placement.placement.rawValue))" }
            return step.placement.placement.rawValue
        }
    }
}

/// `db distribute --json`: `{"dry_run": false, "tables": [{"table": …, "placement": …, "column": …,
/// "colocate_with": …, "reason": …, "action": "placed"}], "unenforceable_keys": […], "status": {…}}`.
private struct DistributeJSON: Encodable {
    var dryRun: Bool
    var tables: [Table]
    var unenforceableKeys: [UnenforceableKey]
    var status: DistributionStatus?

    struct Table: Encodable {
        var table: String
        var placement: String
        var column: String?
        var colocateWith: String?
        var reason: String
        var action: String
        var current: String?
    }

    init(_ report: DistributionReport, status: DistributionStatus?) {
        dryRun = report.dryRun
        unenforceableKeys = report.plan.unenforceableKeys
        self.status = status
        tables = report.steps.map { step in
            let (action, current): (String, String?) = switch step.action {
            case .placed: (report.dryRun ? "to_place" : "placed", nil)
            case .unchanged: ("unchanged", nil)
            case .differs(let other): ("differs", other.rawValue)
            }
            return Table(table: step.placement.table, placement: step.placement.placement.rawValue, column: step.placement.column,
                         colocateWith: step.placement.colocateWith, reason: step.placement.reason, action: action, current: current)
        }
    }
}
