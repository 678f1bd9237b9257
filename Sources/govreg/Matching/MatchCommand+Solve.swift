import ArgumentParser
import Foundation
import GovregCommandLine
import Matching

extension MatchCommand {
    /// `govreg match solve`: the engine on a benchmark-kit instance, no database.
    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solve a benchmark-kit instance (demands.csv, resources.csv, arcs.csv) and write allocations.csv.",
            discussion: """
                Maximises the priority-weighted satisfied quantity, then minimises cost (see README, "Matching"). \
                Prints sizes, S, C, the solve time (the engine alone), the total time (reading and writing included) \
                and the peak memory. Progress goes to stderr when it is a terminal.
                """)
        @Option(help: "The instance directory.") var instance: String
        @Option(help: "Where to write the allocations (resource_id,demand_id,quantity).") var out: String
        @Option(help: "Categories solved at once (default: one per core).") var threads: Int?
        @Option(help: "Also write every demand's explanation to this text file.") var explain: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() async throws {
            let clock = ContinuousClock(), start = clock.now, terminal = Terminal()
            terminal.progress("reading \(instance) …")
            let kit: KitInstance
            do {
                kit = try KitInstance(directory: URL(filePath: instance, directoryHint: .isDirectory))
            } catch let error as KitFileError {
                throw ValidationError("\(instance)/\(error)")
            }
            let read = clock.now
            let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
            terminal.progress("solving \(kit.problem.categories.count) categories on \(threadCount) threads …")
            let solution: Solution
            do {
                solution = try Solver.solve(kit.problem, options: .init(threads: threadCount, explain: explain != nil, clock: clock))
            } catch let error as MatchingError {
                throw ValidationError("\(error)")
            }
            let solved = clock.now
            terminal.progress("writing \(out) …")
            try Self.allocationsCSV(solution).write(to: URL(filePath: out))
            if let explain {
                try Self.writeExplanations(solution, to: explain)
            }
            let end = clock.now
            var report = SolveReport(
                kit: kit, solution: solution, threads: threadCount, readSeconds: MatchCommand.seconds(read - start),
                solveSeconds: MatchCommand.seconds(solved - read), writeSeconds: MatchCommand.seconds(end - solved),
                totalSeconds: MatchCommand.seconds(end - start), peakMemoryBytes: Self.peakMemoryBytes())
            report.instance = instance
            if json { try terminal.json(report) } else { report.print(on: terminal) }
        }

        /// The kit's allocations.csv: one row per arc used, in the solution's order.
        static func allocationsCSV(_ solution: Solution) -> Data {
            var bytes = [UInt8]()
            bytes.reserveCapacity(32 * solution.summary.assignments + 64)
            bytes.append(contentsOf: "resource_id,demand_id,quantity\n".utf8)
            for category in solution.categories {
                for assignment in category.assignments {
                    bytes.append(contentsOf: assignment.resource.description.utf8)
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(contentsOf: assignment.demand.description.utf8)
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(contentsOf: String(assignment.quantity).utf8)
                    bytes.append(UInt8(ascii: "\n"))
                }
            }
            return Data(bytes)
        }

        /// Writes every demand's allocations and explanation, category by category, in
        /// chunks (the large instance's explanations run to tens of megabytes).
        static func writeExplanations(_ solution: Solution, to path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ValidationError("cannot create \(path)")
            }
            let file = try FileHandle(forWritingTo: URL(filePath: path))
            defer { try? file.close() }
            var bytes = [UInt8]()
            bytes.reserveCapacity(1 << 20)
            func line(_ text: String, indent: Bool = false) throws {
                if indent { bytes.append(contentsOf: "  ".utf8) }
                bytes.append(contentsOf: text.utf8)
                bytes.append(UInt8(ascii: "\n"))
                if bytes.count >= 1 << 20 {
                    try file.write(contentsOf: bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            for category in solution.categories {
                try line("== \(category.category)")
                var next = category.assignments.startIndex
                for outcome in category.outcomes {
                    try line(outcome.headline)
                    // Assignments are ordered by demand, like the outcomes.
                    while next < category.assignments.endIndex && category.assignments[next].demand == outcome.demand {
                        try line("allocated 分配: \(category.assignments[next])", indent: true)
                        next += 1
                    }
                    for reason in outcome.reasons { try line(reason, indent: true) }
                }
            }
            try file.write(contentsOf: bytes)
        }

        /// The process's peak resident memory (`getrusage`'s `ru_maxrss`).
        static func peakMemoryBytes() -> Int {
            var usage = rusage()
            #if os(Linux)
                getrusage(RUSAGE_SELF.rawValue, &usage)
                return usage.ru_maxrss * 1024   // kibibytes on Linux
            #else
                getrusage(RUSAGE_SELF, &usage)
                return usage.ru_maxrss          // bytes on macOS
            #endif
        }
    }
}

extension MatchCommand {
    /// A duration in seconds, as a `Double`.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
