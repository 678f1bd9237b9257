public import Foundation

/// One item of the project list (项目清单): which unit does what, for which demands, with
/// which resources, by when.
///
/// The workflow fields (``status``, ``cancellationReason``, ``progress``, ``rating``)
/// change only through ``transition(to:actor:at:note:reason:)``, ``report(_:)`` and
/// ``rate(_:)``; the initialiser takes them so the storage layer can read a row back.
public struct Project: Hashable, Sendable, Codable, Identifiable {
    /// The district the project belongs to.
    public var tenant: TenantID
    /// The project's id within the district.
    public var id: ProjectID
    /// The id in the district's own spreadsheet, for idempotent imports.
    public var externalID: String?
    /// What is being done, e.g. 幸福路路面修补.
    public var title: String
    /// The demands the project serves.
    public var demands: [DemandID]
    /// The resources assigned to it.
    public var allocations: [Allocation]
    /// The unit answerable for it.
    public var responsibleUnit: UnitID
    /// The budget, if one is set.
    public var budget: Money?
    /// The planned start.
    public var startsOn: CivilDate?
    /// The planned end.
    public var dueOn: CivilDate?
    /// The planned steps.
    public var milestones: [Milestone]
    /// Whether the item appears on the disclosed list.
    public var isPublic: Bool
    /// The day it was (or will be) disclosed.
    public var publishedOn: CivilDate?

    /// Where it stands.
    public internal(set) var status: ProjectStatus
    /// Why it was cancelled, when ``status`` is cancelled.
    public internal(set) var cancellationReason: String?
    /// The progress reports, oldest first; percentages never decrease.
    public internal(set) var progress: [ProgressReport]
    /// The residents' rating, once given.
    public internal(set) var rating: Rating?

    /// Makes a project, or reads one back from storage.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`) for an empty or over-long title, or
    ///   stored progress reports whose percentages decrease.
    public init(
        tenant: TenantID, id: ProjectID, externalID: String? = nil, title: String, demands: [DemandID],
        allocations: [Allocation] = [], responsibleUnit: UnitID, budget: Money? = nil,
        startsOn: CivilDate? = nil, dueOn: CivilDate? = nil, milestones: [Milestone] = [],
        isPublic: Bool = false, publishedOn: CivilDate? = nil,
        status: ProjectStatus = .planned, cancellationReason: String? = nil, progress: [ProgressReport] = [],
        rating: Rating? = nil
    ) throws {
        guard let title = try optionalText(title, field: "title", limit: Project.maximumTitleLength) else {
            throw RegistryError.invalid("title", chinese: "项目名称不能为空", english: "a project needs a title")
        }
        for (earlier, later) in zip(progress, progress.dropFirst()) {
            if let problem = ProgressReport.wentBack(from: earlier.mark, to: later.mark, field: "percentage") {
                throw RegistryError(wentBack: problem)
            }
        }
        self.tenant = tenant
        self.id = id
        self.externalID = externalID
        self.title = title
        self.demands = demands
        self.allocations = allocations
        self.responsibleUnit = responsibleUnit
        self.budget = budget
        self.startsOn = startsOn
        self.dueOn = dueOn
        self.milestones = milestones
        self.isPublic = isPublic
        self.publishedOn = publishedOn
        self.status = status
        self.cancellationReason = cancellationReason
        self.progress = progress
        self.rating = rating
    }

    /// The longest title a project takes (``ProjectDraft/Field/title``).
    public static let maximumTitleLength = ProjectDraft.Field.title.textLimit

    /// The latest reported percentage, 0 before any report.
    public var percentage: Int { progress.last?.percentage ?? 0 }
}
