import ArgumentParser
import Foundation
import GovregCommandLine
import ListMatching
import Registry
import RegistryStore

extension MatchCommand {
    /// `govreg match accept RUN [--only A…]`.
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a run into the project list: one planned project per demand served, in one transaction.",
            discussion: """
                Each accepted demand moves accepted → in_project (a public event) and each allocation is drawn from its \
                resource. If a demand or resource changed since the run (withdrawn, quantity or capacity lowered), \
                nothing is accepted and every conflict is listed: run the matching again. A run is accepted once.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The run's number, e.g. 3 or #3.") var run: String
        @Option(parsing: .upToNextOption, help: "Accept only these allocations (A12 or 12, as `match show` numbers them).") var only: [String] = []
        @Flag(help: "预览 List the projects it would make, with their units and what each serves; write nothing.") var dryRun = false
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let id = try MatchCommand.runNumber(run)
            let numbers = try only.map { text in
                guard let number = Int(text.hasPrefix("A") || text.hasPrefix("a") ? String(text.dropFirst()) : text), number > 0 else {
                    throw ValidationError("--only takes allocation numbers such as A12 or 12; got \(text)")
                }
                return number
            }
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await tenant.resolve(in: registry)
                let acceptance: MatchingAcceptance
                do {
                    acceptance = try await MatchingStore.accept(
                        id, only: numbers.isEmpty ? nil : numbers, dryRun: dryRun, on: registry, tenant: tenantID, actor: commandLineActor)
                } catch let conflict as MatchingConflict {
                    terminal.warn("\(conflict)")
                    throw ExitCode(1)
                }
                if json { try terminal.json(acceptance) } else { MatchCommand.printAcceptance(acceptance, on: terminal) }
            }
        }
    }

    static func printAcceptance(_ acceptance: MatchingAcceptance, on terminal: Terminal) {
        let drawn = acceptance.drawn.sorted { $0.key.rawValue < $1.key.rawValue }.map { $0.key.chineseText($0.value) }.joined(separator: ", ")
        let verb = acceptance.dryRun ? "预览，未写入 dry run, nothing written: would accept" : "已接受 accepted"
        terminal.print("""
            匹配运行 #\(acceptance.run) \(verb): \(acceptance.acceptedAllocations) allocations 分配\
            \(acceptance.declinedAllocations > 0 ? " (\(acceptance.declinedAllocations) left out 未接受)" : "") → \
            \(acceptance.projects.count) projects 项目 (planned 计划), \(acceptance.demands) demands 需求 in_project 已纳入项目; drawn 支取 \(drawn)
            """)
        if acceptance.dryRun {
            // The preview is the point of a dry run: every project, with its unit and share.
            terminal.table(headers: ["项目名称 title", "责任单位 unit", "说明 what it serves"],
                           rows: acceptance.created.map { [$0.title, $0.unit, $0.description] })
            return
        }
        let shown = acceptance.projects.prefix(10).joined(separator: ", ")
        terminal.print("项目 projects: \(shown)\(acceptance.projects.count > 10 ? ", …" : "")")
    }

    /// `govreg match revoke RUN --reason …`: an accepted run taken back whole.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "撤回 Take an accepted run back while none of its projects has started: each is cancelled with the reason, "
                + "its resources given back and its demands back on the list.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The run's number, e.g. 3 or #3.") var run: String
        @Option(help: "撤回理由 Why (kept on each cancelled project).") var reason: String

        func run() async throws {
            let id = try MatchCommand.runNumber(run)
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let cancelled = try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor) { tx in
                    try await MatchingStore.revoke(id, reason: reason, in: tx)
                }
                terminal.print("已撤回 revoked: 匹配运行 run #\(id); \(cancelled.count) 个项目已取消 projects cancelled: \(cancelled.joined(separator: ", "))")
            }
        }
    }

    /// `govreg match discard RUN` or `--older-than DAYS`: proposed runs nobody will accept.
    struct Discard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "舍弃 Discard a proposed run that will not be accepted, or every proposed run older than some days; they stay on record.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Argument(help: "The run's number, e.g. 3 or #3.") var run: String?
        @Option(help: "Discard every proposed run recorded more than this many days ago.") var olderThan: Int?

        func validate() throws {
            guard (run == nil) != (olderThan == nil) else { throw ValidationError("give a run number or --older-than DAYS 须指定运行编号或 --older-than") }
            if let olderThan, olderThan < 0 { throw ValidationError("--older-than must be 0 or more days") }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                try await registry.withTenant(try await tenant.resolve(in: registry), actor: commandLineActor) { tx in
                    if let run {
                        let id = try MatchCommand.runNumber(run)
                        _ = try await MatchingStore.discard(id, in: tx)
                        terminal.print("已舍弃 discarded: 匹配运行 run #\(id)")
                    } else if let olderThan {
                        let ids = try await MatchingStore.discardProposed(before: Date().addingTimeInterval(-Double(olderThan) * 86_400), in: tx)
                        terminal.print("已舍弃 discarded \(ids.count) run(s)" + (ids.isEmpty ? "" : ": " + ids.map { "#\($0)" }.joined(separator: ", ")))
                    }
                }
            }
        }
    }

    /// `govreg match weights`: show or set the tenant's cost weights.
    struct Weights: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the tenant's matching weights, or set them from a JSON file (--set) or back to the defaults (--reset).",
            discussion: #"Example file: {"distance": {"grid": 0, "community": 10, "street": 30, "district": 60}, "contract_bonus": 20, "unit_cost_per_yuan": 1}"#)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @OptionGroup var tenant: TenantOption
        @Option(help: "A JSON file of weights; fields left out keep their defaults.") var set: String?
        @Flag(help: "Back to the defaults.") var reset = false
        @Flag(help: "Print the weights as JSON.") var json = false

        func validate() throws {
            if set != nil && reset { throw ValidationError("--set and --reset exclude each other") }
        }

        func run() async throws {
            let weights = try set.map(MatchCommand.readWeights)
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await tenant.resolve(in: registry)
                if weights != nil || reset { try await registry.withTenant(tenantID, actor: commandLineActor) { tx in try await MatchingStore.setWeights(weights, in: tx) } }
                let current = try await registry.withTenant(tenantID, actor: commandLineActor, readOnly: true) { tx in try await MatchingStore.weights(in: tx) }
                if json { return try terminal.json(current) }
                terminal.table(
                    headers: ["项 term", "权重 points per unit"],
                    rows: [
                        ["distance: same grid 同网格", String(current.distance.grid)],
                        ["distance: same community 同社区", String(current.distance.community)],
                        ["distance: same street 同街道", String(current.distance.street)],
                        ["distance: district-wide 全县", String(current.distance.district)],
                        ["contract bonus 包联加分 (subtracted)", String(current.contractBonus)],
                        ["unit cost 单位成本 per yuan", String(current.unitCostPerYuan)],
                    ])
            }
        }
    }
}
