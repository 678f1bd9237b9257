public import Registry

/// Everything the quarterly report counts for one quarter: the district's figures, the same
/// for each street and community, and the breakdowns only the district gets.
///
/// Each property is one figure of ``FigureDefinition/all``; the definitions say what is
/// counted, which dates and which states. Reading them is
/// ``QuarterFigures/read(quarter:breakdowns:places:projects:in:)``, the only place that counts.
public struct QuarterFigures: Sendable, Hashable, Codable {
    public var quarter: Quarter
    /// The district as a whole.
    public var district: AreaFigures
    /// Each street (town) and each community (village) that had anything to count, streets
    /// first, each followed by its communities, in code order.
    public var areas: [AreaFigures]
    /// Demands received by intake channel (district only), largest first.
    public var receivedByChannel: [Share]
    /// Demands received by category (district only), largest first.
    public var receivedByCategory: [Share]
    /// Resources pledged and drawn in the quarter, by kind and measure unit.
    public var resources: [ResourceFlow]
    /// Funds: yuan drawn from pledged funds into projects in the quarter, net of returns (fen).
    public var fundsDrawnFen: Int64
    public var matching: MatchingFigures

    public init(
        quarter: Quarter, district: AreaFigures, areas: [AreaFigures], receivedByChannel: [Share], receivedByCategory: [Share],
        resources: [ResourceFlow], fundsDrawnFen: Int64, matching: MatchingFigures
    ) {
        self.quarter = quarter
        self.district = district
        self.areas = areas
        self.receivedByChannel = receivedByChannel
        self.receivedByCategory = receivedByCategory
        self.resources = resources
        self.fundsDrawnFen = fundsDrawnFen
        self.matching = matching
    }
}

/// A part of the district the report gives figures for.
public struct ReportArea: Sendable, Hashable, Codable {
    /// `district`, `street` (a street or town) or `community` (a community or village).
    public var level: String
    /// The org unit's code; the tenant's slug for the district.
    public var code: String
    public var name: String
    /// The street's code, for a community.
    public var streetCode: String?

    public init(level: String, code: String, name: String, streetCode: String? = nil) {
        self.level = level
        self.code = code
        self.name = name
        self.streetCode = streetCode
    }
}

/// The figures of one area.
public struct AreaFigures: Sendable, Hashable, Codable {
    public var area: ReportArea
    public var demands: DemandFigures
    public var projects: ProjectFigures
    public var duty: DutyFigures

    public init(area: ReportArea, demands: DemandFigures = .init(), projects: ProjectFigures = .init(), duty: DutyFigures = .init()) {
        self.area = area
        self.demands = demands
        self.projects = projects
        self.duty = duty
    }
}

/// The demand list's figures: the quarter's intake and what had become of it by the quarter's end.
public struct DemandFigures: Sendable, Hashable, Codable {
    public var received = 0
    public var takenUp = 0
    public var rejected = 0
    public var merged = 0
    public var withdrawn = 0
    public var closed = 0
    public var resolved = 0
    public var rated = 0
    public var satisfied = 0
    public var openAtEnd = 0
    /// Resolved demands whose resolution moment is recorded (the median's base).
    public var resolvedWithDuration = 0
    public var medianDaysToResolve: Double?
    /// Resolved demands by the level where they were settled.
    public var settledAtGrid = 0
    public var settledAtCommunity = 0
    public var settledAtStreet = 0
    public var settledAtDistrict = 0
    public var settledUnrecorded = 0

    public init() {}

    /// 办结率: closed ÷ received.
    public var closureRate: Rate { Rate(closed, of: received) }
    /// 解决率: resolved ÷ received.
    public var resolutionRate: Rate { Rate(resolved, of: received) }
    /// 满意率: satisfied ÷ rated.
    public var satisfactionRate: Rate { Rate(satisfied, of: rated) }

    /// The settled counts in level order (grid, community, street, district), then unrecorded.
    public var settledByLevel: [(level: EscalationLevel?, count: Int)] {
        [(.grid, settledAtGrid), (.community, settledAtCommunity), (.street, settledAtStreet), (.district, settledAtDistrict), (nil, settledUnrecorded)]
    }
}

/// The project list's figures for the quarter.
public struct ProjectFigures: Sendable, Hashable, Codable {
    public var started = 0
    public var completed = 0
    public var checked = 0
    public var overdueAtEnd = 0
    /// Budgets of the projects created in the quarter (fen).
    public var budgetCommittedFen: Int64 = 0
    /// Projects completed in the quarter that residents rated, and how.
    public var rated = 0
    public var ratingSum = 0
    public var satisfied = 0

    public init() {}

    /// Mean rating of the rated projects, 1–5.
    public var meanRating: Double? { rated == 0 ? nil : Double(ratingSum) / Double(rated) }
    public var satisfactionRate: Rate { Rate(satisfied, of: rated) }
}

/// Units and members reporting for duty (双报到).
public struct DutyFigures: Sendable, Hashable, Codable {
    public var membersReported = 0
    public var unitsReported = 0
    public var membersRegistered = 0

    public init() {}
}

/// One row of a breakdown: a code, its name, a count.
public struct Share: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var count: Int

    public init(code: String, name: String, count: Int) {
        self.code = code
        self.name = name
        self.count = count
    }
}

/// Resources of one kind and measure unit: pledged and drawn in the quarter.
public struct ResourceFlow: Sendable, Hashable, Codable {
    public var kind: String
    public var measureUnit: String
    public var pledged: Int64
    public var drawn: Int64

    public init(kind: String, measureUnit: String, pledged: Int64, drawn: Int64) {
        self.kind = kind
        self.measureUnit = measureUnit
        self.pledged = pledged
        self.drawn = drawn
    }

    private enum CodingKeys: String, CodingKey { case kind, measureUnit, pledged, drawn }

    /// Pledged and drawn in the unit (`"1500.00"` yuan), as every amount in JSON is.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let unit = MeasureUnit(rawValue: measureUnit)
        try c.encode(kind, forKey: .kind)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(unit?.decimalText(pledged) ?? String(pledged), forKey: .pledged)
        try c.encode(unit?.decimalText(drawn) ?? String(drawn), forKey: .drawn)
    }

    /// Reads both forms: amounts in the unit (written since), and the stored amounts (fen
    /// for yuan) of reports closed before, which stay as they were closed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let measureUnit = try c.decode(String.self, forKey: .measureUnit)
        func amount(_ key: CodingKeys) throws -> Int64 {
            if let stored = try? c.decode(Int64.self, forKey: key) { return stored }
            let text = try c.decode(String.self, forKey: key)
            let value = measureUnit == MeasureUnit.yuan.rawValue ? (try? Money(parsing: text))?.fen : Int64(text)
            guard let value else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not an amount in \(measureUnit): \(text)")
            }
            return value
        }
        self.init(kind: try c.decode(String.self, forKey: .kind), measureUnit: measureUnit, pledged: try amount(.pledged), drawn: try amount(.drawn))
    }
}

/// Matching runs of the quarter.
public struct MatchingFigures: Sendable, Hashable, Codable {
    public var runs = 0
    public var accepted = 0
    public var demandsOffered = 0
    public var demandsServed = 0
    /// Of those served, the demands served in part: their unmet remainder stayed on the list.
    /// Optional so that a report closed before this figure existed still reads.
    public var demandsPartlyServed: Int?

    public init() {}

    /// The share of the demands offered to accepted runs that those runs served.
    public var servedShare: Rate { Rate(demandsServed, of: demandsOffered) }
}

/// A rate as its two counts, so that nobody has to trust a rounded percentage.
public struct Rate: Sendable, Hashable {
    public var part: Int
    public var whole: Int

    public init(_ part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// The fraction, or nil when there is nothing to divide by.
    public var value: Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// `96.1%`, or `—` with nothing to divide by. One decimal, rounded half up on the exact
    /// fraction (in whole numbers, so that 98.95% is 99.0% on every platform).
    public var percent: String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 2000 + whole) / (2 * whole)
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
