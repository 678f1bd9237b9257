public import Matching
public import Registry

/// A run as `govreg match show` prints it: the run, its demands with their allocations and
/// explanations, and summaries by community and by unit.
public struct MatchingRunDetail: Sendable, Hashable, Encodable {
    public var run: MatchingRunRecord
    /// Demands that got something, by category then demand id, up to the limit asked for.
    public var served: [MatchingDemandLine]
    /// How many served demands there are beyond those listed.
    public var moreServed: Int
    /// Demands that got nothing, most urgent first, up to the limit asked for.
    public var unserved: [MatchingDemandLine]
    public var moreUnserved: Int
    public var byCommunity: [MatchingCommunitySummary]
    /// The units whose resources the run drew on most (by allocations), up to the limit asked for.
    public var byUnit: [MatchingUnitSummary]
    public var moreUnits: Int
}

/// One demand of a run: what it asked for, what it got from which resources, and why.
public struct MatchingDemandLine: Sendable, Hashable, Encodable {
    public var demandID: Int64
    public var externalID: String?
    public var title: String
    public var category: String
    /// The community (or village) it lies in, if any.
    public var community: String?
    public var measureUnit: MeasureUnit
    public var priority: Int
    public var requested: Int64
    public var served: Int64
    public var allocations: [MatchingAllocationLine]
    /// The engine's explanation, with external ids in place of row ids.
    public var explanation: DemandOutcome
}

/// One allocation of a run (分配): its number (what `match accept --only` takes), the
/// resource and unit, the quantity and the cost terms.
public struct MatchingAllocationLine: Sendable, Hashable, Encodable {
    public var number: Int
    public var resourceID: Int64
    public var resourceExternalID: String?
    public var resourceTitle: String
    public var unitExternalID: String?
    public var unitName: String
    /// The resource's (and so the demand's) unit.
    public var measureUnit: MeasureUnit
    public var quantity: Int64
    /// The allocation's cost per unit in the run's points (its terms' sum), not money.
    public var unitCost: Int64
    public var terms: [CostTerm]
    /// The project it became, once accepted.
    public var projectExternalID: String?
}

/// A run's figures for one community (or village): its demands and how they fared.
public struct MatchingCommunitySummary: Sendable, Hashable, Codable {
    /// The community's name, or `(none)` for demands above community level.
    public var community: String
    public var demands: Int
    public var filled: Int
    public var partly: Int
    public var unserved: Int
}

/// A run's figures for one registered unit: what its resources give, per unit of measure.
public struct MatchingUnitSummary: Sendable, Hashable, Encodable {
    public var unitExternalID: String?
    public var unitName: String
    public var measureUnit: MeasureUnit
    public var resources: Int
    public var allocations: Int
    public var demands: Int
    public var allocated: Int64
}

extension MatchingDemandLine {
    private enum CodingKeys: String, CodingKey {
        case demandID, externalID, title, category, community, measureUnit, priority, requested, served, allocations, explanation
    }

    /// Requested and served in the unit (`"1500.00"` yuan); the explanation is the engine's
    /// own record, in stored amounts (fen for yuan), as ``DemandOutcome`` documents.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(demandID, forKey: .demandID)
        try c.encodeIfPresent(externalID, forKey: .externalID)
        try c.encode(title, forKey: .title)
        try c.encode(category, forKey: .category)
        try c.encodeIfPresent(community, forKey: .community)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(priority, forKey: .priority)
        try c.encode(requested, in: measureUnit, forKey: .requested)
        try c.encode(served, in: measureUnit, forKey: .served)
        try c.encode(allocations, forKey: .allocations)
        try c.encode(explanation, forKey: .explanation)
    }
}

extension MatchingAllocationLine {
    private enum CodingKeys: String, CodingKey {
        case number, resourceID, resourceExternalID, resourceTitle, unitExternalID, unitName, measureUnit, quantity, unitCost, terms
        case projectExternalID
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(resourceID, forKey: .resourceID)
        try c.encodeIfPresent(resourceExternalID, forKey: .resourceExternalID)
        try c.encode(resourceTitle, forKey: .resourceTitle)
        try c.encodeIfPresent(unitExternalID, forKey: .unitExternalID)
        try c.encode(unitName, forKey: .unitName)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(quantity, in: measureUnit, forKey: .quantity)
        try c.encode(unitCost, forKey: .unitCost)
        try c.encode(terms, forKey: .terms)
        try c.encodeIfPresent(projectExternalID, forKey: .projectExternalID)
    }
}

extension MatchingUnitSummary {
    private enum CodingKeys: String, CodingKey { case unitExternalID, unitName, measureUnit, resources, allocations, demands, allocated }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(unitExternalID, forKey: .unitExternalID)
        try c.encode(unitName, forKey: .unitName)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(resources, forKey: .resources)
        try c.encode(allocations, forKey: .allocations)
        try c.encode(demands, forKey: .demands)
        try c.encode(allocated, in: measureUnit, forKey: .allocated)
    }
}
