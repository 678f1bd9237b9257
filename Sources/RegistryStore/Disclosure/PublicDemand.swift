import Foundation
import Postgres
public import Registry

/// A demand as residents see it on the disclosed list (公示): read from the `public_demand`
/// view, so public items only, a coarse ``PublicStatus``, no personal data, no internal
/// notes, reasons, actors or workflow states.
public struct PublicDemand: Sendable, Hashable, Codable, Identifiable {
    public var id: DemandID
    public var title: String
    public var category: String
    public var categoryName: String
    /// The name of the org unit (the community, the grid …), not its internal code.
    public var orgUnitName: String
    public var quantity: Quantity
    public var priority: Priority
    public var dueOn: CivilDate?
    public var publishedOn: CivilDate?
    public var publicStatus: PublicStatus
    public var filedOn: CivilDate
    /// The public statuses it went through, with their public notes.
    public var history: [PublicHistory.Entry]

    static let columns = """
        p.id, p.title, p.category_code, p.category_name, p.org_unit_name, p.quantity, p.measure_unit, p.priority,
        p.due_on::text AS due_on, p.published_on::text AS published_on, p.public_status, p.filed_on::text AS filed_on
        """

    init(_ row: Row, history: [PublicHistory.Entry]) throws {
        id = DemandID(try row.decode(Int64.self, "id"))
        title = try row.decode(String.self, "title")
        category = try row.decode(String.self, "category_code")
        categoryName = try row.decode(String.self, "category_name")
        orgUnitName = try row.decode(String.self, "org_unit_name")
        quantity = try Quantity(try row.decode(Int64.self, "quantity"), try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")))
        priority = try Priority(try row.decode(Int.self, "priority"))
        dueOn = try row.decode(String?.self, "due_on").map(CivilDate.init)
        publishedOn = try row.decode(String?.self, "published_on").map(CivilDate.init)
        publicStatus = try PublicStatus(parsing: try row.decode(String.self, "public_status"))
        filedOn = try CivilDate(try row.decode(String.self, "filed_on"))
        self.history = history
    }

    /// Collapses the rows of `public_demand_history` (oldest first) as ``PublicHistory``
    /// does with events: consecutive rows with one status make one entry.
    static func history(_ rows: some Sequence<(status: PublicStatus, at: Date, note: String?)>) -> [PublicHistory.Entry] {
        var entries: [PublicHistory.Entry] = []
        for row in rows {
            if let last = entries.last, last.status == row.status {
                if let note = row.note { entries[entries.count - 1].notes.append(note) }
            } else {
                entries.append(PublicHistory.Entry(status: row.status, since: row.at, notes: row.note.map { [$0] } ?? []))
            }
        }
        return entries
    }
}
