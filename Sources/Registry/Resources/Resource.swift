public import Foundation

/// One item of a unit's resource list (资源清单): what it offers, where, until when, and
/// the pledge ledger that says what remains.
///
/// ``ledger`` and ``status`` change only through the operations in `Resource+Ledger.swift`,
/// which keep the status in step with what remains.
public struct Resource: Hashable, Sendable, Codable, Identifiable {
    /// The district the resource belongs to.
    public var tenant: TenantID
    /// The resource's id within the district.
    public var id: ResourceID
    /// The id in the district's own spreadsheet, for idempotent imports.
    public var externalID: String?
    /// The registered unit offering it.
    public var unit: UnitID
    /// What is offered, e.g. 法律咨询服务.
    public var title: String
    /// The category code from the district's vocabulary.
    public var category: String
    /// Funds, volunteer hours, a venue …
    public var kind: ResourceKind
    /// The org units it may serve; empty means the communities its unit contracts.
    public var serviceArea: [OrgUnitID]
    /// The first day it can be used, if limited.
    public var availableFrom: CivilDate?
    /// The last day it can be used, if limited.
    public var availableUntil: CivilDate?
    /// Whether the item appears on the disclosed list.
    public var isPublic: Bool
    /// The day it was (or will be) disclosed.
    public var publishedOn: CivilDate?

    /// Pledges, draws and returns.
    public internal(set) var ledger: ResourceLedger
    /// Offered, available, exhausted or withdrawn.
    public internal(set) var status: ResourceStatus

    /// Makes a resource, or reads one back from storage.
    ///
    /// - Throws: ``RegistryError`` (`invalidValue`) for an empty title or category, or an
    ///   availability window that ends before it starts.
    public init(
        tenant: TenantID, id: ResourceID, externalID: String? = nil, unit: UnitID, title: String,
        category: String, kind: ResourceKind, ledger: ResourceLedger, serviceArea: [OrgUnitID] = [],
        availableFrom: CivilDate? = nil, availableUntil: CivilDate? = nil,
        isPublic: Bool = false, publishedOn: CivilDate? = nil, status: ResourceStatus = .offered
    ) throws {
        guard let title = try optionalText(title, field: "title", limit: Resource.maximumTitleLength) else {
            throw RegistryError.invalid("title", chinese: "资源名称不能为空", english: "a resource needs a title")
        }
        guard !category.trimmingWhitespace().isEmpty else {
            throw RegistryError.invalid("category", chinese: "资源类别不能为空", english: "a resource needs a category")
        }
        if let problem = ResourceDraft.windowProblem(from: availableFrom, until: availableUntil) {
            throw RegistryError(problem)
        }
        self.tenant = tenant
        self.id = id
        self.externalID = externalID
        self.unit = unit
        self.title = title
        self.category = category.trimmingWhitespace()
        self.kind = kind
        self.ledger = ledger
        self.serviceArea = serviceArea
        self.availableFrom = availableFrom
        self.availableUntil = availableUntil
        self.isPublic = isPublic
        self.publishedOn = publishedOn
        self.status = status
    }

    /// The longest title a resource takes (``ResourceDraft/Field/title``).
    public static let maximumTitleLength = ResourceDraft.Field.title.textLimit

    /// Everything pledged.
    public var capacity: Quantity? { try? Quantity(ledger.pledged, ledger.measureUnit) }

    /// What can still be drawn, in the ledger's unit.
    public var remaining: Int64 { ledger.remaining }
}
