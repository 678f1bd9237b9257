import Foundation
import Postgres
public import Registry

/// One line of a demand list, as `govreg demand list` and the console show it: what the
/// need is, where, how big, and where it stands. No personal data: the reporter is not here.
public struct DemandListItem: Sendable, Hashable, Codable, Identifiable {
    public var id: DemandID
    public var externalID: String?
    public var title: String
    /// The category code, e.g. `elderly_care`.
    public var category: String
    /// The tenant's Chinese name for the category, e.g. 养老服务.
    public var categoryName: String
    /// The code and name of the org unit where the need arises.
    public var orgCode: String
    public var orgName: String
    public var sourceChannel: SourceChannel
    public var quantity: Quantity
    public var priority: Priority
    public var dueOn: CivilDate?
    public var state: DemandState
    public var escalationLevel: EscalationLevel
    /// The day the need was raised.
    public var filedOn: CivilDate
    public var isPublic: Bool

    /// The select list that ``init(_:)`` reads, over `demand d`, `org_unit o` and
    /// `tenant_category c`; days in the district's time `zone` (the transaction's, a
    /// parameter: `district_time_zone()` would read `tenant` from inside a Citus shard's query).
    static func columns(zone: String) -> SQL {
        """
        d.id, d.external_id, d.title, d.category_code, c.name_zh AS category_name, o.code AS org_code,
        o.name AS org_name, d.source_channel, d.quantity, d.measure_unit, d.priority, d.due_on::text AS due_on,
        d.state, d.escalation_level, (d.filed_at AT TIME ZONE \(zone))::date::text AS filed_on, d.is_public
        """
    }

    init(_ row: Row) throws {
        id = DemandID(try row.decode(Int64.self, "id"))
        externalID = try row.decode(String?.self, "external_id")
        title = try row.decode(String.self, "title")
        category = try row.decode(String.self, "category_code")
        categoryName = try row.decode(String.self, "category_name")
        orgCode = try row.decode(String.self, "org_code")
        orgName = try row.decode(String.self, "org_name")
        sourceChannel = try SourceChannel(try row.decode(String.self, "source_channel"))
        quantity = try Quantity(try row.decode(Int64.self, "quantity"), try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")))
        priority = try Priority(try row.decode(Int.self, "priority"))
        dueOn = try row.decode(String?.self, "due_on").map(CivilDate.init)
        state = try DemandState(parsing: try row.decode(String.self, "state"))
        escalationLevel = try EscalationLevel(parsing: try row.decode(String.self, "escalation_level"))
        filedOn = try CivilDate(try row.decode(String.self, "filed_on"))
        isPublic = try row.decode(Bool.self, "is_public")
    }
}
