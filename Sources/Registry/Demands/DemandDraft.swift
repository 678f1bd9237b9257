/// A demand as a door hands it in, before the store resolves its references: the write side
/// of the demand list.
///
/// Every door builds one (the import files row by row, the API's intake, the CLI, a module's
/// intake channel) and every door's values pass the same ``checked(on:door:channels:)``: the rules of
/// a new demand are written here once. The category and the org unit are named as people name
/// them (a code, or the category's Chinese name); the store resolves those inside the tenant,
/// which is all a store can add (references and uniqueness).
///
/// ```swift
/// let draft = DemandDraft(
///     title: "楼道灯不亮", category: "housing_repair", orgCode: "G101",
///     sourceChannel: .gridReport, quantity: try Quantity(1, .job))
/// let checked = try draft.checked(on: today, door: .api, channels: catalogue.sourceChannels)
/// ```
public struct DemandDraft: Sendable, Hashable {
    /// The district's own id; a file must give it (re-importing matches on it), the API may
    /// leave it to the store (`GR-D<id>`).
    public var externalID: String?
    public var title: String
    /// The longer description (the `description` field).
    public var details: String?
    /// A category code or the tenant's Chinese name for it.
    public var category: String
    /// The code of the org unit where the need arises.
    public var orgCode: String
    public var sourceChannel: SourceChannel
    /// The resident who raised it; a person of the same tenant.
    public var reporter: PersonID?
    public var beneficiaries: Int?
    public var quantity: Quantity
    public var priority: Priority
    public var dueOn: CivilDate?
    public var isPublic: Bool
    public var publishedOn: CivilDate?
    /// When the need was raised; nil is today (or, re-importing, the stored day).
    public var filedOn: CivilDate?
    /// The state a demand recorded elsewhere already reached (files only); nil: accepted for
    /// a file, submitted or draft for the API. Never changes a stored demand.
    public var state: DemandState?
    /// The level a demand recorded elsewhere was handed up to (files only); nil: grid.
    public var escalationLevel: EscalationLevel?
    /// The level a resolved or rated demand recorded elsewhere was settled at (files only).
    public var settledLevel: EscalationLevel?

    /// Makes a draft.
    public init(
        title: String, details: String? = nil, category: String, orgCode: String, sourceChannel: SourceChannel = .other,
        reporter: PersonID? = nil, beneficiaries: Int? = nil, quantity: Quantity, priority: Priority = .normal,
        dueOn: CivilDate? = nil, isPublic: Bool = false, publishedOn: CivilDate? = nil, externalID: String? = nil,
        filedOn: CivilDate? = nil, state: DemandState? = nil, escalationLevel: EscalationLevel? = nil,
        settledLevel: EscalationLevel? = nil
    ) {
        self.title = title
        self.details = details
        self.category = category
        self.orgCode = orgCode
        self.sourceChannel = sourceChannel
        self.reporter = reporter
        self.beneficiaries = beneficiaries
        self.quantity = quantity
        self.priority = priority
        self.dueOn = dueOn
        self.isPublic = isPublic
        self.publishedOn = publishedOn
        self.externalID = externalID
        self.filedOn = filedOn
        self.state = state
        self.escalationLevel = escalationLevel
        self.settledLevel = settledLevel
    }
}
