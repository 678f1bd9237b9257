import Foundation
import Postgres
public import Registry
public import RegistryStore

extension WorkOrderStore {
    /// Blows the whistle (吹哨): summons the named departments (units, by external id) on a
    /// matter beyond the community; each must report by `dueOn` (default: the day plus the
    /// tenant's report deadline). `order` links the order that outgrew the community.
    ///
    /// - Throws: ``RegistryError`` for an empty matter, no department, a department named
    ///   twice or a deadline before the day; ``RegistryStoreError`` for an unknown place, unit
    ///   or order, or a disabled module.
    public static func blowWhistle(
        placeCode: String, matter: String, departments: [String], dueOn: CivilDate? = nil, order: Int64? = nil,
        on day: CivilDate? = nil, in tx: TenantTransaction
    ) async throws -> Whistle {
        let text = try WorkOrderFields.matter.required(matter)
        guard !departments.isEmpty else {
            throw RegistryError(.invalidValue, field: "departments", chinese: "须至少点名一个部门", english: "name at least one department")
        }
        guard Set(departments).count == departments.count else {
            throw RegistryError(.invalidValue, field: "departments", chinese: "部门重复", english: "a department is named twice")
        }
        let settings = try await Self.enabledSettings(tx)
        let day = try day ?? tx.today()
        if let dueOn, dueOn < day {
            throw RegistryError(.invalidValue, field: "due_on", chinese: "报到期限早于吹哨日", english: "the deadline \(dueOn) is before the day \(day)")
        }
        let place = try await OrgUnitStore.id(of: placeCode, in: tx)
        if let order, try await tx.connection.query("""
            SELECT 1 FROM work_orders_order WHERE tenant_id = \(tx.tenantID) AND id = \(order)
            """).isEmpty { throw RegistryStoreError.notFound(kind: "work order 订单", key: "\(order)") }
        var units: [Int64] = []
        for department in departments { units.append(try await Self.unit(department, tx)) }
        let id = try await tx.connection.query("""
            INSERT INTO work_orders_whistle (tenant_id, org_unit_id, order_id, matter, blown_on)
            VALUES (\(tx.tenantID), \(place), \(order), \(text), \(day.description)::date) RETURNING id
            """)[0].decode(Int64.self, "id")
        let due: SQL = dueOn.map { "\($0.description)::date" }
            ?? "\(day.description)::date + \(Self.days("report_deadline_days", settings))::integer"
        try await RowsInsert.run(
            "INSERT INTO work_orders_call (tenant_id, whistle_id, unit_id, first_due_on, due_on)",
            rows: units.map { "(\(tx.tenantID), \(id), \($0), \(due), \(due))" }, tx.connection)
        return try await Self.whistles(tx, where: " AND w.id = \(id)")[0]
    }

    /// Records a summoned department's report (报到).
    @discardableResult
    public static func report(_ whistle: Int64, unit: String, report: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> Whistle {
        let text = try WorkOrderFields.report.required(report)
        return try await Self.call(whistle, unit: unit, to: .reported, on: day, in: tx) { call, _, day in
            try await tx.connection.execute("""
                UPDATE work_orders_call SET reported_on = \(day.description)::date, report = \(text), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(call)
                """)
        }
    }

    /// Grants a summoned department a later deadline, with the reason; every delay is kept.
    @discardableResult
    public static func delay(
        _ whistle: Int64, unit: String, until: CivilDate, reason: String, on day: CivilDate? = nil, in tx: TenantTransaction
    ) async throws -> Whistle {
        let why = try WorkOrderFields.reason.required(reason)
        return try await Self.call(whistle, unit: unit, to: .summoned, on: day, in: tx) { call, due, day in
            guard until > due else {
                throw RegistryError(.invalidValue, field: "until", chinese: "新期限须晚于现期限 \(due)", english: "the new deadline must be after \(due)")
            }
            try await tx.connection.execute("""
                INSERT INTO work_orders_delay (tenant_id, call_id, granted_on, from_due_on, to_due_on, reason)
                VALUES (\(tx.tenantID), \(call), \(day.description)::date, \(due.description)::date, \(until.description)::date, \(why))
                """)
            try await tx.connection.execute("""
                UPDATE work_orders_call SET due_on = \(until.description)::date, row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(call)
                """)
        }
    }

    /// Locks a department's summons, checks the move (`summoned` for a delay: only while the
    /// report is awaited) and the day (not before the whistle), runs `write`.
    private static func call(
        _ whistle: Int64, unit: String, to status: CallStatus, on day: CivilDate?, in tx: TenantTransaction,
        _ write: (_ call: Int64, _ due: CivilDate, _ day: CivilDate) async throws -> Void
    ) async throws -> Whistle {
        _ = try await Self.enabledSettings(tx)
        let unitID = try await Self.unit(unit, tx)
        guard let row = try await tx.connection.query("""
            SELECT c.id, c.reported_on IS NOT NULL AS reported, c.due_on::text AS due_on, w.blown_on::text AS blown_on
            FROM work_orders_call c JOIN work_orders_whistle w ON w.tenant_id = \(tx.tenantID) AND w.id = c.whistle_id
            WHERE c.tenant_id = \(tx.tenantID) AND c.whistle_id = \(whistle) AND c.unit_id = \(unitID)
            FOR UPDATE OF c
            """).first else { throw RegistryStoreError.notFound(kind: "summons 报到", key: "whistle \(whistle), unit \(unit)") }
        let current: CallStatus = try row.decode(Bool.self, "reported") ? .reported : .summoned
        if current == .summoned, status == .summoned {
            // A delay keeps the summons where it is.
        } else {
            try current.check(status)
        }
        let day = try day ?? tx.today()
        let blown = try CivilDate(try row.decode(String.self, "blown_on"))
        guard day >= blown else {
            throw RegistryError(.invalidValue, field: "on", chinese: "日期 \(day) 早于吹哨日 \(blown)", english: "\(day) is before the whistle, \(blown)")
        }
        try await write(try row.decode(Int64.self, "id"), try CivilDate(try row.decode(String.self, "due_on")), day)
        return try await Self.whistles(tx, where: " AND w.id = \(whistle)")[0]
    }
}
