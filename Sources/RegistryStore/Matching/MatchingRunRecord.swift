public import Foundation
public import ListMatching
public import Matching

/// What `govreg match run` asks for.
public struct MatchingRequest: Sendable, Hashable {
    /// Only this category (code or name), or all.
    public var category: String?
    /// These weights instead of the tenant's stored ones (or the defaults).
    public var weights: MatchingWeights?
    /// Solve and report, but record nothing.
    public var dryRun: Bool
    /// Categories solved at once; `nil` for one per core.
    public var threads: Int?

    public init(category: String? = nil, weights: MatchingWeights? = nil, dryRun: Bool = false, threads: Int? = nil) {
        self.category = category
        self.weights = weights
        self.dryRun = dryRun
        self.threads = threads
    }
}

/// A recorded matching run (匹配运行): its parameters, input fingerprint and figures.
public struct MatchingRunRecord: Sendable, Hashable, Codable {
    /// The run's number in the tenant; `nil` for a dry run, which is not recorded.
    public var id: Int64?
    /// The category it was limited to, if any.
    public var category: String?
    public var weights: MatchingWeights
    /// SHA-256 of the engine's canonical input.
    public var fingerprint: String
    /// `proposed` until accepted, then `accepted`.
    public var status: String
    public var demands: Int
    public var resources: Int
    public var arcs: Int
    public var allocations: Int
    /// Demands that got something, and those that got all they asked for.
    public var demandsServed: Int
    public var demandsFilled: Int
    /// S = Σ priority × quantity allocated.
    public var weightedSatisfaction: Int64
    /// C = Σ unit cost × quantity allocated.
    public var cost: Int64
    public var statistics: SolverStatistics
    public var timings: MatchingTimings
    public var actor: String
    public var createdAt: Date?
    public var acceptedBy: String?
    public var acceptedAt: Date?
}

/// How long a run's phases took, in seconds (not part of its result).
public struct MatchingTimings: Sendable, Hashable, Codable {
    /// Reading the lists from the database.
    public var load: Double
    /// Building the network (eligibility, cost terms) and its fingerprint.
    public var network: Double
    /// The engine: solving every category and explaining every demand.
    public var solve: Double
    /// Writing the run, its allocations and explanations.
    public var record: Double

    public init(load: Double, network: Double, solve: Double, record: Double) {
        self.load = load
        self.network = network
        self.solve = solve
        self.record = record
    }

    /// The four together.
    public var total: Double { load + network + solve + record }
}
