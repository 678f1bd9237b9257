import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// The bodies the demand routes take, with the schemas the document shows for them.
enum DemandInputs {
    static let quantity = Schema.object([
        ("amount", .integer(minimum: 1, description: "In the unit's stored form: fen for yuan")),
        ("unit", .string(values: MeasureUnit.allCases.map(\.rawValue))),
    ], required: ["amount", "unit"])

    static let intakeSchema = Schema.object([
        ("title", .string(maxLength: 200)), ("description", .string(maxLength: 5000)),
        ("category", .string(description: "A category code or the district's Chinese name for it")),
        ("org_code", .string(description: "Where the need arises")),
        ("source_channel", .string(description: "door_to_door, grid_report, bench_talk, hotline_12345, online, other, or a module's")),
        ("reporter_id", .integer(minimum: 1)), ("beneficiaries", .integer(minimum: 0)), ("quantity", quantity),
        ("priority", .integer(minimum: 1, maximum: 5)), ("due_on", .string(format: "date")), ("is_public", .boolean()),
        ("published_on", .string(format: "date")), ("external_id", .string(maxLength: 100)), ("filed_on", .string(format: "date")),
        ("submit", .boolean(description: "File as submitted (default) or keep as a draft")),
    ], required: ["title", "category", "org_code", "quantity"])

    /// `POST …/demands`.
    struct Intake: Decodable {
        var title: String
        var description: String?
        var category: String
        var orgCode: String
        var sourceChannel: SourceChannel?
        var reporterID: Int64?
        var beneficiaries: Int?
        var quantity: Quantity
        var priority: Priority?
        var dueOn: CivilDate?
        var isPublic: Bool?
        var publishedOn: CivilDate?
        var externalID: String?
        var filedOn: CivilDate?
        var submit: Bool?

        enum CodingKeys: String, CodingKey {
            case title, description, category, orgCode = "org_code", sourceChannel = "source_channel", reporterID = "reporter_id"
            case beneficiaries, quantity, priority, dueOn = "due_on", isPublic = "is_public", publishedOn = "published_on"
            case externalID = "external_id", filedOn = "filed_on", submit
        }

        var draft: DemandDraft {
            DemandDraft(
                title: title, details: description, category: category, orgCode: orgCode, sourceChannel: sourceChannel ?? .other,
                reporter: reporterID.map { PersonID(rawValue: $0) }, beneficiaries: beneficiaries, quantity: quantity,
                priority: priority ?? .normal, dueOn: dueOn, isPublic: isPublic ?? false, publishedOn: publishedOn,
                externalID: externalID, filedOn: filedOn)
        }
    }

    static let revisionSchema = Schema.object([
        ("title", .string(maxLength: 200)), ("description", .string(maxLength: 5000)), ("priority", .integer(minimum: 1, maximum: 5)),
        ("due_on", .string(format: "date")), ("beneficiaries", .integer(minimum: 0)), ("is_public", .boolean()),
        ("published_on", .string(format: "date")),
    ])

    /// `PATCH …/demands/{id}`.
    struct Revision: Decodable {
        var title: String?
        var description: String?
        var priority: Priority?
        var dueOn: CivilDate?
        var beneficiaries: Int?
        var isPublic: Bool?
        var publishedOn: CivilDate?

        enum CodingKeys: String, CodingKey {
            case title, description, priority, dueOn = "due_on", beneficiaries, isPublic = "is_public", publishedOn = "published_on"
        }

        var revision: DemandRevision {
            DemandRevision(title: title, details: description, priority: priority, dueOn: dueOn, beneficiaries: beneficiaries,
                           isPublic: isPublic, publishedOn: publishedOn)
        }
    }

    static let transitionSchema = Schema.object([
        ("to", .string(values: DemandState.allCases.map(\.rawValue))), ("note", .string(maxLength: 2000)),
        ("reason", .string(maxLength: 2000, description: "Required to reject")), ("merged_into", .integer(minimum: 1)),
        ("rating", .object([("score", .integer(minimum: 1, maximum: 5)), ("comment", .string())], required: ["score"])),
        ("visibility", .string(values: ["internal", "public"], description: "public by default")),
    ], required: ["to"])

    /// `POST …/demands/{id}/transitions`.
    struct Transition: Decodable {
        var to: DemandState
        var note: String?
        var reason: String?
        var mergedInto: Int64?
        var rating: Rating?
        var visibility: EventVisibility?
        enum CodingKeys: String, CodingKey { case to, note, reason, mergedInto = "merged_into", rating, visibility }
    }

    static let escalationSchema = Schema.object([
        ("to", .string(values: EscalationLevel.allCases.map(\.rawValue))), ("reason", .string(maxLength: 2000)),
    ], required: ["to", "reason"])

    /// `POST …/demands/{id}/escalations`.
    struct Escalation: Decodable {
        var to: EscalationLevel
        var reason: String
    }
}
