/// Invalid records for the door tests (`ProjectDoorsTests`, `ResourceDoorsTests`, the CLI's
/// `ProjectDoorTests`): the values that differ from a valid record, by field name, and the
/// fields at fault. One table, so that every door meets the same records.
public struct DoorCase: Sendable, CustomStringConvertible {
    public var name: String
    /// Field name → value as a file cell writes it (lists separated by `;`).
    public var values: [String: String]
    /// The fields the problems name.
    public var fields: [String]
    /// Whether a command line can carry the values (it cannot carry NUL).
    public var onCommandLine: Bool

    public init(_ name: String, _ values: [String: String], fields: [String], onCommandLine: Bool = true) {
        self.name = name
        self.values = values
        self.fields = fields
        self.onCommandLine = onCommandLine
    }

    public var description: String { name }

    /// The record: `base` with the case's values over it.
    public func record(over base: [String: String]) -> [String: String] {
        base.merging(values) { _, new in new }
    }

    /// A valid project but for the case's values.
    public static let projectBase = ["external_id": "P1", "title": "幸福路修补", "responsible_unit": "U1", "demands": "D1"]

    public static let projects: [DoorCase] = [
        DoorCase("blank title", ["title": "  "], fields: ["title"]),
        DoorCase("title over 200", ["title": String(repeating: "路", count: 201)], fields: ["title"]),
        DoorCase("NUL in the title", ["title": "a\u{0}b"], fields: ["title"], onCommandLine: false),
        DoorCase("description over 5000", ["description": String(repeating: "x", count: 5001)], fields: ["description"]),
        DoorCase("external id over 100", ["external_id": String(repeating: "P", count: 101)], fields: ["external_id"]),
        DoorCase("blank responsible unit", ["responsible_unit": " "], fields: ["responsible_unit"]),
        DoorCase("no demand", ["demands": " "], fields: ["demands"]),
        DoorCase("a resource allocated twice", ["allocations": "R1:5;R1:6"], fields: ["allocations"]),
        DoorCase("negative budget", ["budget": "-5"], fields: ["budget"]),
        DoorCase("due before the start", ["starts_on": "2024-06-01", "due_on": "2024-05-31"], fields: ["due_on"]),
        DoorCase("several at once", ["title": "", "responsible_unit": "", "starts_on": "2024-06-01", "due_on": "2024-01-01"],
                 fields: ["title", "responsible_unit", "due_on"]),
    ]

    /// A valid resource but for the case's values.
    public static let resourceBase = [
        "external_id": "R1", "unit": "U1", "title": "法律咨询服务", "category": "elderly_care", "kind": "professional_service",
        "capacity": "40", "measure_unit": "volunteer_hours",
    ]

    public static let resources: [DoorCase] = [
        DoorCase("blank title", ["title": "  "], fields: ["title"]),
        DoorCase("title over 200", ["title": String(repeating: "法", count: 201)], fields: ["title"]),
        DoorCase("NUL in the description", ["description": "a\u{0}b"], fields: ["description"]),
        DoorCase("external id over 100", ["external_id": String(repeating: "R", count: 101)], fields: ["external_id"]),
        DoorCase("blank unit", ["unit": " "], fields: ["unit"]),
        DoorCase("blank category", ["category": " "], fields: ["category"]),
        DoorCase("capacity 0", ["capacity": "0"], fields: ["capacity"]),
        DoorCase("negative unit cost", ["unit_cost": "-1.50"], fields: ["unit_cost"]),
        DoorCase("an org code over 100", ["service_area": String(repeating: "C", count: 101)], fields: ["service_area"]),
        DoorCase("window ending before it starts", ["available_from": "2024-06-02", "available_until": "2024-06-01"],
                 fields: ["available_until"]),
        DoorCase("several at once", ["title": "", "unit": "", "available_from": "2024-06-02", "available_until": "2024-06-01"],
                 fields: ["unit", "title", "available_until"]),
    ]
}

/// One problem as a door reports it: the field (a file's column, an API's JSON pointer
/// without its slash, a command's field name) and the reason, comparable across doors.
public struct DoorProblem: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public static func < (a: DoorProblem, b: DoorProblem) -> Bool { (a.field, a.reason) < (b.field, b.reason) }
    public var description: String { "\(field): \(reason)" }
}
