import Foundation
import Postgres
import Registry
import RegistryStore

/// The mediation-room operations of the HTTP API (`…/modules/mediation_room/…`).
struct MediationEndpoints: ModuleEndpoints {
    struct Party: Decodable { var role: PartyRole; var name: PersonalName; var phone: PhoneNumber? }
    static let partyFields: [ModuleEndpoint.Field] = [
        .init("role", .choice(PartyRole.allCases.map(\.rawValue)), required: true, "The party's side"),
        .init("name", .text, required: true, "The party's name (masked in every list)"),
        .init("phone", .text, "A mainland mobile number (masked in every list)"),
    ]
    struct Case: Decodable {
        var placeCode: String
        var title: String
        var grade: CaseGrade
        var mediator: String
        var openedOn: CivilDate
        var parties: [Party]
        enum CodingKeys: String, CodingKey { case placeCode = "place_code", title, grade, mediator, openedOn = "opened_on", parties }
    }
    struct Note: Decodable { var note: String; var on: CivilDate? }
    struct Move: Decodable { var to: CaseColour; var note: String; var outcome: CaseOutcome?; var on: CivilDate? }

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "cases", .read, summary: "调解案件（当事人信息已遮挡）Cases, newest first (parties masked)",
                           query: [.init("colour", .choice(CaseColour.allCases.map(\.rawValue)), "The case's colour"),
                                   .init("grade", .choice(CaseGrade.allCases.map(\.rawValue)), "general or difficult")]) { request in
                let colour = try request.query("colour", as: CaseColour.self)
                let grade = try request.query("grade", as: CaseGrade.self)
                return .json(try await MediationStore.cases(colour: colour, grade: grade, in: request.tx))
            },
            ModuleEndpoint(.post, "cases", .write, summary: "受理调解 Open a case with its parties",
                           body: [.init("place_code", .text, required: true), .init(MediationFields.title, required: true),
                                  .init("grade", .choice(CaseGrade.allCases.map(\.rawValue)), required: true, "general or difficult"),
                                  .init(MediationFields.mediator, required: true),
                                  .init("opened_on", .date, required: true), .init("parties", .objectList(MediationEndpoints.partyFields), required: true, "The parties (当事人)")],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Case.self)
                let draft = CaseDraft(placeCode: input.placeCode, title: input.title, grade: input.grade, mediator: input.mediator,
                                      openedOn: input.openedOn, parties: input.parties.map { PartyDraft(role: $0.role, name: $0.name, phone: $0.phone) })
                return .json(try await MediationStore.open(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.get, "cases/{id}", .read, summary: "案件详情与调解日志 A case with its day-by-day log") { request in
                .json(try await MediationStore.show(try request.id(), in: request.tx))
            },
            ModuleEndpoint(.post, "cases/{id}/notes", .write, summary: "调解日志 Add the day's note",
                           body: [.init(MediationFields.note, required: true), .init("on", .date)], place: .record(casePlace)) { request in
                let input = try request.decode(Note.self)
                return .json(try await MediationStore.note(try request.id(), input.note, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "cases/{id}/moves", .write, summary: "换色：绿 → 黄 → 红（结案须写结果）Move a case to another colour",
                           body: [.init("to", .choice(CaseColour.allCases.map(\.rawValue)), required: true, "The colour it moves to"),
                                  .init(MediationFields.note, required: true),
                                  .init("outcome", .choice(CaseOutcome.allCases.map(\.rawValue)), "agreement, withdrawn or referred; closing (red) only"), .init("on", .date)],
                           place: .record(casePlace)) { request in
                let input = try request.decode(Move.self)
                return .json(try await MediationStore.move(try request.id(), to: input.to, note: input.note, outcome: input.outcome, on: input.on, in: request.tx), status: 201)
            },
        ]
    }

    }

/// The org unit of a case: where writes on the case happen.
@Sendable private func casePlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("SELECT org_unit_id FROM mediation_case WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
        .first?.decode(Int64.self, "org_unit_id")
}
