import Foundation
import Postgres
import Registry
import RegistryStore

/// The bench-talk operations of the HTTP API (`…/modules/bench_talk/…`).
struct BenchTalkEndpoints: ModuleEndpoints {
    struct Meeting: Decodable {
        var heldOn: CivilDate
        var placeCode: String
        var host: String
        var attendees: Int?
        var photos: [String]?
        var note: String?
        var topics: [String]
        enum CodingKeys: String, CodingKey { case heldOn = "held_on", placeCode = "place_code", host, attendees, photos, note, topics }
    }

    struct Answer: Decodable { var answer: String; var on: CivilDate? }
    struct Referral: Decodable { var to: String; var on: CivilDate? }
    struct Demand: Decodable {
        var category: String
        var quantity: Quantity
        var priority: Priority?
        var dueOn: CivilDate?
        enum CodingKeys: String, CodingKey { case category, quantity, priority, dueOn = "due_on" }
    }

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "topics", .read, summary: "板凳会议题 Topics, newest meeting first",
                           query: [.init("outcome", .choice(TopicOutcome.allCases.map(\.rawValue)), "What became of the topics"), .init("overdue_on", .date, "Open topics overdue on this day")]) { request in
                let outcome = try request.query("outcome", as: TopicOutcome.self)
                let overdue = try request.query["overdue_on"].map { try CivilDate($0) }
                return .json(try await BenchTalkStore.topics(outcome: outcome, overdueOn: overdue, in: request.tx))
            },
            ModuleEndpoint(.post, "meetings", .write, summary: "记录一次板凳会及其议题 Record a meeting and the topics raised",
                           body: [.init("held_on", .date, required: true), .init("place_code", .text, required: true, "Org unit code"),
                                  .init(BenchTalkFields.host, required: true), .init(BenchTalkFields.attendees), .init("photos", .textList, "http(s) links"),
                                  .init(BenchTalkFields.note), .init("topics", .list(BenchTalkFields.topic), required: true, "The topics raised")],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Meeting.self)
                let draft = MeetingDraft(heldOn: input.heldOn, placeCode: input.placeCode, host: input.host, attendees: input.attendees ?? 0,
                                         photos: input.photos ?? [], note: input.note, topics: input.topics)
                return .json(try await BenchTalkStore.hold(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "topics/{id}/answer", .write, summary: "当场答复 Answer a topic",
                           body: [.init(BenchTalkFields.answer, required: true), .init("on", .date)], place: .record(topicPlace)) { request in
                let input = try request.decode(Answer.self)
                return .json(try await BenchTalkStore.answer(try request.id(), answer: input.answer, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "topics/{id}/referral", .write, summary: "上报 Refer a topic up",
                           body: [.init(BenchTalkFields.referredTo, required: true), .init("on", .date)],
                           place: .record(topicPlace)) { request in
                let input = try request.decode(Referral.self)
                return .json(try await BenchTalkStore.refer(try request.id(), to: input.to, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "topics/{id}/demand", .write, summary: "转为需求清单 File a topic as a demand (source: bench talk)",
                           body: [.init(DemandDraft.Field.category, required: true), .init(DemandDraft.Field.quantity, required: true),
                                  .init(DemandDraft.Field.priority), .init(DemandDraft.Field.dueOn)], place: .record(topicPlace)) { request in
                let input = try request.decode(Demand.self)
                let demand = TopicDemandRequest(category: input.category, quantity: input.quantity, priority: input.priority ?? .normal, dueOn: input.dueOn)
                return .json(try await BenchTalkStore.turnIntoDemand(try request.id(), demand, in: request.tx), status: 201)
            },
        ]
    }

    }

/// The org unit of a topic's meeting: where writes on the topic happen.
@Sendable private func topicPlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("""
        SELECT m.org_unit_id FROM bench_talk_topic t JOIN bench_talk_meeting m ON m.tenant_id = t.tenant_id AND m.id = t.meeting_id
        WHERE t.tenant_id = \(tx.tenantID) AND t.id = \(id)
        """).first?.decode(Int64.self, "org_unit_id")
}
