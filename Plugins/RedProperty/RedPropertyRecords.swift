public import Registry

/// A row of the problem ledger (问题台账).
public struct PropertyProblem: Sendable, Hashable, Codable {
    public var id: Int64
    public var compoundCode: String
    public var compoundName: String
    public var companyName: String
    public var title: String
    public var raisedBy: ProblemSource
    public var raisedOn: CivilDate
    public var status: ProblemStatus
    public var escalatedOn: CivilDate?
    /// When the company must answer by, once escalated.
    public var respondBy: CivilDate?
    public var response: String?
    public var respondedOn: CivilDate?
    public var fix: String?
    public var closedOn: CivilDate?
}

/// A cross-appointment to record (双向进入、交叉任职).
public struct AppointmentDraft: Sendable, Hashable {
    public var personName: String
    public var direction: AppointmentDirection
    /// The community's org code.
    public var communityCode: String
    /// The property company's external id.
    public var company: String
    public var role: String
    public var since: CivilDate

    public init(personName: String, direction: AppointmentDirection, communityCode: String, company: String, role: String, since: CivilDate) {
        self.personName = personName
        self.direction = direction
        self.communityCode = communityCode
        self.company = company
        self.role = role
        self.since = since
    }
}

/// The module's report section (红色物业情况) for a period.
public struct RedPropertySummary: Sendable, Hashable, Codable {
    public var from: CivilDate
    public var to: CivilDate
    /// Compounds with a property company on record.
    public var compounds: Int
    /// Party branches set up in property companies (by `to`).
    public var branches: Int
    /// Cross-appointments in force (since on or before `to`).
    public var appointments: Int
    /// Problems raised in the period, and how many of them are closed.
    public var problemsLogged: Int
    public var problemsClosed: Int
    /// Escalated problems past their response deadline on `to`, still unanswered.
    public var overdueResponses: Int

    /// closed / logged, 0 when none were logged.
    public var closureRate: Double { problemsLogged == 0 ? 0 : Double(problemsClosed) / Double(problemsLogged) }
}
