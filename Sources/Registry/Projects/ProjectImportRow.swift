/// One item of the project list (项目清单) as an import file gives it and an export writes it.
public struct ProjectImportRow: Sendable, Hashable {
    /// The file line the row came from, for error messages (0 for exported rows).
    public var line: Int
    /// The district's own id for the project; re-imports match on it.
    public var externalID: String
    public var title: String
    public var description: String?
    public var responsibleUnitExternalID: String
    /// The demands served, by external id.
    public var demandExternalIDs: [String]
    /// What it draws, by resource external id, quantities in each resource's unit.
    public var allocations: [ProjectAllocationRequest]
    public var budget: Money?
    public var startsOn: CivilDate?
    public var dueOn: CivilDate?
    public var status: ProjectStatus
    /// 0–100.
    public var progressPercent: Int
    public var isPublic: Bool
    public var publishedOn: CivilDate?
    /// The residents' rating (评单), for a completed or checked project.
    public var rating: Rating?
    /// The day it was completed (完工), for a completed or checked project; nil: not known.
    public var completedOn: CivilDate?
    /// The day of its check (验收), for a checked project; nil: not known.
    public var checkedOn: CivilDate?
    /// Why it was cancelled, for a cancelled project.
    public var cancelReason: String?

    /// Makes a row.
    public init(
        line: Int = 0, externalID: String, title: String, description: String? = nil, responsibleUnitExternalID: String,
        demandExternalIDs: [String], allocations: [ProjectAllocationRequest] = [], budget: Money? = nil,
        startsOn: CivilDate? = nil, dueOn: CivilDate? = nil, status: ProjectStatus = .planned, progressPercent: Int = 0,
        isPublic: Bool = false, publishedOn: CivilDate? = nil, rating: Rating? = nil, completedOn: CivilDate? = nil,
        checkedOn: CivilDate? = nil, cancelReason: String? = nil
    ) {
        self.rating = rating
        self.completedOn = completedOn
        self.checkedOn = checkedOn
        self.cancelReason = cancelReason
        self.line = line
        self.externalID = externalID
        self.title = title
        self.description = description
        self.responsibleUnitExternalID = responsibleUnitExternalID
        self.demandExternalIDs = demandExternalIDs
        self.allocations = allocations
        self.budget = budget
        self.startsOn = startsOn
        self.dueOn = dueOn
        self.status = status
        self.progressPercent = progressPercent
        self.isPublic = isPublic
        self.publishedOn = publishedOn
    }
}

extension ProjectImportRow {
    /// The row's values as a new project's draft, for ``ProjectDraft/checked(on:door:)``.
    public var draft: ProjectDraft {
        ProjectDraft(
            externalID: externalID, title: title, description: description, responsibleUnit: responsibleUnitExternalID,
            demands: demandExternalIDs, allocations: allocations, budget: budget, startsOn: startsOn, dueOn: dueOn,
            isPublic: isPublic, publishedOn: publishedOn)
    }
}
