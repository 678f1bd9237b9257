import Foundation
import Postgres
public import Registry
public import RegistryStore

/// The micro-wishes of a tenant: publishing, claiming, releasing, fulfilling, confirming and
/// withdrawing them, the lists and the report section. Every call first checks that the
/// module is enabled for the tenant: a disabled module does nothing (its data stays).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:staff") { tx in
///     let wish = try await MicroWishStore.post(
///         WishDraft(placeCode: "C01", title: "一个新书包", category: "学习用品", estimatedValue: .yuan(120)), in: tx)
///     try await MicroWishStore.claim(wish.id, by: .volunteer(try PersonalName("李四"), holder: "H0042"), in: tx)
///     try await MicroWishStore.fulfil(wish.id, note: "书包已送到", in: tx)
///     try await MicroWishStore.confirm(wish.id, by: .resident, in: tx)   // H0042 earns points
/// }
/// ```
public enum MicroWishStore {
    /// Publishes a wish (posted, 待认领).
    ///
    /// - Throws: ``RegistryError`` for a bad value (a blank title, a category the district
    ///   does not use, a value above its ceiling, a day after today); ``RegistryStoreError``
    ///   for an unknown place or when the module is not enabled.
    public static func post(_ draft: WishDraft, in tx: TenantTransaction) async throws -> MicroWish {
        let title = try MicroWishFields.title.required(draft.title)
        let details = try MicroWishFields.details.checkedText(draft.details, required: false)
        let rules = MicroWishRules(try await Self.enabledSettings(tx))
        let category = try Self.category(draft.category, rules)
        try Self.check(draft.estimatedValue, rules)
        let today = try tx.today()
        let postedOn = draft.postedOn ?? today
        try Self.check(postedOn, notBefore: nil, today: today, field: "posted_on")
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        let id = try await tx.connection.query("""
            INSERT INTO micro_wishes_wish (tenant_id, org_unit_id, title, details, category, estimated_value_fen, wisher_name, wisher_phone, posted_on)
            VALUES (\(tx.tenantID), \(place), \(title), \(details), \(category), \(draft.estimatedValue?.fen),
                    \(draft.wisherName?.unmasked), \(draft.wisherPhone?.unmasked), \(postedOn.description)::date)
            RETURNING id
            """)[0].decode(Int64.self, "id")
        return try await Self.wish(id, rules: rules, today: today, tx)
    }

    /// A volunteer or a registered unit takes the wish on: posted → claimed (认领).
    @discardableResult
    public static func claim(_ id: Int64, by claimant: WishClaimant, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> MicroWish {
        var unit: Int64?, volunteer: String?, holder: String?
        switch claimant {
        case let .unit(key):
            let key = try MicroWishFields.unit.required(key)
            guard let row = try await tx.connection.query("""
                SELECT id FROM module_unit WHERE tenant_id = \(tx.tenantID) AND external_id = \(key)
                """).first else { throw RegistryStoreError.notFound(kind: "unit 单位", key: key) }
            unit = try row.decode(Int64.self, "id")
        case let .volunteer(name, code):
            volunteer = name.unmasked
            holder = try code.map(Self.holderCode)
        }
        return try await move(id, to: .claimed, on: day, in: tx) { wish, day in
            try await tx.connection.execute("""
                UPDATE micro_wishes_wish SET state = 'claimed', claimant_unit_id = \(unit), claimant_volunteer = \(volunteer),
                    claimant_holder = \(holder), claimed_on = \(day.description)::date, updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(wish.id)
                """)
        }
    }

    /// Gives a claim up: claimed → posted (释放认领). The wish waits again, counted from the day
    /// it was first posted, so a released wish ages as if it had never been claimed.
    @discardableResult
    public static func release(_ id: Int64, in tx: TenantTransaction) async throws -> MicroWish {
        try await move(id, to: .posted, on: nil, in: tx) { wish, _ in
            try await tx.connection.execute("""
                UPDATE micro_wishes_wish SET state = 'posted', claimant_unit_id = NULL, claimant_volunteer = NULL, claimant_holder = NULL,
                    claimed_on = NULL, updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(wish.id)
                """)
        }
    }

    /// The claimant has done it: claimed → fulfilled (已实现), waiting for the resident's word.
    @discardableResult
    public static func fulfil(_ id: Int64, note: String? = nil, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> MicroWish {
        let text = try MicroWishFields.fulfilmentNote.checkedText(note, required: false)
        return try await move(id, to: .fulfilled, on: day, in: tx) { wish, day in
            try await tx.connection.execute("""
                UPDATE micro_wishes_wish SET state = 'fulfilled', fulfilled_on = \(day.description)::date, fulfilment_note = \(text),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(wish.id)
                """)
        }
    }

    /// The resident (or the community on the resident's behalf) confirms the wish came true:
    /// fulfilled → confirmed (已确认). A volunteer with a points holder code earns for it: the
    /// core's ``Registry/CivicAct`` `micro_wish_fulfilled` is emitted in this transaction,
    /// named `micro_wishes.wish:<id>.fulfilled`, so it is paid once however often it is heard.
    @discardableResult
    public static func confirm(_ id: Int64, by confirmer: WishConfirmer, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> MicroWish {
        try await move(id, to: .confirmed, on: day, in: tx) { wish, day in
            try await tx.connection.execute("""
                UPDATE micro_wishes_wish SET state = 'confirmed', confirmed_on = \(day.description)::date, confirmed_by = \(confirmer.rawValue),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(wish.id)
                """)
            if let holder = wish.holder {
                try await tx.emit([CivicAct(kind: "micro_wish_fulfilled", holder: holder, occasion: "micro_wishes.wish:\(wish.id).fulfilled")])
            }
        }
    }

    /// Withdraws a wish that is not fulfilled yet: posted or claimed → withdrawn (撤回); a
    /// claim it had goes with it.
    @discardableResult
    public static func withdraw(_ id: Int64, reason: String? = nil, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> MicroWish {
        let text = try MicroWishFields.withdrawalReason.checkedText(reason, required: false)
        return try await move(id, to: .withdrawn, on: day, in: tx) { wish, day in
            try await tx.connection.execute("""
                UPDATE micro_wishes_wish SET state = 'withdrawn', withdrawn_on = \(day.description)::date, withdrawal_reason = \(text),
                    claimant_unit_id = NULL, claimant_volunteer = NULL, claimant_holder = NULL, claimed_on = NULL,
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(wish.id)
                """)
        }
    }
}
