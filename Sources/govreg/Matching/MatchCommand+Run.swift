import ArgumentParser
import Foundation
import GovregCommandLine
import ListMatching
import Matching
import RegistryStore

extension MatchCommand {
    /// `govreg match run`: match a tenant's accepted demands with its available resources.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match the accepted demands with the available resources and record the run for review.",
            discussion: """
                Nothing in the lists changes until the run is accepted (`govreg match accept RUN`). \
                --weights FILE overrides the tenant's weights for this run (see `govreg match weights`).
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "Only this category (code, 中文名 or English name).") var category: String?
        @Option(help: "A JSON file of weights for this run, e.g. {\"contract_bonus\": 40}.") var weights: String?
        @Flag(help: "Solve and report, but record nothing.") var dryRun = false
        @Option(help: "Categories solved at once (default: one per core).") var threads: Int?
        @Flag(help: "Print the run as JSON.") var json = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() async throws {
            let request = MatchingRequest(category: category, weights: try weights.map(MatchCommand.readWeights), dryRun: dryRun, threads: threads)
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await tenant.resolve(in: registry)
                terminal.progress("匹配中 matching: loading the lists, solving, recording …")
                let record = try await MatchingStore.run(request, on: registry, tenant: tenantID, actor: commandLineActor)
                if json { try terminal.json(record) } else { MatchCommand.printRun(record, again: tenant.againArgument, on: terminal) }
            }
        }
    }

    /// Reads a weights file, or says what is wrong with it.
    static func readWeights(_ path: String) throws -> MatchingWeights {
        let data: Data
        do { data = try Data(contentsOf: URL(filePath: path)) } catch { throw ValidationError("--weights: cannot read \(path)") }
        do { return try MatchingWeights(json: data) } catch { throw ValidationError("--weights \(path): \(error)") }
    }

    /// A run's header: what it read, what it found, how long it took.
    ///
    /// - Parameter again: What the suggested next commands add to name the district (see
    ///   ``TenantOption/againArgument``).
    static func printRun(_ run: MatchingRunRecord, again: String = "", on terminal: Terminal) {
        let title = run.id.map { "匹配运行 matching run #\($0)" } ?? "试运行 dry run (not recorded 未记录)"
        terminal.print("\(title) — \(MatchCommand.statusLabel(run.status))\(run.category.map { ", category \($0)" } ?? "")")
        terminal.print("输入 input: \(run.demands) demands 需求, \(run.resources) resources 资源, \(run.arcs) eligible pairs 可匹配对; fingerprint \(run.fingerprint.prefix(16))…")
        terminal.print("结果 result: \(run.allocations) allocations 分配; demands served 已分配 \(run.demandsServed) (in full 满足 \(run.demandsFilled)), not served 未分配 \(run.demands - run.demandsServed)")
        terminal.print("目标 objective: S (priority-weighted quantity 加权满足量) = \(run.weightedSatisfaction), C (cost 成本) = \(run.cost)")
        terminal.print(String(format: "用时 time: load %.3f s, network %.3f s, solve %.3f s, record %.3f s, total %.3f s; %d pivots",
                              run.timings.load, run.timings.network, run.timings.solve, run.timings.record, run.timings.total,
                              run.statistics.pivots))
        terminal.print("权重 weights: \(run.weights.json)")
        if let id = run.id, run.status != "accepted" {
            terminal.print("下一步 next: govreg match show \(id)\(again), then govreg match accept \(id)\(again)")
        }
    }
}
