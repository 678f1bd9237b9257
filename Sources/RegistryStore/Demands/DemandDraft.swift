public import Registry

/// A new demand as staff or a form file it: the need and where it arises, with the
/// category and the org unit named as people name them (a code, or the category's Chinese
/// name), which the store resolves inside the tenant.
///
/// ```swift
/// let draft = DemandDraft(
///     title: "楼道灯不亮", category: "housing_repair", orgCode: "G101",
///     sourceChannel: .gridReport, quantity: try Quantity(1, .job))
/// ```
public struct DemandDraft: Sendable, Hashable {
    public var title: String
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
    /// The district's own id, if it has one.
    public var externalID: String?
    /// When the need was raised, if not today.
    public var filedOn: CivilDate?

    /// Makes a draft.
    public init(
        title: String, details: String? = nil, category: String, orgCode: String, sourceChannel: SourceChannel = .other,
        reporter: PersonID? = nil, beneficiaries: Int? = nil, quantity: Quantity, priority: Priority = .normal,
        dueOn: CivilDate? = nil, isPublic: Bool = false, publishedOn: CivilDate? = nil, externalID: String? = nil,
        filedOn: CivilDate? = nil
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
    }
}
