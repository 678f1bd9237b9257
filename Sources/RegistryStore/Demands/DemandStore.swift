import Foundation
import Postgres
public import Registry

/// The demand list (需求清单) of each district: filing, reading, listing, the workflow,
/// escalation, disclosure, import and export.
///
/// Every statement runs as `govreg_app` inside the transaction's tenant and also says
/// `WHERE tenant_id = …`. A demand of another tenant is reported exactly like a missing one.
/// The import owns its transaction (``importRows(_:on:tenant:actor:dryRun:progress:)``).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// let id = try await registry.withTenant(langao, actor: "cli:root") { tx in
///     let id = try await DemandStore.file(draft, submit: true, in: tx)
///     try await DemandStore.transition(id, to: .accepted, visibility: .public, in: tx)
///     return id
/// }
/// ```
public enum DemandStore {
    /// Files a new demand, as a draft or already submitted.
    ///
    /// Submitting records the move draft → submitted as a public event (residents see
    /// "received"), as ``DemandWorkflow/suggestedVisibility(from:to:)`` proposes.
    ///
    /// - Parameters:
    ///   - draft: The demand; its category and org unit are resolved in the tenant. Without
    ///     an external id it gets `GR-D<id>`.
    ///   - submit: Whether to file it as submitted rather than as a draft.
    /// - Returns: The new demand's id.
    /// - Throws: ``InvalidFields`` with every invalid value (``DemandDraft/checked(on:door:channels:)``);
    ///   ``RegistryStoreError/notFound(kind:key:)``
    ///   for an unknown category, org unit or reporter; `.conflict` for a taken external id.
    @discardableResult
    public static func file(_ draft: DemandDraft, submit: Bool, in tx: TenantTransaction) async throws -> DemandID {
        try await fileReturningDetail(draft, submit: submit, in: tx).demand.id
    }

    /// ``file(_:submit:in:)``, answering with the filed demand as ``get(_:in:)`` would,
    /// without reading it back: the filing statement returns it.
    public static func fileReturningDetail(_ draft: DemandDraft, submit: Bool, in tx: TenantTransaction) async throws -> DemandDetail {
        let checked = try await DemandFiling.checked(draft, today: try tx.today(), channels: tx.modules.sourceChannels) {
            try await Self.referenceProblems(category: draft.category, orgCode: draft.orgCode, externalID: nil, in: tx)
        }
        let visibility = try DemandFiling.firstMove(actor: tx.actor)
        let rows: QueryResult
        do {
            rows = try await tx.connection.query("""
                SELECT * FROM govreg_file_demand(\(tx.tenantID), \(DemandFiling.arguments(checked, submit: submit)),
                    \(tx.actor), NULL::text, \(visibility.rawValue))
                """)
        } catch let error as PostgresError {
            throw DemandFiling.refusal(error, draft: checked) ?? error
        }
        guard let row = rows.first else {
            // The category or the org code names nothing here: say which, with the field.
            throw DemandFiling.unresolved(checked, problems: try await Self.referenceProblems(
                category: checked.category, orgCode: checked.orgCode, externalID: nil, in: tx))
        }
        let detail = try DemandFiling.detail(row, tenant: tx.tenantID)
        if submit { try await tx.emit([.demandTransitioned(detail.demand.id, from: .draft, to: .submitted)]) }
        return detail
    }

    /// The demand a person names: by its external id (需求编号, as files and lists show it),
    /// or by its number; `#12` is always the number.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when the tenant has neither;
    ///   ``RegistryStoreError/conflict(_:)`` when the text is one demand's external id and
    ///   another's number, naming both (never a silent pick).
    public static func id(of key: String, in tx: TenantTransaction) async throws -> DemandID {
        let numberOnly = key.hasPrefix("#")
        let number = Int64(numberOnly ? String(key.dropFirst()) : key)
        let external: String? = numberOnly ? nil : key
        let ids = try await tx.connection.query("""
            SELECT id FROM demand WHERE tenant_id = \(tx.tenantID) AND (external_id = \(external) OR id = \(number))
            ORDER BY id
            """).map { try $0.decode(Int64.self, "id") }
        guard let first = ids.first else { throw RegistryStoreError.notFound(kind: "demand 需求", key: key) }
        guard ids.count == 1 else {
            let other = ids.first { $0 != number } ?? first
            throw RegistryStoreError.conflict(
                "「\(key)」既是需求 #\(number ?? 0) 的编号，也是需求 #\(other) 的需求编号；请写 #\(number ?? 0) 或换用另一条的需求编号 "
                    + "\(key) is both demand #\(number ?? 0)'s number and demand #\(other)'s external id: write #\(number ?? 0) for the number")
        }
        return DemandID(first)
    }

    /// One demand with its history, oldest step first.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when the tenant has no such
    ///   demand (another tenant's demand included).
    public static func get(_ id: DemandID, in tx: TenantTransaction) async throws -> DemandDetail {
        let rows = try await tx.connection.query("""
            SELECT \(unsafeRaw: Self.demandColumns), o.code AS org_code, o.name AS org_name,
                   c.name_zh AS category_name, d.filed_at, d.updated_at
            FROM demand d
            JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
            JOIN tenant_category c ON c.tenant_id = d.tenant_id AND c.code = d.category_code
            WHERE d.tenant_id = \(tx.tenantID) AND d.id = \(id.rawValue)
            """)
        guard let row = rows.first else { throw Self.notFound(id) }
        let history = try await tx.connection.query("""
            SELECT \(unsafeRaw: DemandHistoryEntry.columns) FROM demand_event e
            WHERE e.tenant_id = \(tx.tenantID) AND e.demand_id = \(id.rawValue)
            ORDER BY e.at, e.id
            """)
        return DemandDetail(
            demand: try Self.demand(row, tenant: tx.tenantID),
            orgCode: try row.decode(String.self, "org_code"), orgName: try row.decode(String.self, "org_name"),
            categoryName: try row.decode(String.self, "category_name"),
            filedAt: try row.decode(Date.self, "filed_at"), updatedAt: try row.decode(Date.self, "updated_at"),
            rowVersion: try row.decode(Int.self, "row_version"),
            history: try history.map { try DemandHistoryEntry($0) })
    }

    // MARK: - Shared by the store's files

    /// The refusal for a demand the tenant does not have.
    static func notFound(_ id: DemandID) -> RegistryStoreError {
        .notFound(kind: "demand 需求", key: "\(id)")
    }

    /// The columns ``demand(_:tenant:)`` reads, over `demand d`.
    static let demandColumns = """
        d.id, d.external_id, d.title, d.description, d.category_code, d.org_unit_id, d.source_channel, d.reporter_id,
        d.beneficiaries, d.quantity, d.measure_unit, d.priority, d.due_on::text AS due_on, d.is_public,
        d.published_on::text AS published_on, d.state, d.escalation_level, d.settled_level, d.merged_into,
        d.rating, d.rating_comment, d.row_version
        """

    /// Reads a stored demand back into the domain type.
    static func demand(_ row: Row, tenant: UUID) throws -> Demand {
        // One value per statement: a single expression this size is too much for the type checker.
        let id = DemandID(try row.decode(Int64.self, "id"))
        let unit = try MeasureUnit(parsing: try row.decode(String.self, "measure_unit"))
        let quantity = try Quantity(try row.decode(Int64.self, "quantity"), unit)
        let channel = try SourceChannel(try row.decode(String.self, "source_channel"))
        let dueOn = try row.decode(String?.self, "due_on").map(CivilDate.init)
        let publishedOn = try row.decode(String?.self, "published_on").map(CivilDate.init)
        let state = try DemandState(parsing: try row.decode(String.self, "state"))
        let level = try EscalationLevel(parsing: try row.decode(String.self, "escalation_level"))
        let settled = try row.decode(String?.self, "settled_level").map { try EscalationLevel(parsing: $0) }
        let comment = try row.decode(String?.self, "rating_comment")
        let rating = try row.decode(Int?.self, "rating").map { try Rating(score: $0, comment: comment) }
        return try Demand(
            tenant: tenant, id: id, externalID: try row.decode(String?.self, "external_id"),
            title: try row.decode(String.self, "title"), details: try row.decode(String?.self, "description"),
            category: try row.decode(String.self, "category_code"),
            orgUnit: OrgUnitID(try row.decode(Int64.self, "org_unit_id")), sourceChannel: channel,
            reporter: try row.decode(Int64?.self, "reporter_id").map { PersonID($0) },
            beneficiaries: try row.decode(Int?.self, "beneficiaries"), quantity: quantity,
            priority: try Priority(try row.decode(Int.self, "priority")), dueOn: dueOn,
            isPublic: try row.decode(Bool.self, "is_public"), publishedOn: publishedOn, state: state,
            escalationLevel: level, settledLevel: settled,
            mergedInto: try row.decode(Int64?.self, "merged_into").map { DemandID($0) }, rating: rating)
    }

    /// The tenant's category code for a code or a Chinese name.
    static func categoryCode(_ key: String, _ tx: TenantTransaction) async throws -> String {
        let rows = try await tx.connection.query("""
            SELECT code FROM tenant_category
            WHERE tenant_id = \(tx.tenantID) AND (code = \(key) OR name_zh = \(key))
            ORDER BY code = \(key) DESC, sort_order LIMIT 1
            """)
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "category 类别", key: key) }
        return try row.decode(String.self, "code")
    }

    /// The id of the tenant's org unit with `code`.
    static func orgUnitID(_ code: String, _ tx: TenantTransaction) async throws -> Int64 {
        try await OrgUnitStore.id(of: code, in: tx)
    }

    /// Stores a transition event.
    static func record(_ event: DemandEvent, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, note, reason, visibility)
            VALUES (\(tx.tenantID), \(event.demand.rawValue), 'transition', \(event.from.rawValue), \(event.to.rawValue),
                    \(event.actor.rawValue), \(event.at), \(event.note), \(event.reason), \(event.visibility.rawValue))
            """)
        try await tx.emit([.demandTransitioned(event.demand, from: event.from, to: event.to)])
    }
}
