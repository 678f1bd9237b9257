import Foundation
import Postgres
import Registry
import RegistryStore

/// The deliberation operations of the HTTP API (`…/modules/deliberation/…`).
struct DeliberationEndpoints: ModuleEndpoints {
    struct Case: Decodable {
        var placeCode: String
        var kind: String
        var title: String
        var openedOn: CivilDate
        enum CodingKeys: String, CodingKey { case placeCode = "place_code", kind, title, openedOn = "opened_on" }
    }
    struct Present: Decodable { var role: String; var attendees: Int?; var names: [PersonalName]?; var position: String? }
    struct Round: Decodable {
        var heldOn: CivilDate
        var attendance: [Present]
        var note: String?
        enum CodingKeys: String, CodingKey { case heldOn = "held_on", attendance, note }
    }
    struct Advance: Decodable { var to: String }
    struct Close: Decodable { var on: CivilDate? }
    struct Result: Decodable { var result: CaseResult; var agreement: String; var split: [CostShare]? }
    struct Publication: Decodable {
        var publicText: String
        var on: CivilDate?
        enum CodingKeys: String, CodingKey { case publicText = "public_text", on }
    }
    struct Demand: Decodable {
        var category: String
        var quantity: Quantity
        var priority: Priority?
        var dueOn: CivilDate?
        var on: CivilDate?
        enum CodingKeys: String, CodingKey { case category, quantity, priority, dueOn = "due_on", on }
    }

    static let presentFields: [ModuleEndpoint.Field] = [
        .init("role", .text, required: true, "One of the district's roles (setting roles)"),
        .init(DeliberationFields.attendees), .init("names", .list(DeliberationFields.name), "Who came (personal data: masked in every answer)"),
        .init(DeliberationFields.position),
    ]
    static let shareFields: [ModuleEndpoint.Field] = [
        .init("party", .text, required: true, "Who pays: 物业企业, 居民 …"),
        .init("basis_points", .integer, required: true, "The share in basis points (5000 = 50%); the shares add up to 10000"),
    ]

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "cases", .read, summary: "协商议题 Cases, newest first",
                           query: [.init("step", .text, "Cases at this step"), .init("kind", .text, "Cases of this kind of matter"),
                                   .init("open", .boolean, "true: only the cases not closed")]) { request in
                let open: Bool
                switch request.query["open"] {
                case nil, "false": open = false
                case "true": open = true
                case let other?: throw RegistryError(.invalidValue, field: "query:open", chinese: "取值须为 true 或 false", english: "must be true or false, got \(other)")
                }
                return .json(try await DeliberationStore.cases(step: request.query["step"], kind: request.query["kind"], openOnly: open, in: request.tx))
            },
            ModuleEndpoint(.post, "cases", .write, summary: "受理议题 Open a case at the first step",
                           body: [.init("place_code", .text, required: true, "Org unit code"), .init(DeliberationFields.kind, required: true),
                                  .init(DeliberationFields.title, required: true), .init("opened_on", .date, required: true)],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Case.self)
                let draft = CaseDraft(placeCode: input.placeCode, kind: input.kind, title: input.title, openedOn: input.openedOn)
                return .json(try await DeliberationStore.open(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.get, "cases/{id}", .read, summary: "议题及各轮协商（姓名已遮挡）A case with its rounds (names masked)") { request in
                .json(try await DeliberationStore.show(try request.id(), in: request.tx))
            },
            ModuleEndpoint(.post, "cases/{id}/rounds", .write, summary: "记录一轮协商 Record a round, with who came by role",
                           body: [.init("held_on", .date, required: true), .init("attendance", .objectList(Self.presentFields), required: true, "Who came, by role"),
                                  .init(DeliberationFields.note)], place: .record(casePlace)) { request in
                let input = try request.decode(Round.self)
                let draft = RoundDraft(heldOn: input.heldOn, attendance: input.attendance.map {
                    Attendance(role: $0.role, count: $0.attendees, names: $0.names ?? [], position: $0.position)
                }, note: input.note)
                return .json(try await DeliberationStore.holdRound(try request.id(), draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "cases/{id}/advance", .write, summary: "进入下一步 Move a case to the next step (no skipping, no going back)",
                           body: [.init("to", .text, required: true, "The next step")], place: .record(casePlace)) { request in
                let input = try request.decode(Advance.self)
                return .json(try await DeliberationStore.advance(try request.id(), to: input.to, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "cases/{id}/close", .write, summary: "办结 Close a case at the last step",
                           body: [.init("on", .date)], place: .record(casePlace)) { request in
                let input = try request.decode(Close.self)
                return .json(try await DeliberationStore.close(try request.id(), on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "cases/{id}/result", .write, summary: "协商结果（可含费用分摊）Record the result, with an exact cost split",
                           body: [.init("result", .choice(CaseResult.allCases.map(\.rawValue)), required: true, "settled or unsettled"),
                                  .init(DeliberationFields.agreement, required: true),
                                  .init("split", .objectList(Self.shareFields), "Who pays what share; settled only")],
                           place: .record(casePlace)) { request in
                let input = try request.decode(Result.self)
                let draft = ResultDraft(result: input.result, agreement: input.agreement, split: input.split.map(CostSplit.init))
                return .json(try await DeliberationStore.recordResult(try request.id(), draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "cases/{id}/publication", .write, summary: "公示结果 Publish the result (no residents' names)",
                           body: [.init(DeliberationFields.publicText, required: true), .init("on", .date)], place: .record(casePlace)) { request in
                let input = try request.decode(Publication.self)
                return .json(try await DeliberationStore.publish(try request.id(), text: input.publicText, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "cases/{id}/demand", .write, summary: "转为需求清单 File the agreed work as a demand (source: deliberation)",
                           body: [.init(DemandDraft.Field.category, required: true), .init(DemandDraft.Field.quantity, required: true),
                                  .init(DemandDraft.Field.priority), .init(DemandDraft.Field.dueOn), .init("on", .date, "The day it is filed (default today)")],
                           place: .record(casePlace)) { request in
                let input = try request.decode(Demand.self)
                let demand = CaseDemandRequest(category: input.category, quantity: input.quantity, priority: input.priority ?? .normal,
                                               dueOn: input.dueOn, filedOn: input.on)
                return .json(try await DeliberationStore.turnIntoDemand(try request.id(), demand, in: request.tx), status: 201)
            },
            ModuleEndpoint(.get, "results", .read, summary: "已公示的协商结果 Published results (no names, no internal notes)") { request in
                .json(try await DeliberationStore.publishedResults(in: request.tx))
            },
        ]
    }
}

/// The org unit of a case: where writes on the case happen.
@Sendable private func casePlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("SELECT org_unit_id FROM deliberation_case WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
        .first?.decode(Int64.self, "org_unit_id")
}
