import Foundation
import Postgres
public import Registry

/// A demand as `govreg export demands` writes it: the columns of the import contract
/// (docs/csv-columns.md), so that an export imports back unchanged.
public struct DemandExportRow: Sendable, Hashable, Codable {
    public var id: DemandID
    /// The stored external id, or `GR-D<id>` for a demand stored without one (importing
    /// the export back gives the demand that id, instead of copying it).
    public var externalID: String
    public var title: String
    public var details: String?
    /// The category code (stable; names may be renamed).
    public var category: String
    public var orgCode: String
    public var sourceChannel: SourceChannel
    public var quantity: Quantity
    public var priority: Priority
    public var beneficiaries: Int?
    public var dueOn: CivilDate?
    public var state: DemandState
    public var filedOn: CivilDate
    public var isPublic: Bool
    public var publishedOn: CivilDate?
    public var escalationLevel: EscalationLevel
    public var settledLevel: EscalationLevel?

    /// The select list, days in the district's time `zone` (a parameter, as ``DemandListItem``'s).
    static func columns(zone: String) -> SQL {
        """
        d.id, coalesce(d.external_id, 'GR-D' || d.id) AS external_id, d.title, d.description, d.category_code,
        o.code AS org_code, d.source_channel, d.quantity, d.measure_unit, d.priority, d.beneficiaries,
        d.due_on::text AS due_on, d.state, (d.filed_at AT TIME ZONE \(zone))::date::text AS filed_on, d.is_public,
        d.published_on::text AS published_on, d.escalation_level, d.settled_level
        """
    }

    init(_ row: Row) throws {
        id = DemandID(try row.decode(Int64.self, "id"))
        externalID = try row.decode(String.self, "external_id")
        title = try row.decode(String.self, "title")
        details = try row.decode(String?.self, "description")
        category = try row.decode(String.self, "category_code")
        orgCode = try row.decode(String.self, "org_code")
        sourceChannel = try SourceChannel(try row.decode(String.self, "source_channel"))
        quantity = try Quantity(try row.decode(Int64.self, "quantity"), try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")))
        priority = try Priority(try row.decode(Int.self, "priority"))
        beneficiaries = try row.decode(Int?.self, "beneficiaries")
        dueOn = try row.decode(String?.self, "due_on").map(CivilDate.init)
        state = try DemandState(parsing: try row.decode(String.self, "state"))
        filedOn = try CivilDate(try row.decode(String.self, "filed_on"))
        isPublic = try row.decode(Bool.self, "is_public")
        publishedOn = try row.decode(String?.self, "published_on").map(CivilDate.init)
        escalationLevel = try EscalationLevel(parsing: try row.decode(String.self, "escalation_level"))
        settledLevel = try row.decode(String?.self, "settled_level").map { try EscalationLevel(parsing: $0) }
    }
}
