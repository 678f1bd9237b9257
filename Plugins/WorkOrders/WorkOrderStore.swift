import Foundation
import Postgres
public import Registry
public import RegistryStore

/// Work orders of a tenant (四联单): ordering, dispatching, the unit's answer, completion and
/// the resident's rating. Every call first checks that the module is enabled for the tenant:
/// a disabled module does nothing (its data stays). Each move locks the order, checks it
/// with ``OrderStep`` and refuses a day before the order's last recorded one.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)`.
///
/// ```swift
/// try await database.withTenant(shangjie, actor: "cli:staff") { tx in
///     let order = try await WorkOrderStore.order(OrderDraft(placeCode: "C01", demand: "D001"), in: tx)
///     try await WorkOrderStore.dispatch(order.id, to: "U005", in: tx)
///     try await WorkOrderStore.accept(order.id, servedBy: "H-0012", in: tx)
/// }
/// ```
public enum WorkOrderStore {
    /// Takes a resident's order (点单): from a demand (its title and category, which must lie
    /// at or under the place), or directly with a title and a category.
    ///
    /// - Throws: ``RegistryError`` for a missing title or category, or a demand outside the
    ///   place; ``RegistryStoreError`` for an unknown place or demand, or a disabled module.
    public static func order(_ draft: OrderDraft, in tx: TenantTransaction) async throws -> WorkOrder {
        let settings = try await Self.enabledSettings(tx)
        let place = try await OrgUnitStore.id(of: draft.placeCode, in: tx)
        var title = try WorkOrderFields.title.checkedText(draft.title, required: false)
        var category = try WorkOrderFields.category.checkedText(draft.category, required: false)
        var demandID: Int64?
        if let key = draft.demand {
            guard let row = try await tx.connection.query("""
                SELECT d.id, d.title, d.category_code, o.path LIKE p.path || '%' AS inside
                FROM module_demand d
                JOIN module_org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
                JOIN module_org_unit p ON p.tenant_id = d.tenant_id AND p.id = \(place)
                WHERE d.tenant_id = \(tx.tenantID) AND (d.external_id = \(key) OR d.id::text = \(key))
                ORDER BY d.external_id = \(key) DESC NULLS LAST LIMIT 1
                """).first else { throw RegistryStoreError.notFound(kind: "demand 需求", key: key) }
            guard try row.decode(Bool.self, "inside") else {
                throw RegistryError(.invalidValue, field: "demand", chinese: "需求 \(key) 不在 \(draft.placeCode) 辖区内",
                                    english: "demand \(key) is not at or under \(draft.placeCode)")
            }
            demandID = try row.decode(Int64.self, "id")
            if title == nil { title = String(try row.decode(String.self, "title").prefix(200)) }
            if category == nil { category = try row.decode(String.self, "category_code") }
        }
        let what = try WorkOrderFields.title.required(title ?? "")
        let kind = try WorkOrderFields.category.required(category ?? "")
        let day = try draft.orderedOn ?? tx.today()
        let id = try await tx.connection.query("""
            INSERT INTO work_orders_order (tenant_id, org_unit_id, demand_id, title, category_code, ordered_on, due_on)
            VALUES (\(tx.tenantID), \(place), \(demandID), \(what), \(kind), \(day.description)::date,
                    \(day.description)::date + \(Self.days("dispatch_deadline_days", settings))::integer)
            RETURNING id
            """)[0].decode(Int64.self, "id")
        return try await Self.order(id, tx)
    }

    /// Dispatches an order to a unit (下单): the unit must answer within the accept deadline.
    @discardableResult
    public static func dispatch(_ order: Int64, to unit: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> WorkOrder {
        try await move(order, to: .dispatched, on: day, in: tx) { tx, settings, day in
            let unitID = try await Self.unit(unit, tx)
            let due: SQL = "\(day.description)::date + \(Self.days("accept_deadline_days", settings))::integer"
            try await tx.connection.execute("""
                INSERT INTO work_orders_dispatch (tenant_id, order_id, unit_id, dispatched_on, answer_by)
                VALUES (\(tx.tenantID), \(order), \(unitID), \(day.description)::date, \(due))
                """)
            try await Self.update(order, "status = 'dispatched', unit_id = \(unitID), due_on = \(due)", tx)
        }
    }

    /// The unit accepts (接单) and the completion deadline starts; `servedBy` names the points
    /// holder who serves for it, who earns when the resident is satisfied.
    @discardableResult
    public static func accept(_ order: Int64, servedBy: String? = nil, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> WorkOrder {
        let holder = try WorkOrderFields.servedBy.checkedText(servedBy, required: false)
        return try await move(order, to: .accepted, on: day, in: tx) { tx, settings, day in
            try await Self.answer(order, .accepted, reason: nil, day, tx)
            try await Self.update(order, """
                status = 'accepted', accepted_on = \(day.description)::date, served_by = \(holder),
                due_on = \(day.description)::date + \(Self.days("complete_deadline_days", settings))::integer
                """, tx)
        }
    }

    /// The unit declines, with its reason: the order waits to be dispatched again, and the
    /// decline counts against the unit in matching (``DeclinePenalty``).
    @discardableResult
    public static func decline(_ order: Int64, reason: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> WorkOrder {
        let why = try WorkOrderFields.reason.required(reason)
        return try await move(order, to: .declined, on: day, in: tx) { tx, settings, day in
            try await Self.answer(order, .declined, reason: why, day, tx)
            try await Self.update(order, """
                status = 'declined', unit_id = NULL,
                due_on = \(day.description)::date + \(Self.days("dispatch_deadline_days", settings))::integer
                """, tx)
        }
    }

    /// Records the work done: the order waits for the resident's rating.
    @discardableResult
    public static func complete(_ order: Int64, result: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> WorkOrder {
        let text = try WorkOrderFields.result.required(result)
        return try await move(order, to: .completed, on: day, in: tx) { tx, _, day in
            try await Self.update(order, "status = 'completed', completed_on = \(day.description)::date, result = \(text), due_on = NULL", tx)
        }
    }

    /// The resident rates the result (评单). Rated satisfied, with a server named, emits a
    /// ``CivicAct`` `work_order_satisfied` for that holder: the person who served earns, not
    /// the resident who rates (paying the rater for "satisfied" would buy the rating).
    @discardableResult
    public static func rate(
        _ order: Int64, satisfied: Bool, score: Int, comment: String? = nil, on day: CivilDate? = nil, in tx: TenantTransaction
    ) async throws -> WorkOrder {
        if let problem = WorkOrderFields.score.integer(score) { throw RegistryError(problem) }
        let words = try WorkOrderFields.comment.checkedText(comment, required: false)
        let rated = try await move(order, to: .rated, on: day, in: tx) { tx, _, day in
            try await Self.update(order, """
                status = 'rated', rated_on = \(day.description)::date, satisfied = \(satisfied), score = \(score), rating_comment = \(words)
                """, tx)
        }
        if satisfied, let holder = rated.servedBy {
            try await tx.emit([CivicAct(kind: "work_order_satisfied", holder: holder, occasion: "work_orders.order:\(order).satisfied")])
        }
        return rated
    }

    /// Withdraws an order no unit has taken on (ordered or declined), with the reason.
    @discardableResult
    public static func cancel(_ order: Int64, reason: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> WorkOrder {
        let why = try WorkOrderFields.reason.required(reason)
        return try await move(order, to: .cancelled, on: day, in: tx) { tx, _, day in
            try await Self.update(order, "status = 'cancelled', cancelled_on = \(day.description)::date, cancel_reason = \(why), due_on = NULL", tx)
        }
    }

    // MARK: - Shared

    /// Locks the order, checks the move and the day (not before the last one recorded on the
    /// order), runs `write`, and returns the order.
    private static func move(
        _ order: Int64, to step: OrderStep, on day: CivilDate?, in tx: TenantTransaction,
        _ write: (TenantTransaction, ModuleSettings, CivilDate) async throws -> Void
    ) async throws -> WorkOrder {
        let settings = try await Self.enabledSettings(tx)
        guard let row = try await tx.connection.query("""
            SELECT o.status, greatest(o.ordered_on, o.accepted_on, o.completed_on,
                       (SELECT max(greatest(d.dispatched_on, d.answered_on)) FROM work_orders_dispatch d
                        WHERE d.tenant_id = \(tx.tenantID) AND d.order_id = o.id))::text AS last_on
            FROM work_orders_order o WHERE o.tenant_id = \(tx.tenantID) AND o.id = \(order) FOR UPDATE
            """).first else { throw RegistryStoreError.notFound(kind: "work order 订单", key: "\(order)") }
        try OrderStep(rawValue: try row.decode(String.self, "status"))!.check(step)
        let last = try CivilDate(try row.decode(String.self, "last_on"))
        let day = try day ?? tx.today()
        guard day >= last else {
            throw RegistryError(.invalidValue, field: "on", chinese: "日期 \(day) 早于订单上次记录的 \(last)",
                                english: "\(day) is before the order's last recorded day, \(last)")
        }
        try await write(tx, settings, day)
        return try await Self.order(order, tx)
    }

    /// Records the unit's answer on the order's open dispatch.
    private static func answer(_ order: Int64, _ answer: Dispatch.Answer, reason: String?, _ day: CivilDate, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            UPDATE work_orders_dispatch SET answer = \(answer.rawValue), answered_on = \(day.description)::date, reason = \(reason)
            WHERE tenant_id = \(tx.tenantID) AND order_id = \(order) AND answer IS NULL
            """)
    }

    private static func update(_ order: Int64, _ assignments: SQL, _ tx: TenantTransaction) async throws {
        var sql: SQL = "UPDATE work_orders_order SET "
        sql.append(assignments)
        sql.append(", updated_at = now(), row_version = row_version + 1 WHERE tenant_id = \(tx.tenantID) AND id = \(order)")
        try await tx.connection.execute(sql)
    }

    /// The tenant's settings for the module, or a refusal when it is not enabled.
    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(WorkOrdersModule.moduleID, chineseName: "四联单", in: tx)
    }

    static func days(_ key: String, _ settings: ModuleSettings) -> Int {
        Int(settings.integer(key) ?? WorkOrdersModule.defaultDays[key] ?? 3)
    }

    /// A registered unit by external id (or number).
    static func unit(_ key: String, _ tx: TenantTransaction) async throws -> Int64 {
        guard let row = try await tx.connection.query("""
            SELECT id FROM module_unit WHERE tenant_id = \(tx.tenantID) AND (external_id = \(key) OR id::text = \(key))
            ORDER BY external_id = \(key) DESC NULLS LAST LIMIT 1
            """).first else { throw RegistryStoreError.notFound(kind: "unit 单位", key: key) }
        return try row.decode(Int64.self, "id")
    }
}
