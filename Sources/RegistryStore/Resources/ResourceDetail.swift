public import Foundation
public import Registry

/// One resource with its pledge ledger, where it may serve and which projects hold part of it.
public struct ResourceDetail: Sendable, Encodable {
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
public struct ResourceLedgerLine: Sendable, Hashable, Encodable {
    public var id: Int64
    public var kind: LedgerEntry.Kind
    /// The resource's unit.
    public var measureUnit: MeasureUnit
    /// In the resource's stored amount (fen for yuan); the kind gives the sign.
    public var quantity: Int64
    public var projectID: Int64?
    public var projectExternalID: String?
    public var at: Date
    public var actor: String
    public var note: String?
}

/// A project allocated part of a resource.
public struct ResourceHolding: Sendable, Hashable, Encodable {
    public var projectID: Int64
    public var projectExternalID: String?
    public var title: String
    public var status: ProjectStatus
    /// The resource's unit.
    public var measureUnit: MeasureUnit
    /// What the allocation named.
    public var allocated: Int64
    /// Drawn minus returned: what the project holds now.
    public var held: Int64
}

extension ResourceLedgerLine {
    private enum CodingKeys: String, CodingKey { case id, kind, measureUnit, quantity, projectID, projectExternalID, at, actor, note }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(quantity, in: measureUnit, forKey: .quantity)
        try c.encodeIfPresent(projectID, forKey: .projectID)
        try c.encodeIfPresent(projectExternalID, forKey: .projectExternalID)
        try c.encode(at, forKey: .at)
        try c.encode(actor, forKey: .actor)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

extension ResourceHolding {
    private enum CodingKeys: String, CodingKey { case projectID, projectExternalID, title, status, measureUnit, allocated, held }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(projectID, forKey: .projectID)
        try c.encodeIfPresent(projectExternalID, forKey: .projectExternalID)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(allocated, in: measureUnit, forKey: .allocated)
        try c.encode(held, in: measureUnit, forKey: .held)
    }
}
