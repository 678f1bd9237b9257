import Foundation
import Postgres
import Registry
import RegistryStore

/// The points operations of the HTTP API (`…/modules/points/…`). The register (with display
/// names) is for those who may write; statements and totals name holders by code only.
struct PointsEndpoints: ModuleEndpoints {
    struct Rule: Decodable {
        var kind: String
        var chineseName: String
        var pointsPerUnit: Int
        var capPerPeriod: Int?
        var active: Bool?
        enum CodingKeys: String, CodingKey {
            case kind, chineseName = "chinese_name", pointsPerUnit = "points_per_unit", capPerPeriod = "cap_per_period", active
        }
    }
    struct Holder: Decodable {
        var code: String
        var kind: HolderKind?
        var place: String
        var displayName: String?
        enum CodingKeys: String, CodingKey { case code, kind, place, displayName = "display_name" }
    }
    struct Award: Decodable { var kind: String; var quantity: Int?; var occasion: String?; var on: CivilDate?; var note: String? }
    struct Redemption: Decodable { var points: Int; var item: String; var on: CivilDate?; var note: String? }

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "rules", .read, summary: "积分规则 The rule table") { request in
                .json(try await PointsStore.rules(in: request.tx))
            },
            ModuleEndpoint(.post, "rules", .admin, summary: "设置积分规则 Set a rule (a new kind, or new points, cap or state)",
                           body: [.init(PointsFields.kind, required: true), .init(PointsFields.kindName, required: true),
                                  .init(PointsFields.pointsPerUnit, required: true), .init(PointsFields.capPerPeriod),
                                  .init("active", .boolean, "false retires the rule (default true)")]) { request in
                let input = try request.decode(Rule.self)
                let rule = PointsRule(kind: input.kind, chineseName: input.chineseName, pointsPerUnit: input.pointsPerUnit,
                                      capPerPeriod: input.capPerPeriod, active: input.active ?? true)
                return .json(try await PointsStore.setRule(rule, in: request.tx), status: 201)
            },
            ModuleEndpoint(.get, "holders", .write, summary: "积分户 The register (by code), of a place and below",
                           query: [.init("place", .text, "An org code"), .init("code", .text, "One holder's code")]) { request in
                if let code = request.query["code"] { return .json([try await PointsStore.holder(code, in: request.tx)]) }
                return .json(try await PointsStore.holders(place: request.query["place"], in: request.tx))
            },
            ModuleEndpoint(.post, "holders", .write, summary: "登记积分户 Register a household or a resident",
                           body: [.init("code", .text, required: true, "The district's code (a household number)"),
                                  .init("kind", .choice(HolderKind.allCases.map(\.rawValue)), "household (default) or person"),
                                  .init("place", .text, required: true, "Org code of where the holder lives"), .init(PointsFields.displayName)],
                           place: .bodyField("place")) { request in
                let input = try request.decode(Holder.self)
                let draft = HolderDraft(code: input.code, kind: input.kind ?? .household, placeCode: input.place, displayName: input.displayName)
                return .json(try await PointsStore.register(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "holders/{id}/awards", .write, summary: "记录积分事项 Award points for a civic act, by the rule table",
                           body: [.init(PointsFields.kind, required: true), .init(PointsFields.quantity), .init(PointsFields.occasion),
                                  .init("on", .date), .init(PointsFields.note)],
                           place: .record(holderPlace)) { request in
                let input = try request.decode(Award.self)
                let holder = try await PointsStore.holder(id: try request.id(), in: request.tx)
                let outcome = try await PointsStore.award(holder: holder.code, kind: input.kind, quantity: input.quantity ?? 1,
                                                          occasion: input.occasion, on: input.on, note: input.note, in: request.tx)
                return .json(outcome, status: outcome.alreadyHeard ? 200 : 201)
            },
            ModuleEndpoint(.post, "holders/{id}/redemptions", .write, summary: "积分兑换 Redeem points (never below zero)",
                           body: [.init(PointsFields.points, required: true), .init(PointsFields.item, required: true), .init("on", .date),
                                  .init(PointsFields.note)],
                           place: .record(holderPlace)) { request in
                let input = try request.decode(Redemption.self)
                let holder = try await PointsStore.holder(id: try request.id(), in: request.tx)
                return .json(try await PointsStore.redeem(holder: holder.code, points: input.points, item: input.item, on: input.on,
                                                          note: input.note, in: request.tx), status: 201)
            },
            ModuleEndpoint(.get, "holders/{id}/statement", .read, summary: "积分对账单 A holder's monthly statement",
                           query: [.init("month", .text, "YYYY-MM (default this month)")]) { request in
                let holder = try await PointsStore.holder(id: try request.id(), in: request.tx)
                let month = try request.query["month"].map(PointsMonth.parse) ?? (try request.tx.today())
                return .json(try await PointsStore.statement(holder: holder.code, month: month, in: request.tx))
            },
            ModuleEndpoint(.get, "summary", .read, summary: "积分发放与兑换 Points issued by kind of act, and redeemed, in a period",
                           query: [.init("from", .date, "First day (default: the month's)"), .init("to", .date, "Last day (default: today)")]) { request in
                let today = try request.tx.today()
                let from = try request.query["from"].map { try CivilDate($0) } ?? (try CivilDate(year: today.year, month: today.month, day: 1))
                let to = try request.query["to"].map { try CivilDate($0) } ?? today
                return .json(try await PointsStore.summary(from: from, to: to, in: request.tx))
            },
            ModuleEndpoint(.get, "unpaid", .write, summary: "未发放事项 Acts heard but not paid, and why") { request in
                .json(try await PointsStore.unpaidActs(in: request.tx))
            },
        ]
    }
}

/// Where a holder lives: where awards and redemptions for it happen.
@Sendable private func holderPlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("""
        SELECT org_unit_id FROM points_holder WHERE tenant_id = \(tx.tenantID) AND id = \(id)
        """).first?.decode(Int64.self, "org_unit_id")
}
