import Foundation
import Postgres
import Registry
import RegistryStore

/// The micro-wish operations of the HTTP API (`…/modules/micro_wishes/…`). Reads answer any
/// account of the district, a viewer's too, so what they answer carries no personal data:
/// no wisher's name or phone (which the API takes but never gives back), the volunteer masked.
struct MicroWishEndpoints: ModuleEndpoints {
    struct Wish: Decodable {
        var placeCode: String
        var title: String
        var details: String?
        var category: String
        var estimatedValue: Money?
        var postedOn: CivilDate?
        var wisherName: PersonalName?
        var wisherPhone: PhoneNumber?
        enum CodingKeys: String, CodingKey {
            case placeCode = "place_code", title, details, category, estimatedValue = "estimated_value", postedOn = "posted_on"
            case wisherName = "wisher_name", wisherPhone = "wisher_phone"
        }
    }
    struct Claim: Decodable { var unit: String?; var volunteer: PersonalName?; var holder: String?; var on: CivilDate? }
    struct Fulfilment: Decodable { var note: String?; var on: CivilDate? }
    struct Confirmation: Decodable { var by: WishConfirmer; var on: CivilDate? }
    struct Withdrawal: Decodable { var reason: String?; var on: CivilDate? }

    var endpoints: [ModuleEndpoint] {
        [
            ModuleEndpoint(.get, "wishes", .read, summary: "微心愿（久未认领的在前）Wishes, aging ones first (no personal data)",
                           query: [.init("state", .choice(WishState.allCases.map(\.rawValue)), "Where the wishes stand"),
                                   .init("open", .boolean, "Only those not confirmed or withdrawn"),
                                   .init("aging", .boolean, "Only those unclaimed for the district's aging days")]) { request in
                let state = try request.query("state", as: WishState.self)
                let wishes = try await MicroWishStore.wishes(
                    state: state, openOnly: try flag(request, "open"), agingOnly: try flag(request, "aging"), in: request.tx)
                return .json(wishes)
            },
            ModuleEndpoint(.get, "wishes/{id}", .read, summary: "一个微心愿 A wish (no personal data)") { request in
                .json(try await MicroWishStore.show(try request.id(), in: request.tx))
            },
            ModuleEndpoint(.post, "wishes", .write, summary: "发布微心愿 Publish a wish (the wisher's contact is kept, never shown)",
                           body: [.init("place_code", .text, required: true, "Where the wisher lives: an org code"),
                                  .init(MicroWishFields.title, required: true), .init(MicroWishFields.details),
                                  .init(MicroWishFields.category, required: true), .init(MicroWishFields.estimatedValue),
                                  .init("posted_on", .date, "Default today"),
                                  .init("wisher_name", .text, "The wisher's name (personal data: kept, never listed)"),
                                  .init("wisher_phone", .text, "The wisher's phone (personal data: kept, never listed)")],
                           place: .bodyField("place_code")) { request in
                let input = try request.decode(Wish.self)
                let draft = WishDraft(placeCode: input.placeCode, title: input.title, details: input.details, category: input.category,
                                      estimatedValue: input.estimatedValue, postedOn: input.postedOn,
                                      wisherName: input.wisherName, wisherPhone: input.wisherPhone)
                return .json(try await MicroWishStore.post(draft, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "wishes/{id}/claim", .write, summary: "认领 Claim a wish: a unit, or a volunteer (with a points holder code or not)",
                           body: [.init(MicroWishFields.unit), .init(MicroWishFields.volunteer), .init(MicroWishFields.holder), .init("on", .date)],
                           place: .record(wishPlace)) { request in
                let input = try request.decode(Claim.self)
                let claimant: WishClaimant
                switch (input.unit, input.volunteer) {
                case let (unit?, nil) where input.holder == nil: claimant = .unit(unit)
                case let (nil, volunteer?): claimant = .volunteer(volunteer, holder: input.holder)
                default:
                    throw RegistryError(.invalidValue, field: "unit", chinese: "认领须写单位或志愿者之一（积分编号只属志愿者）",
                                        english: "a claim names either a unit or a volunteer (a holder code goes with a volunteer)")
                }
                return .json(try await MicroWishStore.claim(try request.id(), by: claimant, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "wishes/{id}/release", .write, summary: "释放认领 Give a claim up: the wish waits again",
                           place: .record(wishPlace)) { request in
                .json(try await MicroWishStore.release(try request.id(), in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "wishes/{id}/fulfil", .write, summary: "已实现 The claimant has done it",
                           body: [.init(MicroWishFields.fulfilmentNote), .init("on", .date)], place: .record(wishPlace)) { request in
                let input = try request.decode(Fulfilment.self)
                return .json(try await MicroWishStore.fulfil(try request.id(), note: input.note, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "wishes/{id}/confirm", .write, summary: "居民确认 The resident (or the community for them) confirms it came true",
                           body: [.init("by", .choice(WishConfirmer.allCases.map(\.rawValue)), required: true, "resident or community"),
                                  .init("on", .date)], place: .record(wishPlace)) { request in
                let input = try request.decode(Confirmation.self)
                return .json(try await MicroWishStore.confirm(try request.id(), by: input.by, on: input.on, in: request.tx), status: 201)
            },
            ModuleEndpoint(.post, "wishes/{id}/withdraw", .write, summary: "撤回 Withdraw a wish not yet fulfilled",
                           body: [.init(MicroWishFields.withdrawalReason), .init("on", .date)], place: .record(wishPlace)) { request in
                let input = try request.decode(Withdrawal.self)
                return .json(try await MicroWishStore.withdraw(try request.id(), reason: input.reason, on: input.on, in: request.tx), status: 201)
            },
        ]
    }
}

/// A yes/no query parameter: absent is no.
private func flag(_ request: ModuleRequest, _ name: String) throws -> Bool {
    switch request.query[name] {
    case nil, "false": return false
    case "true": return true
    case let other?:
        throw RegistryError(.invalidValue, field: "query:\(name)", chinese: "取值须为 true 或 false", english: "must be true or false, got \(other)")
    }
}

/// The org unit of a wish: where writes on it happen.
@Sendable private func wishPlace(_ id: Int64, _ tx: TenantTransaction) async throws -> Int64? {
    try await tx.connection.query("SELECT org_unit_id FROM micro_wishes_wish WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
        .first?.decode(Int64.self, "org_unit_id")
}
