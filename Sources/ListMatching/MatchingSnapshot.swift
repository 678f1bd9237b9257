public import Registry

/// What a matching run reads from the lists, as plain values: the hierarchy, the demands on
/// the list, the resources that can still give, and which communities each unit contracts.
///
/// The store loads it with a few set-based queries; ``MatchingNetwork`` turns it into the
/// engine's ``Matching/Problem``. Nothing here touches a database.
public struct MatchingSnapshot: Sendable, Hashable {
    /// Every org unit of the tenant.
    public var orgUnits: [OrgNode]
    /// The demands to match (accepted 已列入清单).
    public var demands: [CandidateDemand]
    /// The resources that can give (available, something remaining).
    public var resources: [CandidateResource]
    /// Unit → the org units (communities) it contracts (包联).
    public var contracts: [Int64: [Int64]]

    /// Makes a snapshot.
    public init(orgUnits: [OrgNode], demands: [CandidateDemand], resources: [CandidateResource], contracts: [Int64: [Int64]]) {
        self.orgUnits = orgUnits
        self.demands = demands
        self.resources = resources
        self.contracts = contracts
    }
}

/// One org unit: its id, parent and kind.
public struct OrgNode: Sendable, Hashable {
    public var id: Int64
    public var parent: Int64?
    public var kind: OrgUnitKind

    public init(id: Int64, parent: Int64?, kind: OrgUnitKind) {
        self.id = id
        self.parent = parent
        self.kind = kind
    }
}

/// A demand as matching needs it.
public struct CandidateDemand: Sendable, Hashable {
    public var id: Int64
    public var category: String
    /// Where it arises.
    public var orgUnit: Int64
    /// What is needed, in the demand's unit (fen for yuan).
    public var quantity: Int64
    public var measureUnit: MeasureUnit
    /// 1–5.
    public var priority: Int
    /// When it was filed, in seconds since 1970 (older demands win ties).
    public var filedAt: Int64
    /// The day it was filed: a resource whose window closed before it cannot serve it.
    public var filedOn: CivilDate
    /// The due date, if any: a resource whose window opens after it cannot serve it.
    public var dueOn: CivilDate?

    public init(
        id: Int64, category: String, orgUnit: Int64, quantity: Int64, measureUnit: MeasureUnit, priority: Int,
        filedAt: Int64, filedOn: CivilDate, dueOn: CivilDate?
    ) {
        self.id = id
        self.category = category
        self.orgUnit = orgUnit
        self.quantity = quantity
        self.measureUnit = measureUnit
        self.priority = priority
        self.filedAt = filedAt
        self.filedOn = filedOn
        self.dueOn = dueOn
    }
}

/// A resource as matching needs it.
public struct CandidateResource: Sendable, Hashable {
    public var id: Int64
    /// The registered unit that pledged it.
    public var unit: Int64
    public var category: String
    public var measureUnit: MeasureUnit
    /// What it can still give (fen for yuan).
    public var remaining: Int64
    /// Its own cost per unit of measure, in fen, when it has one.
    public var unitCostFen: Int64?
    public var availableFrom: CivilDate?
    public var availableUntil: CivilDate?
    /// The org units it may serve as registered; empty means the communities its unit
    /// contracts, and if it contracts none, the whole district.
    public var serviceArea: [Int64]

    public init(
        id: Int64, unit: Int64, category: String, measureUnit: MeasureUnit, remaining: Int64, unitCostFen: Int64?,
        availableFrom: CivilDate?, availableUntil: CivilDate?, serviceArea: [Int64]
    ) {
        self.id = id
        self.unit = unit
        self.category = category
        self.measureUnit = measureUnit
        self.remaining = remaining
        self.unitCostFen = unitCostFen
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.serviceArea = serviceArea
    }
}
