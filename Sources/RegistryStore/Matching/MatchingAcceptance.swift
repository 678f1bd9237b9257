public import Registry

/// What accepting a run did (`govreg match accept`).
public struct MatchingAcceptance: Sendable, Hashable, Codable {
    public var run: Int64
    /// Allocations accepted (turned into project allocations) and left out (`--only`).
    public var acceptedAllocations: Int
    public var declinedAllocations: Int
    /// Projects created (one per demand served), status planned.
    public var projects: [String]
    /// Demands moved accepted → in project.
    public var demands: Int
    /// What was drawn, per unit of measure.
    public var drawn: [MeasureUnit: Int64]
}

/// Why a run can no longer be accepted as it stands: the lists changed since it was made.
public struct MatchingConflict: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// One line per conflict, naming the demand or resource and what changed.
    public var conflicts: [String]

    public var description: String {
        "清单已变化，未接受任何分配 the lists changed since the run; nothing was accepted:\n"
            + conflicts.map { "  - " + $0 }.joined(separator: "\n")
    }
}
