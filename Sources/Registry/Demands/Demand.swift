public import Foundation

/// One item of a community's demand list (需求清单): a need collected from residents.
///
/// The workflow fields (``state``, ``escalationLevel``, ``settledLevel``, ``mergedInto``,
/// ``rating``) change only through ``transition(to:actor:at:note:reason:mergedInto:rating:visibility:)``
/// and ``escalate(to:actor:reason:at:)``, which check the rules and return the event to
/// record; the initialiser takes them so that the storage layer can read a row back.
///
/// ```swift
/// var demand = try Demand(
///     tenant: langao, id: 1, title: "楼道灯不亮", category: "housing_repair",
///     orgUnit: 12, sourceChannel: .gridReport, quantity: try Quantity(1, .job))
/// let event = try demand.transition(to: .submitted, actor: actor, at: now, visibility: .public)
/// ```
public struct Demand: Hashable, Sendable, Codable, Identifiable {
    /// The longest accepted title, in characters (declared in ``DemandDraft/Field/title``).
    public static let maximumTitleLength = DemandDraft.Field.title.textLimit
    /// The longest accepted description, in characters.
    public static let maximumDetailsLength = DemandDraft.Field.description.textLimit

    /// The district the demand belongs to.
    public var tenant: TenantID
    /// The demand's id within the district.
    public var id: DemandID
    /// The id the district's own spreadsheet gives the row, so re-importing updates in place.
    public var externalID: String?
    /// A short title, e.g. 楼道灯不亮.
    public var title: String
    /// The longer description (stored in the `description` column).
    public var details: String?
    /// The category code from the district's vocabulary, e.g. `elderly_care`.
    public var category: String
    /// Where the need arises.
    public var orgUnit: OrgUnitID
    /// How the need reached the registry.
    public var sourceChannel: SourceChannel
    /// The resident who raised it, if recorded.
    public var reporter: PersonID?
    /// How many residents benefit, if estimated.
    public var beneficiaries: Int?
    /// What the need amounts to, in the unit matching fills.
    public var quantity: Quantity
    /// How urgent it is.
    public var priority: Priority
    /// When it should be met, if there is a date.
    public var dueOn: CivilDate?
    /// Whether the item appears on the disclosed list.
    public var isPublic: Bool
    /// The day it was (or will be) disclosed.
    public var publishedOn: CivilDate?

    /// Where it stands in the workflow.
    public internal(set) var state: DemandState
    /// The rung of the ladder it is handled at now.
    public internal(set) var escalationLevel: EscalationLevel
    /// The rung it was settled at, recorded when it is resolved (a reported statistic).
    public internal(set) var settledLevel: EscalationLevel?
    /// The demand it was merged into, when ``state`` is ``DemandState/merged``.
    public internal(set) var mergedInto: DemandID?
    /// The resident's rating, when ``state`` is ``DemandState/rated``.
    public internal(set) var rating: Rating?

    /// Makes a demand, or reads one back from storage.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`) for an empty or over-long title, an
    ///   over-long description, an empty category or a number of beneficiaries out of range.
    public init(
        tenant: TenantID, id: DemandID, externalID: String? = nil, title: String, details: String? = nil,
        category: String, orgUnit: OrgUnitID, sourceChannel: SourceChannel, reporter: PersonID? = nil,
        beneficiaries: Int? = nil, quantity: Quantity, priority: Priority = .normal, dueOn: CivilDate? = nil,
        isPublic: Bool = false, publishedOn: CivilDate? = nil,
        state: DemandState = .draft, escalationLevel: EscalationLevel = .grid, settledLevel: EscalationLevel? = nil,
        mergedInto: DemandID? = nil, rating: Rating? = nil
    ) throws {
        // The declared checks of each field (``DemandDraft/Field``), as every door runs them.
        let title = try DemandDraft.Field.title.checkedText(title, required: true) ?? ""
        let details = try DemandDraft.Field.description.checkedText(details, required: false)
        let category = try DemandDraft.Field.category.checkedText(category, required: true) ?? ""
        if let problem = DemandDraft.Field.beneficiaries.integer(beneficiaries) { throw RegistryError(problem) }
        self.tenant = tenant
        self.id = id
        self.externalID = externalID
        self.title = title
        self.details = details
        self.category = category
        self.orgUnit = orgUnit
        self.sourceChannel = sourceChannel
        self.reporter = reporter
        self.beneficiaries = beneficiaries
        self.quantity = quantity
        self.priority = priority
        self.dueOn = dueOn
        self.isPublic = isPublic
        self.publishedOn = publishedOn
        self.state = state
        self.escalationLevel = escalationLevel
        self.settledLevel = settledLevel
        self.mergedInto = mergedInto
        self.rating = rating
    }

    /// Whether the need was met (see ``DemandState/isResolved``; not the same as closed).
    public var isResolved: Bool { state.isResolved }

    /// Whether the item left the list for any reason (see ``DemandState/isClosed``).
    public var isClosed: Bool { state.isClosed }

    /// What residents see, or `nil` while it is a draft.
    public var publicStatus: PublicStatus? { state.publicStatus }
}
