import Foundation
import Postgres
public import Registry
public import RegistryStore

/// The proxy service (帮代办) of a tenant: taking requests, ticking the documents received,
/// moving requests through their steps; the catalogue and the reads are in extensions. Every
/// call first checks that the module is enabled for the tenant: a disabled module does
/// nothing (its data stays).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)`.
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:agent") { tx in
///     let request = try await ProxyServiceStore.receive(
///         RequestDraft(itemCode: "GH-T001", placeCode: "T02C01", agent: "罗贤兵", residentName: try PersonalName("陈寿生"),
///                      receivedOn: try CivilDate("2024-05-06"), documentsReceived: ["身份证"]), in: tx)
///     try await ProxyServiceStore.receiveDocuments(request.id, ["户口簿"], in: tx)
///     try await ProxyServiceStore.move(request.id, to: .submitted, in: tx)
/// }
/// ```
public enum ProxyServiceStore {
    /// Takes a request (受理): the deadline is computed from the item's, and the item's
    /// checklist is copied onto the request, the documents handed over ticked as received.
    ///
    /// - Throws: ``RegistryError`` for a bad value or a document not on the checklist;
    ///   ``RegistryStoreError`` for an unknown item or place, or when the module is not enabled.
    public static func receive(_ draft: RequestDraft, in tx: TenantTransaction) async throws -> ProxyRequest {
        let agent = try ProxyServiceFields.agent.required(draft.agent)
        let note = try ProxyServiceFields.note.checkedText(draft.note, required: false)
        _ = try await Self.enabledSettings(tx)
        let item = try await Self.item(code: draft.itemCode, tx)
        try Self.checkOnChecklist(draft.documentsReceived, item.documents)
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        let due = item.deadline.due(receivedOn: draft.receivedOn)
        let id = try await tx.connection.query("""
            INSERT INTO proxy_service_request (tenant_id, item_id, org_unit_id, agent, resident_name, resident_phone, received_on, due_on, note)
            VALUES (\(tx.tenantID), \(item.id), \(place), \(agent), \(draft.residentName.unmasked), \(draft.residentPhone?.unmasked),
                    \(draft.receivedOn.description)::date, \(due.description)::date, \(note))
            RETURNING id
            """)[0].decode(Int64.self, "id")
        try await RowsInsert.run(
            "INSERT INTO proxy_service_document (tenant_id, request_id, position, document, received_on)",
            rows: item.documents.enumerated().map { index, document in
                let receivedOn = draft.documentsReceived.contains(document) ? draft.receivedOn.description : nil
                return "(\(tx.tenantID), \(id), \(Int64(index + 1)), \(document), \(receivedOn)::date)"
            }, tx.connection)
        return try await Self.detail(id, tx)
    }

    /// Ticks checklist documents as received from the resident on `day` (default today);
    /// those ticked before keep their day. Only while the request is with the agent.
    @discardableResult
    public static func receiveDocuments(_ id: Int64, _ names: [String], on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> ProxyRequest {
        guard !names.isEmpty else {
            throw RegistryError(.invalidValue, field: "documents", chinese: "请写明收到的材料", english: "name the documents received")
        }
        _ = try await Self.enabledSettings(tx)
        let locked = try await Self.lock(id, tx)
        guard locked.step == .received else {
            throw RegistryError(.notAllowedInState, field: "step", chinese: "代办件当前为「\(locked.step.chineseName)」，只有已受理的件才能补收材料",
                                english: "the request is \(locked.step.rawValue); documents are received only while it is received")
        }
        let date = try day ?? tx.today()
        try Self.checkOrder(date, after: locked.receivedOn, "received_on")
        try Self.checkOnChecklist(names, try await Self.checklist(id, tx))
        try await tx.connection.execute("""
            UPDATE proxy_service_document SET received_on = \(date.description)::date
            WHERE tenant_id = \(tx.tenantID) AND request_id = \(id) AND document = ANY(\(names)::text[]) AND received_on IS NULL
            """)
        try await Self.touch(id, tx)
        return try await Self.detail(id, tx)
    }

    /// Moves a request to its next step on `day` (default today). Submitting needs every
    /// checklist document received (the refusal names those missing); a refusal by the
    /// department needs its reason; returning to the resident gives back every document
    /// still held.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition` naming the current step and the allowed
    ///   ones; `notAllowedInState` naming missing documents; `invalidValue` for a day before
    ///   the previous step's or a reason where none is taken.
    @discardableResult
    public static func move(_ id: Int64, to step: RequestStep, reason: String? = nil, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> ProxyRequest {
        let why = try ProxyServiceFields.reason.checkedText(reason, required: step == .refused)
        if step != .refused, why != nil {
            throw RegistryError(.invalidValue, field: "reason", chinese: "只有不予办理才写理由", english: "only a refusal takes a reason")
        }
        _ = try await Self.enabledSettings(tx)
        let locked = try await Self.lock(id, tx)
        try locked.step.check(step)
        let date = try day ?? tx.today()
        try Self.checkOrder(date, after: locked.lastDay, "on")
        if step == .submitted {
            let missing = try await Self.detail(id, tx).missingDocuments
            guard missing.isEmpty else {
                throw RegistryError(.notAllowedInState, field: "documents", chinese: "材料未收齐，不能报送，缺：\(missing.joined(separator: "、"))",
                                    english: "documents missing, cannot submit: \(missing.joined(separator: ", "))")
            }
        }
        let column: SQL = switch step {
        case .received: "received_on"
        case .submitted: "submitted_on"
        case .completed: "completed_on"
        case .refused: "refused_on"
        case .returned: "returned_on"
        }
        var update: SQL = "UPDATE proxy_service_request SET step = \(step.rawValue), "
        update.append(column)
        update.append(" = \(date.description)::date, refusal_reason = coalesce(\(why), refusal_reason), updated_at = now(), row_version = row_version + 1 WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
        try await tx.connection.execute(update)
        if step == .returned {
            try await tx.connection.execute("""
                UPDATE proxy_service_document SET returned_on = \(date.description)::date
                WHERE tenant_id = \(tx.tenantID) AND request_id = \(id) AND received_on IS NOT NULL AND returned_on IS NULL
                """)
        }
        return try await Self.detail(id, tx)
    }

    // MARK: - Shared

    struct Locked {
        var step: RequestStep
        var receivedOn: CivilDate
        /// The day of the latest step taken or document received: no step may be dated before it.
        var lastDay: CivilDate
    }

    /// Locks a request for a move and reads its step and days.
    static func lock(_ id: Int64, _ tx: TenantTransaction) async throws -> Locked {
        guard let row = try await tx.connection.query("""
            SELECT step, received_on::text AS received_on,
                   greatest(received_on, submitted_on, completed_on, refused_on, returned_on,
                            (SELECT max(d.received_on) FROM proxy_service_document d
                             WHERE d.tenant_id = \(tx.tenantID) AND d.request_id = r.id))::text AS last_day
            FROM proxy_service_request r WHERE tenant_id = \(tx.tenantID) AND id = \(id) FOR UPDATE OF r
            """).first else { throw RegistryStoreError.notFound(kind: "proxy service request 代办件", key: "\(id)") }
        return Locked(step: RequestStep(rawValue: try row.decode(String.self, "step"))!,
                      receivedOn: try CivilDate(try row.decode(String.self, "received_on")),
                      lastDay: try CivilDate(try row.decode(String.self, "last_day")))
    }

    static func touch(_ id: Int64, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            UPDATE proxy_service_request SET updated_at = now(), row_version = row_version + 1 WHERE tenant_id = \(tx.tenantID) AND id = \(id)
            """)
    }

    static func checklist(_ id: Int64, _ tx: TenantTransaction) async throws -> [String] {
        try await tx.connection.query("""
            SELECT document FROM proxy_service_document WHERE tenant_id = \(tx.tenantID) AND request_id = \(id) ORDER BY position
            """).map { try $0.decode(String.self, "document") }
    }

    /// Refuses a document the checklist does not name, naming the checklist.
    static func checkOnChecklist(_ names: [String], _ checklist: [String]) throws {
        for name in names { _ = try ProxyServiceFields.document.required(name) }
        let unknown = names.filter { !checklist.contains($0) }
        guard unknown.isEmpty else {
            let list = checklist.isEmpty ? "（无 none）" : checklist.joined(separator: "、")
            throw RegistryError(.invalidValue, field: "documents", chinese: "材料清单没有：\(unknown.joined(separator: "、"))；清单为：\(list)",
                                english: "not on the item's checklist: \(unknown.joined(separator: ", ")); the checklist is: \(list)")
        }
    }

    static func checkOrder(_ day: CivilDate, after earlier: CivilDate, _ field: String) throws {
        guard day >= earlier else {
            throw RegistryError(.invalidValue, field: field, chinese: "日期 \(day) 早于上一步的 \(earlier)", english: "\(day) is before the previous step's day, \(earlier)")
        }
    }

    /// The tenant's settings for the module, or a refusal when it is not enabled.
    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(ProxyServiceModule.moduleID, chineseName: "帮代办", in: tx)
    }
}
