import Foundation
import Postgres
import Registry
import RegistryStore
import RegistryImport
import SpreadsheetCSV

/// A valid one-row file of one list, which ``InputCatalogueTests/everyTextOfEveryImportFile()``
/// imports with each cell in place of each text column.
struct ImportBaseline: Sendable {
    /// The file's columns, in order, by their English names.
    var columns: [String]
    /// The text columns this variant answers for, each with the SQL (over the row `x` of
    /// ``table``) that reads it back; a reference (a code naming another record) by the key
    /// of the record it found. nil for a cell no text alone makes valid (an allocation is
    /// `RESOURCE_ID:QUANTITY`).
    var texts: [String: String?]
    /// The column that identifies a row (its code or external id), if the list has one.
    var key: String?
    /// Where the list's rows are stored.
    var table: String
    /// The text whose value (unique per row) a whole-file import is read back by.
    var primary: String
    /// Makes what the row needs; gives its values by column.
    var prepare: @Sendable (Setup) async throws -> [String: String]

    /// The file: the header, then one row of `values`, every cell quoted.
    func csv(_ values: [String: String], lineEnd: String = "\n") -> String {
        let quoted = columns.map { "\"" + (values[$0] ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return columns.joined(separator: ",") + lineEnd + quoted.joined(separator: ",") + lineEnd
    }

    /// Whether a row of ``table`` holds `text`, byte for byte, where `read` reads.
    func holds(_ read: String, _ text: String, _ f: APIFixture) async throws -> Bool {
        try await f.database.operatorPool.query(
            "SELECT count(*) AS n FROM \(identifier: table) x WHERE \(unsafeRaw: read) = \(text)")[0].decode(Int.self, "n") > 0
    }

    /// The code of the org unit `id` names.
    static func code(_ id: String) -> String {
        "(SELECT o.code FROM org_unit o WHERE o.tenant_id = x.tenant_id AND o.id = \(id))"
    }

    /// The external id of the row of `table` that `id` names.
    static func key(_ table: String, _ id: String) -> String {
        "(SELECT k.external_id FROM \(table) k WHERE k.tenant_id = x.tenant_id AND k.id = \(id))"
    }

    /// The codes of the org units `link` ties to the row (a unit's communities, a resource's area).
    static func codes(_ link: String, _ owner: String) -> String {
        """
        (SELECT string_agg(o.code, ';' ORDER BY o.code) FROM \(link) l JOIN org_unit o ON o.tenant_id = l.tenant_id AND o.id = l.org_unit_id
         WHERE l.tenant_id = x.tenant_id AND l.\(owner) = x.id)
        """
    }

    /// What a member's registration names (`what` with its join condition on `d`).
    static func registration(_ what: String, _ on: String) -> String {
        "(SELECT \(what) JOIN duty_registration d ON d.tenant_id = x.tenant_id AND d.person_id = x.id WHERE \(on))"
    }

    /// The external ids of the demands a project serves.
    static let demands = """
        (SELECT string_agg(d.external_id, ';' ORDER BY d.external_id) FROM project_demand p
         JOIN demand d ON d.tenant_id = p.tenant_id AND d.id = p.demand_id WHERE p.tenant_id = x.tenant_id AND p.project_id = x.id)
        """

    /// Each list's columns, from its reader: a column added there must be said here.
    static let headers: [String: [String]] = [
        "org": OrgUnitFile.header, "demands": DemandFile.header, "units": UnitFile.header, "members": MemberFile.header,
        "resources": ResourceFile.header, "projects": ProjectFile.header, "milestones": MilestoneFile.header,
        "progress": ProgressReportFile.header,
    ].mapValues { $0.fields.map(\.name) }

    /// The columns that are not text: days, numbers, yes/no and words of a vocabulary, whose
    /// readers refuse anything else with the line and column (their own tests hold that).
    static let notText: [String: Set<String>] = [
        "org": ["kind", "valid_from", "valid_to"],
        "demands": ["source_channel", "quantity", "measure_unit", "priority", "beneficiaries", "due_on", "state", "filed_on",
                    "is_public", "published_on", "escalation_level", "settled_level"],
        "units": ["kind"],
        "members": ["registered_on"],
        "resources": ["kind", "capacity", "measure_unit", "unit_cost", "available_from", "available_until", "status", "is_public",
                      "published_on"],
        "projects": ["budget", "starts_on", "due_on", "status", "progress_percent", "is_public", "published_on", "rating",
                     "completed_on", "checked_on"],
        "milestones": ["due_on", "done_on"],
        "progress": ["reported_on", "percent"],
    ]

    static let table: [String: [ImportBaseline]] = [
        "org": [ImportBaseline(
            columns: ["code", "name", "kind", "parent_code"],
            texts: ["code": "x.code", "name": "x.name", "parent_code": Self.code("x.parent_id")],
            key: "code", table: "org_unit", primary: "name") { s in
                ["code": "XO\(s.serial)", "name": "幸福小区\(s.serial)", "kind": "compound", "parent_code": "G11"]
            }],
        "units": [ImportBaseline(
            columns: ["external_id", "name", "kind", "contact_name", "contact_phone", "address", "communities"],
            texts: ["external_id": "x.external_id", "name": "x.name", "contact_name": "x.contact_name", "contact_phone": "x.contact_phone",
                    "address": "x.address", "communities": Self.codes("unit_community", "unit_id")],
            key: "external_id", table: "unit", primary: "name") { s in
                ["external_id": "UX\(s.serial)", "name": "县住建局\(s.serial)", "kind": "department", "contact_name": "王五",
                 "contact_phone": "13800138000", "address": "城关镇幸福路1号", "communities": "C1"]
            }],
        "members": [ImportBaseline(
            columns: ["external_id", "name", "phone", "id_card", "unit_external_id", "community_code", "registered_on"],
            texts: ["external_id": "x.external_id", "name": "x.name", "phone": "x.phone", "id_card": "x.id_card",
                    "unit_external_id": Self.registration("u.external_id FROM unit u", "u.tenant_id = d.tenant_id AND u.id = d.unit_id"),
                    "community_code": Self.registration("o.code FROM org_unit o", "o.tenant_id = d.tenant_id AND o.id = d.community_id")],
            key: "external_id", table: "person", primary: "external_id") { s in
                ["external_id": "MX\(s.serial)", "name": "张三", "phone": "13800138000", "unit_external_id": "U1", "community_code": "C1",
                 "registered_on": "2024-01-01"]
            }],
        "resources": [ImportBaseline(
            columns: ["external_id", "unit", "title", "description", "category", "kind", "capacity", "measure_unit", "service_area"],
            texts: ["external_id": "x.external_id", "unit": Self.key("unit", "x.unit_id"), "title": "x.title", "description": "x.description",
                    "category": "x.category_code", "service_area": Self.codes("resource_service_area", "resource_id")],
            key: "external_id", table: "resource", primary: "title") { s in
                ["external_id": "RX\(s.serial)", "unit": "U1", "title": "法律咨询\(s.serial)", "description": "每周一次",
                 "category": "housing_repair", "kind": "funds", "capacity": "1000", "measure_unit": "yuan", "service_area": "C1"]
            }],
        "demands": [ImportBaseline(
            columns: ["external_id", "title", "description", "category", "org_code", "quantity", "measure_unit"],
            texts: ["external_id": "x.external_id", "title": "x.title", "description": "x.description", "category": "x.category_code", "org_code": Self.code("x.org_unit_id")],
            key: "external_id", table: "demand", primary: "title") { s in
                ["external_id": "DX\(s.serial)", "title": "路灯不亮\(s.serial)", "description": "三号楼前", "category": "housing_repair",
                 "org_code": "G11", "quantity": "1", "measure_unit": "job"]
            }],
        "projects": [
            ImportBaseline(
                columns: ["external_id", "title", "description", "responsible_unit", "demands", "allocations"],
                texts: ["external_id": "x.external_id", "title": "x.title", "description": "x.description", "responsible_unit": Self.key("unit", "x.responsible_unit_id"),
                        "demands": Self.demands, "allocations": nil],
                key: "external_id", table: "project", primary: "title") { s in
                    ["external_id": "PX\(s.serial)", "title": "修补屋顶\(s.serial)", "description": "防水层", "responsible_unit": "U1",
                     "demands": try await s.demand(["accepted"]).externalID, "allocations": "R1:1"]
                },
            ImportBaseline(
                columns: ["external_id", "title", "responsible_unit", "demands", "status", "progress_percent", "rating", "rating_comment"],
                texts: ["rating_comment": "x.rating_comment"], key: "external_id", table: "project", primary: "title") { s in
                    ["external_id": "PX\(s.serial)", "title": "修补屋顶\(s.serial)", "responsible_unit": "U1",
                     "demands": try await s.demand(["accepted"]).externalID, "status": "completed", "progress_percent": "100",
                     "rating": "5", "rating_comment": "修好了"]
                },
            ImportBaseline(
                columns: ["external_id", "title", "responsible_unit", "demands", "status", "cancel_reason"],
                texts: ["cancel_reason": "x.cancel_reason"], key: "external_id", table: "project", primary: "title") { s in
                    ["external_id": "PX\(s.serial)", "title": "修补屋顶\(s.serial)", "responsible_unit": "U1",
                     "demands": try await s.demand(["accepted"]).externalID, "status": "cancelled", "cancel_reason": "经费未落实"]
                },
        ],
        "milestones": [ImportBaseline(
            columns: ["project_external_id", "title", "due_on"], texts: ["project_external_id": Self.key("project", "x.project_id"), "title": "x.title"],
            key: nil, table: "project_milestone", primary: "title") { s in
                ["project_external_id": try await s.project(), "title": "材料进场\(s.serial)", "due_on": "2030-01-01"]
            }],
        "progress": [ImportBaseline(
            columns: ["project_external_id", "reported_on", "percent", "note", "attachments"],
            texts: ["project_external_id": Self.key("project", "x.project_id"), "note": "x.note", "attachments": "x.attachments[1]"],
            key: nil, table: "project_progress", primary: "note") { s in
                ["project_external_id": try await s.project(["in_progress"]), "reported_on": try CivilDate.todayInChina().description,
                 "percent": "10", "note": "已进场\(s.serial)", "attachments": "https://example.org/a.jpg"]
            }],
    ]
}
