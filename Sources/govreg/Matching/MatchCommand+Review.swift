import ArgumentParser
import Foundation
import GovregCommandLine
import Matching
import Registry
import RegistryStore

extension MatchCommand {
    /// `govreg match list`: the tenant's runs.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's matching runs, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "How many runs.") var limit = 20
        @Flag(help: "Print the runs as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let (runs, zone) = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in
                    (try await MatchingStore.runs(limit: limit, in: tx), tx.timeZone)
                }
                if json { return try terminal.json(runs) }
                let terminal = terminal.showingTimes(in: zone)
                terminal.table(
                    headers: ["运行 run", "状态 status", "类别 category", "需求 demands", "已分配 served", "分配 allocations", "S", "C", "时间 created"],
                    rows: runs.map { run in
                        ["#\(run.id ?? 0)", MatchCommand.statusLabel(run.status), run.category ?? "(all)", String(run.demands), String(run.demandsServed),
                         String(run.allocations), String(run.weightedSatisfaction), String(run.cost),
                         run.createdAt.map(terminal.moment) ?? ""]
                    })
            }
        }
    }

    /// A run's status in both languages, the same in every table.
    static func statusLabel(_ status: String) -> String {
        switch status {
        case "proposed": "待审核 proposed"
        case "accepted": "已接受 accepted"
        case "discarded": "已舍弃 discarded"
        case "revoked": "已撤回 revoked"
        default: status
        }
    }

    /// `govreg match show RUN`: a run, its allocations and why.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a run: each demand served with its allocations and explanation, the unserved, summaries by community and by unit.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The run's number, e.g. 3 or #3.") var run: String
        @Option(help: "How many served demands to list.") var limit = 20
        @Option(help: "How many unserved demands to list (most urgent first).") var unserved = 10
        @Option(help: "How many units to list in the summary by unit (most allocations first).") var units = 20
        @Flag(help: "Print the run as JSON.") var json = false

        func run() async throws {
            let id = try MatchCommand.runNumber(run)
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let detail = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await MatchingStore.show(
                    id, limit: max(0, limit), unservedLimit: max(0, unserved),
                    unitLimit: max(0, units), in: tx) }
                if json { try terminal.json(detail) } else { MatchCommand.printDetail(detail, again: tenant.againArgument, on: terminal) }
            }
        }
    }

    /// `govreg match diff RUN1 RUN2`.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare two runs: input, weights, figures, and the allocations that differ.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The first run.") var first: String
        @Argument(help: "The second run.") var second: String
        @Option(help: "How many differing allocations to list.") var limit = 50
        @Flag(help: "Print the comparison as JSON.") var json = false

        func run() async throws {
            let (a, b) = (try MatchCommand.runNumber(first), try MatchCommand.runNumber(second))
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let diff = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor, readOnly: true) { tx in try await MatchingStore.diff(a, b, limit: max(0, limit), in: tx) }
                if json { return try terminal.json(diff) }
                terminal.print("#\(a) → #\(b): input 输入 \(diff.sameInput ? "same 相同" : "changed 已变化"), weights 权重 \(diff.sameWeights ? "same 相同" : "changed 已变化")")
                terminal.print("S \(diff.first.weightedSatisfaction) → \(diff.second.weightedSatisfaction), C \(diff.first.cost) → \(diff.second.cost), demands served \(diff.first.demandsServed) → \(diff.second.demandsServed)")
                terminal.print("allocations 分配: \(diff.unchanged) unchanged 未变, \(diff.added) added 新增, \(diff.removed) removed 取消, \(diff.changed) changed 数量变化")
                guard !diff.changes.isEmpty else { return }
                terminal.table(
                    headers: ["需求 demand", "资源 resource", "#\(a)", "#\(b)"],
                    rows: diff.changes.map { change in
                        [change.demand, change.resource, change.first.map(change.measureUnit.chineseText) ?? "—",
                         change.second.map(change.measureUnit.chineseText) ?? "—"]
                    })
            }
        }
    }

    /// `3` or `#3`.
    static func runNumber(_ text: String) throws -> Int64 {
        guard let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw ValidationError("a run is a number, e.g. 3 or #3; got \(text)")
        }
        return id
    }
}
