public import Registry

/// A matter to deliberate: where, what kind, what.
public struct CaseDraft: Sendable, Hashable {
    public var placeCode: String
    public var kind: String
    public var title: String
    public var openedOn: CivilDate

    public init(placeCode: String, kind: String, title: String, openedOn: CivilDate) {
        self.placeCode = placeCode
        self.kind = kind
        self.title = title
        self.openedOn = openedOn
    }
}

/// A round of deliberation to record: the day, who came by role, and a note.
public struct RoundDraft: Sendable, Hashable {
    public var heldOn: CivilDate
    public var attendance: [Attendance]
    public var note: String?

    public init(heldOn: CivilDate, attendance: [Attendance], note: String? = nil) {
        self.heldOn = heldOn
        self.attendance = attendance
        self.note = note
    }
}

/// Who of one role came to a round: a count, or names (then the count is at least theirs),
/// and the role's position.
public struct Attendance: Sendable, Hashable {
    public var role: String
    public var count: Int?
    /// Residents' names: personal data, stored but never audited nor shown unmasked.
    public var names: [PersonalName]
    public var position: String?

    public init(role: String, count: Int? = nil, names: [PersonalName] = [], position: String? = nil) {
        self.role = role
        self.count = count
        self.names = names
        self.position = position
    }
}

/// Whether deliberation reached agreement.
public enum CaseResult: String, Sendable, Hashable, Codable, CaseIterable {
    /// 达成一致.
    case settled
    /// 未达成一致.
    case unsettled

    public var chineseName: String { self == .settled ? "达成一致" : "未达成一致" }
}

/// A result to record: settled or not, what was agreed, and a cost split when costs are shared.
public struct ResultDraft: Sendable, Hashable {
    public var result: CaseResult
    public var agreement: String
    public var split: CostSplit?

    public init(result: CaseResult, agreement: String, split: CostSplit? = nil) {
        self.result = result
        self.agreement = agreement
        self.split = split
    }
}

/// What the demand filed from a case asks for (its title and place are the case's).
public struct CaseDemandRequest: Sendable, Hashable {
    public var category: String
    public var quantity: Quantity
    public var priority: Priority
    public var dueOn: CivilDate?
    /// The day the demand is filed (default: today), e.g. the day the agreement was published.
    public var filedOn: CivilDate?

    public init(category: String, quantity: Quantity, priority: Priority = .normal, dueOn: CivilDate? = nil, filedOn: CivilDate? = nil) {
        self.category = category
        self.quantity = quantity
        self.priority = priority
        self.dueOn = dueOn
        self.filedOn = filedOn
    }
}

/// A case as lists show it.
public struct DeliberationCase: Sendable, Hashable, Codable {
    public var id: Int64
    public var placeCode: String
    public var placeName: String
    public var kind: String
    public var title: String
    public var step: String
    public var openedOn: CivilDate
    public var closedOn: CivilDate?
    public var rounds: Int
    public var result: CaseResult?
    public var agreement: String?
    public var split: CostSplit?
    public var published: Bool
    public var publicText: String?
    public var publishedOn: CivilDate?
    public var demandID: DemandID?
    public var demandExternalID: String?
}

/// A case with its rounds.
public struct DeliberationDetail: Sendable, Hashable, Codable {
    public var deliberationCase: DeliberationCase
    public var rounds: [DeliberationRound]

    enum CodingKeys: String, CodingKey { case deliberationCase = "case", rounds }
}

/// One round as recorded, the names masked (张*).
public struct DeliberationRound: Sendable, Hashable, Codable {
    public var number: Int
    public var heldOn: CivilDate
    public var note: String?
    public var attendance: [RoundAttendance]
}

/// One role's attendance in a round, the names masked.
public struct RoundAttendance: Sendable, Hashable, Codable {
    public var role: String
    public var attendees: Int
    public var names: [String]
    public var position: String?
}

/// A published result, as the public reads it: no names, no internal notes.
public struct PublishedResult: Sendable, Hashable, Codable {
    public var caseID: Int64
    public var placeName: String
    public var kind: String
    public var title: String
    public var result: CaseResult
    public var split: CostSplit?
    public var publicText: String
    public var publishedOn: CivilDate
}

/// The module's report section for a period (cases opened in it).
public struct DeliberationSummary: Sendable, Hashable, Codable {
    public var localName: String
    public var from: CivilDate
    public var to: CivilDate
    public var cases: Int
    /// Kind of matter → cases, in the district's order of kinds (then any no longer listed).
    public var byKind: [NamedCount]
    /// Step → open cases, in the order of the district's steps; closed cases are `closed`.
    public var byStep: [NamedCount]
    public var closed: Int
    public var rounds: Int
    /// The most rounds one case took.
    public var maxRounds: Int
    public var settled: Int
    public var published: Int
    public var demands: Int

    /// Rounds per case, 0 when there is no case.
    public var meanRounds: Double { cases == 0 ? 0 : Double(rounds) / Double(cases) }
    /// Cases settled (达成一致) among all cases, 0 when there is none.
    public var settledShare: Double { cases == 0 ? 0 : Double(settled) / Double(cases) }
}

/// A name and how many.
public struct NamedCount: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int
}
