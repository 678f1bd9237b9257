public import Foundation
public import Registry

/// One resource with its pledge ledger, where it may serve and which projects hold part of it.
public struct ResourceDetail: Sendable, Codable {
    public var resource: ResourceRecord
    public var description: String?
    /// True when no service area is listed and the unit's contracted communities serve instead.
    public var serviceAreaIsDefault: Bool
    /// The org units it may serve (and everything under them).
    public var effectiveServiceArea: [ResourceAreaNode]
    /// Pledges, draws and returns, oldest first.
    public var ledger: [ResourceLedgerLine]
    /// The projects allocated part of it, and what each still holds.
    public var holdings: [ResourceHolding]
    /// Why, by whom and when it was withdrawn (nil while it is not, or when it was withdrawn
    /// before reasons were kept).
    public var withdrawal: ResourceWithdrawal?
}

/// A withdrawal as recorded: it is final, so its reason is kept.
public struct ResourceWithdrawal: Sendable, Codable, Hashable {
    public var reason: String
    public var actor: String
    public var at: Date
}

/// An org unit of a resource's service area.
public struct ResourceAreaNode: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: OrgUnitKind
}

/// One line of a resource's pledge ledger.
public struct ResourceLedgerLine: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: LedgerEntry.Kind
    /// In the resource's stored amount (fen for yuan); the kind gives the sign.
    public var quantity: Int64
    public var projectID: Int64?
    public var projectExternalID: String?
    public var at: Date
    public var actor: String
    public var note: String?
}

/// A project allocated part of a resource.
public struct ResourceHolding: Sendable, Hashable, Codable {
    public var projectID: Int64
    public var projectExternalID: String?
    public var title: String
    public var status: ProjectStatus
    /// What the allocation named.
    public var allocated: Int64
    /// Drawn minus returned: what the project holds now.
    public var held: Int64
}
