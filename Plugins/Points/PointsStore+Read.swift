import Foundation
import Postgres
public import Registry
public import RegistryStore

extension PointsStore {
    /// The rule table, by kind.
    public static func rules(in tx: TenantTransaction) async throws -> [PointsRule] {
        _ = try await Self.enabledSettings(tx)
        return try await tx.connection.query("""
            SELECT kind, chinese_name, points_per_unit, cap_per_period, active FROM points_rule WHERE tenant_id = \(tx.tenantID) ORDER BY kind
            """).map { row in
            PointsRule(kind: try row.decode(String.self, "kind"), chineseName: try row.decode(String.self, "chinese_name"),
                       pointsPerUnit: try row.decode(Int.self, "points_per_unit"), capPerPeriod: try row.decode(Int?.self, "cap_per_period"),
                       active: try row.decode(Bool.self, "active"))
        }
    }

    /// A holder and its balance, by code.
    public static func holder(_ code: String, in tx: TenantTransaction) async throws -> PointsHolder {
        _ = try await Self.enabledSettings(tx)
        guard let holder = try await Self.holders(tx, where: " AND h.code = \(code)").first else {
            throw RegistryStoreError.notFound(kind: "points holder 积分户", key: code)
        }
        return holder
    }

    /// A holder by its row id (the API's paths).
    public static func holder(id: Int64, in tx: TenantTransaction) async throws -> PointsHolder {
        _ = try await Self.enabledSettings(tx)
        guard let holder = try await Self.holders(tx, where: " AND h.id = \(id)").first else {
            throw RegistryStoreError.notFound(kind: "points holder 积分户", key: "\(id)")
        }
        return holder
    }

    /// The register, by code, optionally of one place and below (a village, a community).
    public static func holders(place: String? = nil, limit: Int = 500, in tx: TenantTransaction) async throws -> [PointsHolder] {
        _ = try await Self.enabledSettings(tx)
        var filter: SQL = ""
        if let place {
            let root = try await OrgUnitStore.id(of: place, in: tx)
            filter.append("""
                 AND h.org_unit_id IN (SELECT o.id FROM module_org_unit o, module_org_unit r
                                       WHERE r.tenant_id = \(tx.tenantID) AND r.id = \(root) AND o.tenant_id = r.tenant_id AND o.path LIKE r.path || '%')
                """)
        }
        filter.append(" ORDER BY h.code LIMIT \(max(1, min(limit, 10_000)))")
        return try await Self.holders(tx, where: filter)
    }

    /// A holder's statement for the month containing `month` (积分对账单): the balance before
    /// its first day, its lines in order, and the balance after its last.
    public static func statement(holder code: String, month: CivilDate, in tx: TenantTransaction) async throws -> PointsStatement {
        let holder = try await Self.holder(code, in: tx)
        let (from, next) = try Self.period(.month, containing: month)
        let opening = try await tx.connection.query("""
            SELECT coalesce(sum(points), 0)::bigint AS balance FROM points_ledger
            WHERE tenant_id = \(tx.tenantID) AND holder_id = \(holder.id) AND booked_on < \(from.description)::date
            """)[0].decode(Int64.self, "balance")
        let lines = try await Self.lines(tx, where: """
             AND l.holder_id = \(holder.id) AND l.booked_on >= \(from.description)::date AND l.booked_on < \(next.description)::date
             ORDER BY l.booked_on, l.id
            """)
        let earned = lines.filter { $0.entry == .award }.reduce(Int64(0)) { $0 + Int64($1.points) }
        let redeemed = lines.filter { $0.entry == .redemption }.reduce(Int64(0)) { $0 - Int64($1.points) }
        let last = try PointsMonth.dayBefore(next)
        return PointsStatement(holderCode: holder.code, kind: holder.kind, from: from, to: last, opening: opening, lines: lines,
                               earned: earned, redeemed: redeemed, closing: opening + earned - redeemed)
    }

    /// Acts heard but not paid, newest first.
    public static func unpaidActs(limit: Int = 100, in tx: TenantTransaction) async throws -> [UnpaidAct] {
        _ = try await Self.enabledSettings(tx)
        return try await tx.connection.query("""
            SELECT occasion, kind, holder_code, quantity, reason, heard_on::text AS heard_on FROM points_unpaid_act
            WHERE tenant_id = \(tx.tenantID) ORDER BY heard_at DESC, id DESC LIMIT \(max(1, min(limit, 10_000)))
            """).map { row in
            UnpaidAct(occasion: try row.decode(String.self, "occasion"), kind: try row.decode(String.self, "kind"),
                      holderCode: try row.decode(String.self, "holder_code"), quantity: try row.decode(Int.self, "quantity"),
                      reason: UnpaidReason(rawValue: try row.decode(String.self, "reason")) ?? .badAct,
                      heardOn: try CivilDate(try row.decode(String.self, "heard_on")))
        }
    }

    /// The report section for a period: points issued by kind of act and redeemed, counts of
    /// holders; never a figure of one holder.
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> PointsSummary {
        try await Self.summary(from: from, to: to, settings: try await Self.enabledSettings(tx), tx)
    }

    static func summary(from: CivilDate, to: CivilDate, settings: ModuleSettings, _ tx: TenantTransaction) async throws -> PointsSummary {
        let period: SQL = "booked_on BETWEEN \(from.description)::date AND \(to.description)::date"
        var byKind: [PointsSummary.ByKind] = []
        for row in try await tx.connection.query("""
            SELECT r.kind, r.chinese_name, count(l.id) AS awards, coalesce(sum(l.points), 0)::bigint AS points
            FROM points_rule r
            LEFT JOIN points_ledger l ON l.tenant_id = r.tenant_id AND l.kind = r.kind AND l.entry = 'award' AND l.\(period)
            WHERE r.tenant_id = \(tx.tenantID)
            GROUP BY r.kind, r.chinese_name HAVING r.kind IS NOT NULL
            ORDER BY r.kind
            """) {
            byKind.append(PointsSummary.ByKind(kind: try row.decode(String.self, "kind"), chineseName: try row.decode(String.self, "chinese_name"),
                                               awards: try row.decode(Int.self, "awards"), points: try row.decode(Int64.self, "points")))
        }
        let row = try await tx.connection.query("""
            SELECT (SELECT count(*) FROM points_ledger WHERE tenant_id = \(tx.tenantID) AND entry = 'redemption' AND \(period)) AS redemptions,
                   (SELECT coalesce(-sum(points), 0)::bigint FROM points_ledger WHERE tenant_id = \(tx.tenantID) AND entry = 'redemption' AND \(period)) AS redeemed,
                   (SELECT count(*) FROM points_unpaid_act WHERE tenant_id = \(tx.tenantID)
                        AND heard_on BETWEEN \(from.description)::date AND \(to.description)::date) AS unpaid,
                   (SELECT count(DISTINCT holder_id) FROM points_ledger WHERE tenant_id = \(tx.tenantID) AND \(period)) AS active,
                   (SELECT count(*) FROM points_holder WHERE tenant_id = \(tx.tenantID)) AS holders
            """)[0]
        return PointsSummary(
            localName: settings.text("local_name") ?? "积分制", from: from, to: to, byKind: byKind,
            issued: byKind.reduce(0) { $0 + $1.points }, redemptions: try row.decode(Int.self, "redemptions"),
            redeemed: try row.decode(Int64.self, "redeemed"), unpaidActs: try row.decode(Int.self, "unpaid"),
            activeHolders: try row.decode(Int.self, "active"), holders: try row.decode(Int.self, "holders"))
    }

    // MARK: - Reading

    /// Holders; `filter` continues the WHERE clause over `h`.
    static func holders(_ tx: TenantTransaction, where filter: SQL) async throws -> [PointsHolder] {
        var sql: SQL = """
            SELECT h.id, h.code, h.kind, o.code AS place_code, o.name AS place_name, h.display_name, h.balance
            FROM points_holder h JOIN module_org_unit o ON o.tenant_id = h.tenant_id AND o.id = h.org_unit_id
            WHERE h.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        return try await tx.connection.query(sql).map { row in
            PointsHolder(id: try row.decode(Int64.self, "id"), code: try row.decode(String.self, "code"),
                         kind: HolderKind(rawValue: try row.decode(String.self, "kind")) ?? .household,
                         placeCode: try row.decode(String.self, "place_code"), placeName: try row.decode(String.self, "place_name"),
                         displayName: try row.decode(String?.self, "display_name"), balance: try row.decode(Int64.self, "balance"))
        }
    }

    /// Ledger lines; `filter` continues the WHERE clause over `l`.
    static func lines(_ tx: TenantTransaction, where filter: SQL) async throws -> [LedgerLine] {
        var sql: SQL = """
            SELECT l.id, h.code, l.entry, l.booked_on::text AS booked_on, l.points, l.balance_after, l.kind, r.chinese_name,
                   l.quantity, l.occasion, l.capped, l.item, l.note
            FROM points_ledger l
            JOIN points_holder h ON h.tenant_id = l.tenant_id AND h.id = l.holder_id
            LEFT JOIN points_rule r ON r.tenant_id = l.tenant_id AND r.kind = l.kind
            WHERE l.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        return try await tx.connection.query(sql).map { row in
            LedgerLine(id: try row.decode(Int64.self, "id"), holderCode: try row.decode(String.self, "code"),
                       entry: LedgerEntry(rawValue: try row.decode(String.self, "entry")) ?? .award,
                       bookedOn: try CivilDate(try row.decode(String.self, "booked_on")), points: try row.decode(Int.self, "points"),
                       balanceAfter: try row.decode(Int64.self, "balance_after"), kind: try row.decode(String?.self, "kind"),
                       kindName: try row.decode(String?.self, "chinese_name"), quantity: try row.decode(Int?.self, "quantity"),
                       occasion: try row.decode(String?.self, "occasion"), capped: try row.decode(Bool.self, "capped"),
                       item: try row.decode(String?.self, "item"), note: try row.decode(String?.self, "note"))
        }
    }
}
