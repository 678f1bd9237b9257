import Foundation
import Postgres
public import Registry
public import RegistryStore

/// The mediation room's cases of a tenant. Every call first checks the module is enabled.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:staff") { tx in
///     let opened = try await MediationStore.open(CaseDraft(placeCode: "C01", title: "楼上漏水纠纷", grade: .general, mediator: "赵调解员",
///         openedOn: try CivilDate("2024-04-02"), parties: [PartyDraft(role: .applicant, name: try PersonalName("张三"))]), in: tx)
///     try await MediationStore.move(opened.id, to: .blue, note: "双方陈述诉求", in: tx)
/// }
/// ```
public enum MediationStore {
    /// Opens a case (green), with its parties and a first log entry.
    public static func open(_ draft: CaseDraft, in tx: TenantTransaction) async throws -> MediationCase {
        let title = try MediationFields.title.required(draft.title), mediator = try MediationFields.mediator.required(draft.mediator)
        guard !draft.parties.isEmpty else {
            throw RegistryError(.invalidValue, field: "parties", chinese: "纠纷须有当事人", english: "a dispute has at least one party")
        }
        _ = try await Self.enabledSettings(tx)
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        let id = try await tx.connection.query("""
            INSERT INTO mediation_case (tenant_id, org_unit_id, title, grade, mediator, opened_on)
            VALUES (\(tx.tenantID), \(place), \(title), \(draft.grade.rawValue), \(mediator), \(draft.openedOn.description)::date)
            RETURNING id
            """)[0].decode(Int64.self, "id")
        try await RowsInsert.run(
            "INSERT INTO mediation_party (tenant_id, case_id, role, name, phone)",
            rows: draft.parties.map { "(\(tx.tenantID), \(id), \($0.role.rawValue), \($0.name.unmasked), \($0.phone?.unmasked))" },
            tx.connection)
        try await Self.log(id, colour: .green, moved: true, note: "受理 case opened", on: draft.openedOn, tx)
        return try await Self.detail(id, tx)
    }

    /// Moves a case to another colour, with the day's note. Closing (red) takes the outcome.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition` naming the colours allowed;
    ///   `invalidValue` for red without an outcome, or an outcome on another move.
    @discardableResult
    public static func move(
        _ id: Int64, to colour: CaseColour, note: String, outcome: CaseOutcome? = nil, on day: CivilDate? = nil, in tx: TenantTransaction
    ) async throws -> MediationCase {
        let text = try MediationFields.note.required(note)
        guard (colour == .red) == (outcome != nil) else {
            throw RegistryError(.invalidValue, field: "outcome", chinese: "结案（红）须写明结果，其他颜色不写结果",
                                english: "closing (red) needs an outcome, and only closing takes one")
        }
        _ = try await Self.enabledSettings(tx)
        let current = try await Self.lock(id, tx)
        try current.check(colour)
        let date = try day ?? tx.today()
        try await tx.connection.execute("""
            UPDATE mediation_case SET colour = \(colour.rawValue), outcome = \(outcome?.rawValue),
                closed_on = CASE WHEN \(colour.rawValue) = 'red' THEN \(date.description)::date END,
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        try await Self.log(id, colour: colour, moved: true, note: text, on: date, tx)
        return try await Self.detail(id, tx)
    }

    /// Adds a day's note without changing the colour (the day-by-day log).
    @discardableResult
    public static func note(_ id: Int64, _ note: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> MediationCase {
        let text = try MediationFields.note.required(note)
        _ = try await Self.enabledSettings(tx)
        let current = try await Self.lock(id, tx)
        guard current != .red else {
            throw RegistryError(.notAllowedInState, field: "colour", chinese: "已结案，不能再记录", english: "the case is closed")
        }
        try await Self.log(id, colour: current, moved: false, note: text, on: try day ?? tx.today(), tx)
        return try await Self.detail(id, tx)
    }

    // MARK: - Shared

    static func lock(_ id: Int64, _ tx: TenantTransaction) async throws -> CaseColour {
        guard let row = try await tx.connection.query("""
            SELECT colour FROM mediation_case WHERE tenant_id = \(tx.tenantID) AND id = \(id) FOR UPDATE
            """).first else { throw RegistryStoreError.notFound(kind: "mediation case 调解案件", key: "\(id)") }
        return CaseColour(rawValue: try row.decode(String.self, "colour"))!
    }

    static func log(_ id: Int64, colour: CaseColour, moved: Bool, note: String, on day: CivilDate, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            INSERT INTO mediation_log (tenant_id, case_id, logged_on, colour, moved, note)
            VALUES (\(tx.tenantID), \(id), \(day.description)::date, \(colour.rawValue), \(moved), \(note))
            """)
    }

    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(MediationRoomModule.moduleID, chineseName: "调解室", in: tx)
    }

}
