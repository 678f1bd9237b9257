public import Registry

/// A dispute to open: where, what, its grade, the mediator, the parties.
public struct CaseDraft: Sendable, Hashable {
    public var placeCode: String
    public var title: String
    public var grade: CaseGrade
    public var mediator: String
    public var openedOn: CivilDate
    public var parties: [PartyDraft]

    public init(placeCode: String, title: String, grade: CaseGrade, mediator: String, openedOn: CivilDate, parties: [PartyDraft]) {
        self.placeCode = placeCode
        self.title = title
        self.grade = grade
        self.mediator = mediator
        self.openedOn = openedOn
        self.parties = parties
    }
}

/// A party to a dispute (personal data).
public struct PartyDraft: Sendable, Hashable {
    public var role: PartyRole
    public var name: PersonalName
    public var phone: PhoneNumber?

    public init(role: PartyRole, name: PersonalName, phone: PhoneNumber? = nil) {
        self.role = role
        self.name = name
        self.phone = phone
    }
}

/// A case as lists show it: the parties masked (张*, 138****5678).
public struct MediationCase: Sendable, Hashable, Codable {
    public var id: Int64
    public var placeName: String
    public var title: String
    public var grade: CaseGrade
    public var colour: CaseColour
    public var mediator: String
    public var openedOn: CivilDate
    public var outcome: CaseOutcome?
    public var closedOn: CivilDate?
    /// "applicant 张*" …, masked.
    public var parties: [String]
    public var log: [MediationLogEntry]
}

/// One entry of a case's day-by-day log.
public struct MediationLogEntry: Sendable, Hashable, Codable {
    public var on: CivilDate
    public var colour: CaseColour
    /// Whether the entry moved the case to `colour`.
    public var moved: Bool
    public var note: String
}

/// The module's report section for a period (cases opened in it).
public struct MediationSummary: Sendable, Hashable, Codable {
    public var roomName: String
    public var from: CivilDate
    public var to: CivilDate
    public var cases: Int
    /// Colour → cases, for the cases opened in the period, as they stand now.
    public var byColour: [String: Int]
    public var byGrade: [String: Int]
    public var closed: Int
    public var agreements: Int

    /// Agreements among closed cases (调解成功率), 0 when none is closed.
    public var successRate: Double { closed == 0 ? 0 : Double(agreements) / Double(closed) }
}
