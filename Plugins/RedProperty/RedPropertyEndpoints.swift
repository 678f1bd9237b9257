import Foundation
import Postgres
import Registry
import RegistryStore

/// The red-property operations of the HTTP API (`…/modules/red_property/…`).
struct RedPropertyEndpoints: ModuleEndpoints {
    struct Raise: Decodable { var compound: String; var title: String; var source: ProblemSource; var on: CivilDate? }
    struct Day: Decodable { var on: CivilDate? }
    struct Response: Decodable { var response: String; var on: CivilDate? }
    struct Closure: Decodable { var fix: String; var on: CivilDate? }

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "problems", .read, summary: "物业问题台账 The property problem ledger, newest first",
                           query: [.init("status", .choice(ProblemStatus.allCases.map(\.rawValue)), "The problems' status"), .init("overdue_on", .date, "Escalations unanswered by this day")]) { request in
                let status = try request.query("status", as: ProblemStatus.self)
                let overdue = try request.query["overdue_on"].map { try CivilDate($0) }
                return .json(try await RedPropertyStore.problems(status: status, overdueOn: overdue, in: request.tx))
            },
            ModuleEndpoint(.post, "problems", .write, summary: "登记物业问题 Raise a problem in a compound",
                           body: [.init("compound", .text, required: true, "Compound code"), .init(RedPropertyFields.title, required: true),
                                  .init(FieldDeclaration("source", chinese: "提出方", kind: .words(ProblemSource.allCases.map { .init($0.rawValue, $0.chineseName) }),
                                        summary: "Who raised it"), required: true), .init("on", .date)],
                           place: .bodyField("compound")) { request in
                let input = try request.decode(Raise.self)
                return .json(try await RedPropertyStore.raise(compound: input.compound, title: input.title, by: input.source, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "problems/{id}/escalation", .write, summary: "提交红色物业联席会 Escalate to the joint committee",
                           body: [.init("on", .date)], place: .record(problemPlace)) { request in
                let input = try request.decode(Day.self)
                return .json(try await RedPropertyStore.escalate(try request.id(), on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "problems/{id}/response", .write, summary: "答复 Record the response",
                           body: [.init(RedPropertyFields.response, required: true), .init("on", .date)], place: .record(problemPlace)) { request in
                let input = try request.decode(Response.self)
                return .json(try await RedPropertyStore.respond(try request.id(), response: input.response, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "problems/{id}/closure", .write, summary: "办结 Close with the fix",
                           body: [.init(RedPropertyFields.fix, required: true), .init("on", .date)], place: .record(problemPlace)) { request in
                let input = try request.decode(Closure.self)
                return .json(try await RedPropertyStore.close(try request.id(), fix: input.fix, on: input.on, in: request.tx), status: 201)
            },
        ]
    }

    }

/// The org unit of a problem's compound: where writes on the problem happen.
@Sendable private func problemPlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("""
        SELECT c.org_unit_id FROM red_property_problem p JOIN red_property_compound c ON c.tenant_id = p.tenant_id AND c.id = p.compound_id
        WHERE p.tenant_id = \(tx.tenantID) AND p.id = \(id)
        """).first?.decode(Int64.self, "org_unit_id")
}
