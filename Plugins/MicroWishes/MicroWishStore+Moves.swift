import Foundation
import Postgres
import Registry
import RegistryStore

extension MicroWishStore {
    /// A wish as locked for a move: its state and the days it has reached so far.
    struct Locked {
        var id: Int64
        var state: WishState
        var postedOn: CivilDate
        var claimedOn: CivilDate?
        var fulfilledOn: CivilDate?
        var holder: String?

        /// The day a move to `next` may not precede.
        func earliest(_ next: WishState) -> CivilDate {
            switch next {
            case .claimed, .withdrawn, .posted: postedOn
            case .fulfilled: claimedOn ?? postedOn
            case .confirmed: fulfilledOn ?? claimedOn ?? postedOn
            }
        }
    }

    /// Locks the wish, checks the move and its day (`day`, or today), runs `write`, and
    /// returns the wish as it now stands.
    static func move(
        _ id: Int64, to next: WishState, on day: CivilDate?, in tx: TenantTransaction,
        _ write: (Locked, CivilDate) async throws -> Void
    ) async throws -> MicroWish {
        let rules = MicroWishRules(try await Self.enabledSettings(tx))
        guard let row = try await tx.connection.query("""
            SELECT state, posted_on::text AS posted_on, claimed_on::text AS claimed_on, fulfilled_on::text AS fulfilled_on, claimant_holder
            FROM micro_wishes_wish WHERE tenant_id = \(tx.tenantID) AND id = \(id) FOR UPDATE
            """).first else { throw RegistryStoreError.notFound(kind: "micro-wish 微心愿", key: "\(id)") }
        let wish = Locked(
            id: id, state: WishState(rawValue: try row.decode(String.self, "state"))!,
            postedOn: try CivilDate(try row.decode(String.self, "posted_on")),
            claimedOn: try row.decode(String?.self, "claimed_on").map(CivilDate.init),
            fulfilledOn: try row.decode(String?.self, "fulfilled_on").map(CivilDate.init),
            holder: try row.decode(String?.self, "claimant_holder"))
        try wish.state.check(next)
        let today = try tx.today()
        let date = day ?? today
        try Self.check(date, notBefore: wish.earliest(next), today: today, field: "on")
        try await write(wish, date)
        return try await Self.wish(id, rules: rules, today: today, tx)
    }

    /// The tenant's settings for the module, or a refusal when it is not enabled.
    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(MicroWishesModule.moduleID, chineseName: "微心愿", in: tx)
    }

    // MARK: - Checks

    /// A day of a wish: not after today (a wish is recorded as it happens), not before the
    /// step it follows.
    static func check(_ day: CivilDate, notBefore earliest: CivilDate?, today: CivilDate, field: String) throws {
        if day > today {
            throw RegistryError(.invalidValue, field: field, chinese: "日期 \(day) 不能晚于今天 \(today)", english: "\(day) is after today (\(today))")
        }
        if let earliest, day < earliest {
            throw RegistryError(.invalidValue, field: field, chinese: "日期 \(day) 不能早于上一步的 \(earliest)",
                                english: "\(day) is before the wish's previous step on \(earliest)")
        }
    }

    /// One of the district's categories, as the settings spell it.
    static func category(_ text: String, _ rules: MicroWishRules) throws -> String {
        let word = try MicroWishFields.category.required(text)
        guard rules.categories.contains(word) else {
            let allowed = rules.categories.joined(separator: "、")
            throw RegistryError(.invalidValue, field: MicroWishFields.category.name,
                                chinese: "心愿类别须为：\(allowed)", english: "the category must be one of \(allowed), got \(word)")
        }
        return word
    }

    /// A micro-wish is small: not negative, and at most the district's ceiling.
    static func check(_ value: Money?, _ rules: MicroWishRules) throws {
        if let problem = MicroWishFields.estimatedValue.money(value) { throw RegistryError(problem) }
        guard let value, value > rules.maximumValue else { return }
        throw RegistryError(.invalidValue, field: MicroWishFields.estimatedValue.name,
                            chinese: "微心愿估值不超过 \(rules.maximumValue)，此心愿为 \(value)",
                            english: "a micro-wish is worth at most \(rules.maximumValue); this one \(value)")
    }

    /// A points holder code: a register number of letters, digits, `-` and `_` — never a name
    /// or a phone number, which would carry personal data into the points ledger.
    static func holderCode(_ text: String) throws -> String {
        let code = try MicroWishFields.holder.required(text)
        let allowed = code.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        let first = code.unicodeScalars.first.map { $0.isASCII && CharacterSet.alphanumerics.contains($0) } ?? false
        let phoneLike = code.count == 11 && code.hasPrefix("1") && code.allSatisfy(\.isNumber)
        guard allowed, first, !phoneLike else {
            throw RegistryError(.invalidValue, field: MicroWishFields.holder.name,
                                chinese: "积分持有人编号须为字母、数字、- 或 _（不能是姓名或手机号）",
                                english: "a points holder code is letters, digits, - and _ (never a name or a phone number)")
        }
        return code
    }
}
