import Foundation
import Postgres
public import Registry
public import RegistryStore

/// Deliberation cases of a tenant: opening a case, its rounds, moving it through the
/// district's steps, and closing it. Every call first checks that the module is enabled for
/// the tenant (a disabled module does nothing; its data stays) and reads the district's
/// procedure from its settings.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:staff") { tx in
///     let opened = try await DeliberationStore.open(
///         CaseDraft(placeCode: "C01", kind: "邻里事", title: "7号楼楼顶漏雨", openedOn: try CivilDate("2024-04-02")), in: tx)
///     try await DeliberationStore.advance(opened.id, to: "组织协商", in: tx)
///     try await DeliberationStore.holdRound(opened.id, RoundDraft(heldOn: try CivilDate("2024-04-09"),
///         attendance: [Attendance(role: "物业企业", count: 1), Attendance(role: "居民代表", count: 6)]), in: tx)
/// }
/// ```
public enum DeliberationStore {
    /// Opens a case at the first step of the district's procedure.
    ///
    /// - Throws: ``RegistryError`` for a bad title or a kind the district does not list;
    ///   ``RegistryStoreError`` for an unknown place or when the module is not enabled.
    public static func open(_ draft: CaseDraft, in tx: TenantTransaction) async throws -> DeliberationCase {
        let title = try DeliberationFields.title.required(draft.title)
        let kind = try DeliberationFields.kind.required(draft.kind)
        let procedure = try await Self.procedure(tx)
        try procedure.checkKind(kind)
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        let id = try await tx.connection.query("""
            INSERT INTO deliberation_case (tenant_id, org_unit_id, kind, title, step, opened_on)
            VALUES (\(tx.tenantID), \(place), \(kind), \(title), \(procedure.firstStep), \(draft.openedOn.description)::date)
            RETURNING id
            """)[0].decode(Int64.self, "id")
        return try await Self.listed(id, tx)
    }

    /// Records a round of deliberation (轮次 1, 2, …) with who came by role.
    ///
    /// - Throws: ``RegistryError`` for a role the district does not list, a role named twice,
    ///   a count below the names given, or a closed case.
    @discardableResult
    public static func holdRound(_ id: Int64, _ draft: RoundDraft, in tx: TenantTransaction) async throws -> DeliberationDetail {
        let note = try DeliberationFields.note.checkedText(draft.note, required: false)
        let procedure = try await Self.procedure(tx)
        let rows = try Self.checked(draft.attendance, procedure)
        let state = try await Self.lock(id, tx)
        guard state.closedOn == nil else { throw Self.closed(id) }
        guard draft.heldOn >= state.openedOn else {
            throw RegistryError(.invalidValue, field: "held_on", chinese: "轮次日期不能早于议题受理日期 \(state.openedOn)",
                                english: "a round cannot be held before the case was opened (\(state.openedOn))")
        }
        // The next number read first, the row written as values: an INSERT … SELECT into a
        // table with an identity column is no statement Citus sends to one shard.
        let number = try await tx.connection.query("""
            SELECT coalesce(max(number), 0) + 1 AS next FROM deliberation_round WHERE tenant_id = \(tx.tenantID) AND case_id = \(id)
            """)[0].decode(Int32.self, "next")
        let round = try await tx.connection.query("""
            INSERT INTO deliberation_round (tenant_id, case_id, number, held_on, note)
            VALUES (\(tx.tenantID), \(id), \(number), \(draft.heldOn.description)::date, \(note))
            RETURNING id
            """)[0].decode(Int64.self, "id")
        for row in rows {   // a few roles a round: one statement each keeps the names a plain text[]
            try await tx.connection.execute("""
                INSERT INTO deliberation_attendance (tenant_id, round_id, role, attendees, names, position)
                VALUES (\(tx.tenantID), \(round), \(row.role), \(row.attendees), \(row.names)::text[], \(row.position))
                """)
        }
        try await Self.touch(id, tx)
        return try await Self.detail(id, tx)
    }

    /// Moves a case to the next step of the district's procedure.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition` naming the current step and the one
    ///   allowed (no skipping, no going back, nothing after closing).
    @discardableResult
    public static func advance(_ id: Int64, to step: String, in tx: TenantTransaction) async throws -> DeliberationCase {
        let procedure = try await Self.procedure(tx)
        let state = try await Self.lock(id, tx)
        guard state.closedOn == nil else { throw Self.closed(id) }
        try procedure.checkMove(from: state.step, to: step.trimmingCharacters(in: .whitespaces))
        try await tx.connection.execute("""
            UPDATE deliberation_case SET step = \(step.trimmingCharacters(in: .whitespaces)), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        return try await Self.listed(id, tx)
    }

    /// Closes a case (办结) at the last step of the procedure.
    @discardableResult
    public static func close(_ id: Int64, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> DeliberationCase {
        let procedure = try await Self.procedure(tx)
        let state = try await Self.lock(id, tx)
        guard state.closedOn == nil else { throw Self.closed(id) }
        try procedure.checkClose(at: state.step)
        guard state.result != nil else {
            throw RegistryError(.notAllowedInState, field: "result", chinese: "议题尚无协商结果，不能办结",
                                english: "a case closes with its result: record it first (settled or unsettled)")
        }
        let date = try day ?? tx.today()
        guard date >= state.openedOn else {
            throw RegistryError(.invalidValue, field: "on", chinese: "办结日期不能早于受理日期 \(state.openedOn)",
                                english: "a case cannot close before it was opened (\(state.openedOn))")
        }
        try await tx.connection.execute("""
            UPDATE deliberation_case SET closed_on = \(date.description)::date, updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
        return try await Self.listed(id, tx)
    }

    // MARK: - Shared

    /// Where a case stands, read under a row lock.
    struct LockedCase {
        var step: String
        var openedOn: CivilDate
        var closedOn: CivilDate?
        var result: CaseResult?
        var published: Bool
        var demandID: Int64?
    }

    static func lock(_ id: Int64, _ tx: TenantTransaction) async throws -> LockedCase {
        guard let row = try await tx.connection.query("""
            SELECT step, opened_on::text AS opened_on, closed_on::text AS closed_on, result, published, demand_id
            FROM deliberation_case WHERE tenant_id = \(tx.tenantID) AND id = \(id) FOR UPDATE
            """).first else { throw RegistryStoreError.notFound(kind: "deliberation case 协商议题", key: "\(id)") }
        return LockedCase(
            step: try row.decode(String.self, "step"), openedOn: try CivilDate(try row.decode(String.self, "opened_on")),
            closedOn: try row.decode(String?.self, "closed_on").map(CivilDate.init),
            result: try row.decode(String?.self, "result").flatMap(CaseResult.init(rawValue:)),
            published: try row.decode(Bool.self, "published"), demandID: try row.decode(Int64?.self, "demand_id"))
    }

    static func touch(_ id: Int64, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            UPDATE deliberation_case SET updated_at = now(), row_version = row_version + 1 WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
    }

    static func closed(_ id: Int64) -> RegistryError {
        RegistryError(.notAllowedInState, field: "step", chinese: "议题 #\(id) 已办结，不能再改", english: "case #\(id) is closed")
    }

    /// The tenant's procedure, or a refusal when the module is not enabled.
    static func procedure(_ tx: TenantTransaction) async throws -> Procedure {
        Procedure(try await Self.enabledSettings(tx))
    }

    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(DeliberationModule.moduleID, chineseName: "协商议事", in: tx)
    }

    /// One attendance row, checked.
    struct AttendanceRow {
        var role: String
        var attendees: Int
        var names: [String]
        var position: String?
    }

    static func checked(_ attendance: [Attendance], _ procedure: Procedure) throws -> [AttendanceRow] {
        guard !attendance.isEmpty else {
            throw RegistryError(.invalidValue, field: "attendance", chinese: "轮次须记录参与方", english: "a round records who attended, by role")
        }
        var rows: [AttendanceRow] = []
        for entry in attendance {
            let role = entry.role.trimmingCharacters(in: .whitespaces)
            try procedure.checkRole(role)
            guard !rows.contains(where: { $0.role == role }) else {
                throw RegistryError(.invalidValue, field: "attendance.role", chinese: "参与方「\(role)」重复", english: "\(role) is listed twice")
            }
            let count = entry.count ?? entry.names.count
            if let problem = DeliberationFields.attendees.integer(count) { throw RegistryError(problem) }
            guard count >= entry.names.count else {
                throw RegistryError(.invalidValue, field: "attendance.attendees", chinese: "「\(role)」的人数少于所列姓名",
                                    english: "\(role): \(count) attendees is fewer than the \(entry.names.count) names given")
            }
            let position = try DeliberationFields.position.checkedText(entry.position, required: false)
            rows.append(AttendanceRow(role: role, attendees: count,
                                      names: entry.names.map(\.unmasked), position: position))
        }
        return rows
    }
}
