import APISchema
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// The bodies the demand routes take, with the schemas the document shows for them.
enum DemandInputs {
    /// The intake's body: the demand's declared fields (``DemandDraft/Field``) and `submit`.
    static let intakeSchema = Schema.body(DemandDraft.Field.all, extra: [
        ("submit", .boolean(description: "File as submitted (default) or keep as a draft")),
    ])

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

    /// What an edit may change (``DemandRevision``), as declared.
    static let revisionSchema = Schema.object([
        DemandDraft.Field.title, DemandDraft.Field.description, DemandDraft.Field.priority, DemandDraft.Field.dueOn,
        DemandDraft.Field.beneficiaries, DemandDraft.Field.isPublic, DemandDraft.Field.publishedOn,
    ].map { ($0.name, Schema($0)) })

    /// `PATCH …/demands/{key}`.
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
        ("rating", .object([("score", .integer(minimum: 1, maximum: 5)), ("comment", .string(maxLength: Rating.maximumCommentLength))],
                           required: ["score"])),
        ("visibility", .string(values: ["internal", "public"], description: "public by default")),
    ], required: ["to"])

    /// `POST …/demands/{key}/transitions`.
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

    /// `POST …/demands/{key}/escalations`.
    struct Escalation: Decodable {
        var to: EscalationLevel
        var reason: String
    }
}
