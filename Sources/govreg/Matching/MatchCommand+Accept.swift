import ArgumentParser
import Foundation
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
                        id, only: numbers.isEmpty ? nil : numbers, on: registry, tenant: tenantID, actor: commandLineActor)
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
        terminal.print("""
            匹配运行 #\(acceptance.run) 已接受 accepted: \(acceptance.acceptedAllocations) allocations 分配\
            \(acceptance.declinedAllocations > 0 ? " (\(acceptance.declinedAllocations) left out 未接受)" : "") → \
            \(acceptance.projects.count) projects 项目 (planned 计划), \(acceptance.demands) demands 需求 in_project 已纳入项目; drawn 支取 \(drawn)
            """)
        let shown = acceptance.projects.prefix(10).joined(separator: ", ")
        terminal.print("项目 projects: \(shown)\(acceptance.projects.count > 10 ? ", …" : "")")
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
