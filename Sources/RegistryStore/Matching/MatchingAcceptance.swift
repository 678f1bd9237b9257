public import Registry

/// What accepting a run did (`govreg match accept`).
public struct MatchingAcceptance: Sendable, Hashable, Encodable {
    public var run: Int64
    /// Allocations accepted (turned into project allocations) and left out (`--only`).
    public var acceptedAllocations: Int
    public var declinedAllocations: Int
    /// Projects created (one per demand served), status planned.
    public var projects: [String]
    /// Each of them as created: what a dry run shows before anything is written.
    public var created: [AcceptedProject] = []
    /// True when nothing was written (`--dry-run`): the projects are what accepting would make.
    public var dryRun = false
    /// Demands moved accepted → in project.
    public var demands: Int
    /// What was drawn, per unit of measure.
    public var drawn: [MeasureUnit: Int64]
}

extension MatchingAcceptance {
    private enum CodingKeys: String, CodingKey {
        case run, acceptedAllocations, declinedAllocations, projects, created, dryRun, demands, drawn
    }

    /// `drawn` as `{"yuan": "5000.00", "volunteer_hours": "40"}`: each amount in its unit.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(run, forKey: .run)
        try c.encode(acceptedAllocations, forKey: .acceptedAllocations)
        try c.encode(declinedAllocations, forKey: .declinedAllocations)
        try c.encode(projects, forKey: .projects)
        try c.encode(created, forKey: .created)
        try c.encode(dryRun, forKey: .dryRun)
        try c.encode(demands, forKey: .demands)
        try c.encode(Dictionary(uniqueKeysWithValues: drawn.map { ($0.key.rawValue, $0.key.decimalText($0.value)) }), forKey: .drawn)
    }
}

/// A project an acceptance made (or would make).
public struct AcceptedProject: Sendable, Hashable, Codable {
    public var externalID: String
    public var title: String
    /// The responsible unit's name.
    public var unit: String
    /// What it serves of its demand, and what is left unmet.
    public var description: String
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
