import Foundation
import Postgres
public import Registry
public import RegistryStore

/// The points system of a tenant: its rule table, its register of holders, awards and
/// redemptions on the append-only ledger, statements and the report section. Every call first
/// checks that the module is enabled for the tenant: a disabled module does nothing (its data
/// stays).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:staff") { tx in
///     try await PointsStore.setRule(PointsRule(kind: "volunteer_hours", chineseName: "志愿服务（小时）", pointsPerUnit: 2, capPerPeriod: 40), in: tx)
///     try await PointsStore.register(HolderDraft(code: "BZY-012", placeCode: "C01"), in: tx)
///     try await PointsStore.award(holder: "BZY-012", kind: "volunteer_hours", quantity: 3, in: tx)
///     try await PointsStore.redeem(holder: "BZY-012", points: 5, item: "毛巾一条", in: tx)
/// }
/// ```
public enum PointsStore {
    /// Sets a rule of the table (a new kind, or new points, cap or state for a known one).
    ///
    /// - Throws: ``RegistryError`` for a kind that is not lowercase words with underscores,
    ///   a blank name, points or a cap out of range; ``RegistryStoreError`` when the module is
    ///   not enabled.
    @discardableResult
    public static func setRule(_ rule: PointsRule, in tx: TenantTransaction) async throws -> PointsRule {
        let kind = try Self.kind(rule.kind)
        let name = try PointsFields.kindName.required(rule.chineseName)
        if let problem = PointsFields.pointsPerUnit.integer(rule.pointsPerUnit) { throw RegistryError(problem) }
        if let problem = PointsFields.capPerPeriod.integer(rule.capPerPeriod) { throw RegistryError(problem) }
        _ = try await Self.enabledSettings(tx)
        try await tx.connection.execute("""
            INSERT INTO points_rule (tenant_id, kind, chinese_name, points_per_unit, cap_per_period, active)
            VALUES (\(tx.tenantID), \(kind), \(name), \(rule.pointsPerUnit), \(rule.capPerPeriod), \(rule.active))
            ON CONFLICT (tenant_id, kind) DO UPDATE SET chinese_name = EXCLUDED.chinese_name, points_per_unit = EXCLUDED.points_per_unit,
                cap_per_period = EXCLUDED.cap_per_period, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
            """)
        return try await Self.rules(in: tx).first { $0.kind == kind }!
    }

    /// Registers a holder (a household or a resident) under the district's code.
    ///
    /// - Throws: ``RegistryError`` for a bad code or name; ``RegistryStoreError`` for an
    ///   unknown place, a code already registered, or a disabled module.
    @discardableResult
    public static func register(_ draft: HolderDraft, in tx: TenantTransaction) async throws -> PointsHolder {
        let code = try Self.holderCode(draft.code)
        let name = try PointsFields.displayName.checkedText(draft.displayName, required: false)
        _ = try await Self.enabledSettings(tx)
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        let inserted = try await tx.connection.query("""
            INSERT INTO points_holder (tenant_id, code, kind, display_name, org_unit_id)
            VALUES (\(tx.tenantID), \(code), \(draft.kind.rawValue), \(name), \(place))
            ON CONFLICT (tenant_id, code) DO NOTHING RETURNING id
            """)
        guard !inserted.isEmpty else { throw RegistryStoreError.conflict("户号已登记 holder \(code) is already registered") }
        return try await Self.holder(code, in: tx)
    }

    /// Records a civic act by hand (an admin's award): pays it by the rule table, as if a
    /// module had reported it. Without an `occasion` the act gets a new one; with one, the same
    /// occasion pays once (the earlier line is returned, `alreadyHeard`).
    ///
    /// - Returns: The outcome, with its ledger line; `capped` when the cap cut it down.
    /// - Throws: ``RegistryStoreError`` for an unknown holder; ``RegistryError`` for bad
    ///   input, a kind without an active rule, or the cap reached (nothing is written).
    @discardableResult
    public static func award(
        holder: String, kind: String, quantity: Int = 1, occasion: String? = nil, on day: CivilDate? = nil, note: String? = nil,
        in tx: TenantTransaction
    ) async throws -> AwardOutcome {
        let code = try Self.holderCode(holder)
        let kind = try Self.kind(kind)
        if let problem = PointsFields.quantity.integer(quantity) { throw RegistryError(problem) }
        let occasion = try PointsFields.occasion.checkedText(occasion, required: false) ?? "manual:\(UUID().uuidString.lowercased())"
        let note = try PointsFields.note.checkedText(note, required: false)
        let settings = try await Self.enabledSettings(tx)
        let outcome = try await Self.pay(CivicAct(kind: kind, holder: code, quantity: quantity, occasion: occasion),
                                         settings: settings, on: day, note: note, recordUnpaid: false, in: tx)
        switch outcome.unpaid {
        case nil: return outcome
        case .unknownHolder?: throw RegistryStoreError.notFound(kind: "points holder 积分户", key: code)
        case .noRule?:
            throw RegistryError(.invalidValue, field: "kind", chinese: "无此积分规则或规则已停用：\(kind)",
                                english: "no active rule pays \(kind); set one with `govreg points rule`")
        case .capReached?:
            throw RegistryError(.notAllowedInState, field: "kind", chinese: "\(code) 本期「\(kind)」积分已达上限",
                                english: "\(code) already earned this period's cap for \(kind)")
        case .badAct?:
            throw RegistryError(.invalidValue, field: "quantity", chinese: "无效的事项", english: "the act cannot be paid")
        }
    }

    /// Spends a holder's points (兑换): the holder's row is locked, so redemptions at the same
    /// time queue, and one that would take the balance below zero is refused (the database's
    /// CHECK refuses it too, whatever this code did).
    ///
    /// - Throws: ``RegistryError`` `insufficientRemaining` naming the balance; ``RegistryError``
    ///   for bad input; ``RegistryStoreError`` for an unknown holder or a disabled module.
    @discardableResult
    public static func redeem(
        holder: String, points: Int, item: String, on day: CivilDate? = nil, note: String? = nil, in tx: TenantTransaction
    ) async throws -> LedgerLine {
        let code = try Self.holderCode(holder)
        if let problem = PointsFields.points.integer(points) { throw RegistryError(problem) }
        let item = try PointsFields.item.required(item)
        let note = try PointsFields.note.checkedText(note, required: false)
        _ = try await Self.enabledSettings(tx)
        let booked = try day ?? tx.today()
        guard let row = try await tx.connection.query("""
            SELECT id, balance FROM points_holder WHERE tenant_id = \(tx.tenantID) AND code = \(code) FOR UPDATE
            """).first else { throw RegistryStoreError.notFound(kind: "points holder 积分户", key: code) }
        let balance = try row.decode(Int64.self, "balance")
        guard balance >= Int64(points) else { throw Self.insufficient(code, balance: balance, wanted: points) }
        let id: Int64
        do {
            id = try await tx.connection.query("""
                INSERT INTO points_ledger (tenant_id, holder_id, entry, points, item, note, booked_on)
                VALUES (\(tx.tenantID), \(try row.decode(Int64.self, "id")), 'redemption', \(-points), \(item), \(note), \(booked.description)::date)
                RETURNING id
                """)[0].decode(Int64.self, "id")
        } catch let error as PostgresError where error.sqlState == "23514" {
            throw Self.insufficient(code, balance: balance, wanted: points)
        }
        return try await Self.lines(tx, where: " AND l.id = \(id)")[0]
    }

    // MARK: - Shared

    /// The tenant's settings for the module, or a refusal when it is not enabled.
    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(PointsModule.moduleID, chineseName: "积分制", in: tx)
    }

    static func insufficient(_ code: String, balance: Int64, wanted: Int) -> RegistryError {
        RegistryError(.insufficientRemaining, field: "points", chinese: "积分不足：\(code) 余额 \(balance) 分，兑换需 \(wanted) 分",
                      english: "\(code) has \(balance) points, not the \(wanted) this redemption needs")
    }

    /// A kind as rule tables name it: lowercase words with underscores.
    static func kind(_ text: String) throws -> String {
        let kind = try PointsFields.kind.required(text)
        guard kind.wholeMatch(of: /[a-z][a-z0-9_]{1,59}/) != nil else {
            throw RegistryError(.invalidValue, field: "kind", chinese: "事项须为小写英文单词加下划线，如 volunteer_hours",
                                english: "a kind is lowercase words with underscores, e.g. volunteer_hours, not \(kind)")
        }
        return kind
    }

    /// A holder's code: 1–40 characters, no spaces.
    static func holderCode(_ text: String) throws -> String {
        let code = try PointsFields.holder.required(text)
        guard !code.contains(where: \.isWhitespace) else {
            throw RegistryError(.invalidValue, field: "holder", chinese: "户号不能含空格", english: "a holder's code has no spaces")
        }
        return code
    }
}
