/// The reasons as JSON that says what they are: `{"kind": "ineligible", "rule": "…"}`, never
/// Swift's encoding of an enum with associated values (`{"ineligible": {"_0": "…"}}`), which
/// names Swift's positions rather than the domain's words. (Stored explanations use the
/// compact form of `DemandOutcome+CompactJSON`, not this.)
extension Alternative.Reason {
    private enum Key: String, CodingKey { case kind, by, competitors, others, rule }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case let .dearer(by: extra):
            try container.encode("dearer", forKey: .kind)
            try container.encode(extra, forKey: .by)
        case .tie:
            try container.encode("tie", forKey: .kind)
        case let .full(competitors, others):
            try container.encode("full", forKey: .kind)
            try container.encode(competitors, forKey: .competitors)
            try container.encode(others, forKey: .others)
        case let .ineligible(rule):
            try container.encode("ineligible", forKey: .kind)
            try container.encode(rule, forKey: .rule)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "dearer": self = .dearer(by: try container.decode(Int64.self, forKey: .by))
        case "tie": self = .tie
        case "full": self = .full(competitors: try container.decode([Competitor].self, forKey: .competitors), others: try container.decode(Int.self, forKey: .others))
        case "ineligible": self = .ineligible(try container.decode(String.self, forKey: .rule))
        case let other: throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown reason \(other)")
        }
    }
}

extension Shortfall.Reason {
    private enum Key: String, CodingKey { case kind, competitors, allocationsByPriority = "allocations_by_priority" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .noEligibleResource:
            try container.encode("no_eligible_resource", forKey: .kind)
        case let .capacityExhausted(competitors, allocationsByPriority):
            try container.encode("capacity_exhausted", forKey: .kind)
            try container.encode(competitors, forKey: .competitors)
            try container.encode(allocationsByPriority, forKey: .allocationsByPriority)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "no_eligible_resource": self = .noEligibleResource
        case "capacity_exhausted":
            self = .capacityExhausted(competitors: try container.decode([Competitor].self, forKey: .competitors),
                                      allocationsByPriority: try container.decode([Int].self, forKey: .allocationsByPriority))
        case let other: throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown shortfall \(other)")
        }
    }
}
