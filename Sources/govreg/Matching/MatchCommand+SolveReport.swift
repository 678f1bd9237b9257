import Foundation
import GovregCommandLine
import Matching

extension MatchCommand {
    /// What `govreg match solve` reports: sizes, objective, times, memory.
    struct SolveReport: Encodable {
        var instance: String
        var demands: Int
        var resources: Int
        var arcs: Int
        var categories: Int
        var quantity: Int64
        var capacity: Int64
        var satisfied: Int64
        var S: Int64
        var C: Int64
        var allocations: Int
        var pivots: Int
        var tieBreakPivots: Int
        var threads: Int
        var readSeconds: Double
        var solveSeconds: Double
        var writeSeconds: Double
        /// The engine's phases, summed over categories (CPU time when categories run in parallel).
        var canonicalizeSeconds: Double
        var simplexSeconds: Double
        var resultSeconds: Double
        var totalSeconds: Double
        var peakMemoryBytes: Int

        init(kit: KitInstance, solution: Solution, threads: Int, readSeconds: Double, solveSeconds: Double,
             writeSeconds: Double, totalSeconds: Double, peakMemoryBytes: Int) {
            let summary = solution.summary, statistics = solution.statistics
            instance = ""   // set by the caller
            demands = kit.demands
            resources = kit.resources
            arcs = kit.arcs
            categories = solution.categories.count
            quantity = summary.requestedQuantity
            capacity = summary.capacity
            satisfied = summary.satisfiedQuantity
            S = summary.weightedSatisfaction
            C = summary.cost
            allocations = summary.assignments
            pivots = statistics.pivots
            tieBreakPivots = statistics.tieBreakPivots
            self.threads = threads
            self.readSeconds = readSeconds
            self.solveSeconds = solveSeconds
            self.writeSeconds = writeSeconds
            let timings = solution.categories.compactMap(\.timings)
            canonicalizeSeconds = timings.reduce(0) { $0 + MatchCommand.seconds($1.canonicalize) }
            simplexSeconds = timings.reduce(0) { $0 + MatchCommand.seconds($1.solve) }
            resultSeconds = timings.reduce(0) { $0 + MatchCommand.seconds($1.explain) }
            self.totalSeconds = totalSeconds
            self.peakMemoryBytes = peakMemoryBytes
        }

        func print(on terminal: Terminal) {
            func s(_ value: Double) -> String { String(format: "%.3f s", value) }
            terminal.print("规模 size       \(demands) demands, \(resources) resources, \(arcs) arcs, \(categories) categories")
            terminal.print("需求 quantity   \(quantity) requested, \(capacity) offered, \(satisfied) allocated in \(allocations) allocations")
            terminal.print("目标 objective  S = \(S) (priority × quantity, maximised), then C = \(C) (cost, minimised)")
            terminal.print("求解 solver     network simplex, \(pivots) pivots (+\(tieBreakPivots) tie-break), \(threads) threads")
            terminal.print("用时 time       solve \(s(solveSeconds)), read \(s(readSeconds)), write \(s(writeSeconds)), total \(s(totalSeconds))")
            terminal.print("  solve phases  canonical order \(s(canonicalizeSeconds)), simplex \(s(simplexSeconds)), allocations and explanations \(s(resultSeconds)) (summed over categories)")
            terminal.print("内存 memory     peak \(peakMemoryBytes / (1 << 20)) MiB")
        }
    }
}
