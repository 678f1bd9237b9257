import Foundation
import Postgres
public import Registry
public import RegistryStore

extension MicroWishStore {
    /// Wishes, aging ones first, then by state (posted, claimed, fulfilled, confirmed,
    /// withdrawn) and the oldest first: all, those in one state, the open ones (not confirmed
    /// or withdrawn), or only the aging ones.
    public static func wishes(
        state: WishState? = nil, openOnly: Bool = false, agingOnly: Bool = false, limit: Int = 100, in tx: TenantTransaction
    ) async throws -> [MicroWish] {
        let rules = MicroWishRules(try await Self.enabledSettings(tx))
        let today = try tx.today()
        var filter: SQL = ""
        if let state { filter.append(" AND w.state = \(state.rawValue)") }
        if openOnly { filter.append(" AND w.state IN ('posted', 'claimed', 'fulfilled')") }
        if agingOnly { filter.append(" AND w.state = 'posted' AND \(today.description)::date - w.posted_on >= \(rules.agingDays)::integer") }
        filter.append("""
             ORDER BY aging DESC, array_position(ARRAY['posted', 'claimed', 'fulfilled', 'confirmed', 'withdrawn'], w.state),
                      w.posted_on, w.id LIMIT \(max(1, limit))
            """)
        return try await Self.wishes(tx, where: filter, rules: rules, today: today)
    }

    /// One wish.
    public static func show(_ id: Int64, in tx: TenantTransaction) async throws -> MicroWish {
        let rules = MicroWishRules(try await Self.enabledSettings(tx))
        return try await Self.wish(id, rules: rules, today: try tx.today(), tx)
    }

    /// The wisher's contact, for the staff who bring claimant and resident together (personal
    /// data: never in a list, the report or the API).
    public static func contact(_ id: Int64, in tx: TenantTransaction) async throws -> WisherContact {
        _ = try await Self.enabledSettings(tx)
        guard let row = try await tx.connection.query("""
            SELECT wisher_name, wisher_phone FROM micro_wishes_wish WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """).first else { throw RegistryStoreError.notFound(kind: "micro-wish 微心愿", key: "\(id)") }
        return WisherContact(wish: id, name: try row.decode(String?.self, "wisher_name"), phone: try row.decode(String?.self, "wisher_phone"))
    }

    /// The report section for a period.
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> MicroWishSummary {
        try await Self.summary(from: from, to: to, settings: try await Self.enabledSettings(tx), tx)
    }

    static func summary(from: CivilDate, to: CivilDate, settings: ModuleSettings, _ tx: TenantTransaction) async throws -> MicroWishSummary {
        let rules = MicroWishRules(settings)
        let period: SQL = "BETWEEN \(from.description)::date AND \(to.description)::date"
        let sql: SQL = """
            SELECT count(*) FILTER (WHERE posted_on \(period)) AS posted, count(*) FILTER (WHERE claimed_on \(period)) AS claimed,
                   count(*) FILTER (WHERE fulfilled_on \(period)) AS fulfilled, count(*) FILTER (WHERE confirmed_on \(period)) AS confirmed,
                   count(*) FILTER (WHERE withdrawn_on \(period)) AS withdrawn,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY confirmed_on - posted_on) FILTER (WHERE confirmed_on \(period)) AS median,
                   coalesce(sum(estimated_value_fen) FILTER (WHERE confirmed_on \(period)), 0)::bigint AS value,
                   count(*) FILTER (WHERE state = 'posted' AND posted_on <= \(to.description)::date) AS unclaimed,
                   count(*) FILTER (WHERE state = 'posted' AND \(to.description)::date - posted_on >= \(rules.agingDays)::integer) AS aging
            FROM micro_wishes_wish WHERE tenant_id = \(tx.tenantID)
            """
        let row = try await tx.connection.query(sql)[0]
        return MicroWishSummary(
            from: from, to: to, posted: try row.decode(Int.self, "posted"), claimed: try row.decode(Int.self, "claimed"),
            fulfilled: try row.decode(Int.self, "fulfilled"), confirmed: try row.decode(Int.self, "confirmed"),
            withdrawn: try row.decode(Int.self, "withdrawn"), medianDaysToFulfil: try row.decode(Double?.self, "median"),
            unclaimed: try row.decode(Int.self, "unclaimed"), aging: try row.decode(Int.self, "aging"),
            confirmedValue: Money(fen: try row.decode(Int64.self, "value")))
    }

    // MARK: - Reading

    static func wish(_ id: Int64, rules: MicroWishRules, today: CivilDate, _ tx: TenantTransaction) async throws -> MicroWish {
        guard let wish = try await Self.wishes(tx, where: " AND w.id = \(id)", rules: rules, today: today).first else {
            throw RegistryStoreError.notFound(kind: "micro-wish 微心愿", key: "\(id)")
        }
        return wish
    }

    /// Wishes with their place and claimant, aged on `today`; `filter` continues the WHERE
    /// clause over `w` (and may order them by `aging`). The wisher's contact is never read,
    /// and the volunteer's name leaves here masked.
    static func wishes(_ tx: TenantTransaction, where filter: SQL, rules: MicroWishRules, today: CivilDate) async throws -> [MicroWish] {
        var sql: SQL = """
            SELECT w.id, o.code, o.name AS place, w.title, w.details, w.category, w.estimated_value_fen, w.state,
                   w.posted_on::text AS posted_on,
                   coalesce(w.confirmed_on, w.withdrawn_on, \(today.description)::date) - w.posted_on AS waiting,
                   (w.state = 'posted' AND \(today.description)::date - w.posted_on >= \(rules.agingDays)::integer) AS aging,
                   u.name AS unit, w.claimant_volunteer, w.claimant_holder IS NOT NULL AS earns,
                   w.claimed_on::text AS claimed_on, w.fulfilled_on::text AS fulfilled_on, w.fulfilment_note,
                   w.confirmed_on::text AS confirmed_on, w.confirmed_by, w.withdrawn_on::text AS withdrawn_on, w.withdrawal_reason,
                   num_nonnulls(w.wisher_name, w.wisher_phone) > 0 AS on_record
            FROM micro_wishes_wish w
            JOIN module_org_unit o ON o.tenant_id = w.tenant_id AND o.id = w.org_unit_id
            LEFT JOIN module_unit u ON u.tenant_id = w.tenant_id AND u.id = w.claimant_unit_id
            WHERE w.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        return try await tx.connection.query(sql).map { row in
            let volunteer = try row.decode(String?.self, "claimant_volunteer").map { "志愿者 \((try? PersonalName($0))?.masked ?? "*")" }
            return MicroWish(
                id: try row.decode(Int64.self, "id"), placeCode: try row.decode(String.self, "code"), placeName: try row.decode(String.self, "place"),
                title: try row.decode(String.self, "title"), details: try row.decode(String?.self, "details"),
                category: try row.decode(String.self, "category"),
                estimatedValue: try row.decode(Int64?.self, "estimated_value_fen").map { Money(fen: $0) },
                state: WishState(rawValue: try row.decode(String.self, "state"))!,
                postedOn: try CivilDate(try row.decode(String.self, "posted_on")), daysWaiting: try row.decode(Int.self, "waiting"),
                aging: try row.decode(Bool.self, "aging"), claimant: try row.decode(String?.self, "unit") ?? volunteer,
                earnsPoints: try row.decode(Bool.self, "earns"),
                claimedOn: try row.decode(String?.self, "claimed_on").map(CivilDate.init),
                fulfilledOn: try row.decode(String?.self, "fulfilled_on").map(CivilDate.init),
                fulfilmentNote: try row.decode(String?.self, "fulfilment_note"),
                confirmedOn: try row.decode(String?.self, "confirmed_on").map(CivilDate.init),
                confirmedBy: try row.decode(String?.self, "confirmed_by").flatMap(WishConfirmer.init(rawValue:)),
                withdrawnOn: try row.decode(String?.self, "withdrawn_on").map(CivilDate.init),
                withdrawalReason: try row.decode(String?.self, "withdrawal_reason"),
                wisherOnRecord: try row.decode(Bool.self, "on_record"))
        }
    }
}
