import Foundation
import Postgres
public import Registry
public import RegistryStore

/// Red property records of a tenant. Every call first checks that the module is enabled for
/// the tenant: a disabled module does nothing (its data stays).
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// try await database.withTenant(langao, actor: "cli:staff") { tx in
///     try await RedPropertyStore.assign(compound: "C01X1", company: "U032", in: tx)
///     let problem = try await RedPropertyStore.raise(compound: "C01X1", title: "电梯异响", by: .resident, in: tx)
///     try await RedPropertyStore.escalate(problem.id, in: tx)
/// }
/// ```
public enum RedPropertyStore {
    /// Records that a property company serves a compound (replacing an earlier company).
    ///
    /// - Throws: ``RegistryError`` when the org unit is not a compound or the unit not a
    ///   property company; ``RegistryStoreError`` for an unknown code or a disabled module.
    public static func assign(compound code: String, company: String, since: CivilDate? = nil, in tx: TenantTransaction) async throws {
        try await write(in: tx) { tx, _ in
            let compound = try await Self.orgUnit(code, kind: "compound", tx)
            let companyID = try await Self.company(company, tx)
            try await tx.connection.execute("""
                INSERT INTO red_property_compound (tenant_id, org_unit_id, company_id, since)
                VALUES (\(tx.tenantID), \(compound), \(companyID), \(since?.description)::date)
                ON CONFLICT (tenant_id, org_unit_id) DO UPDATE SET company_id = EXCLUDED.company_id, since = EXCLUDED.since
                """)
        }
    }

    /// Records a party branch set up in a property company.
    public static func setUpBranch(company: String, name: String, setUpOn: CivilDate, members: Int = 0, in tx: TenantTransaction) async throws {
        let title = try RedPropertyFields.compoundName.required(name)
        guard members >= 0 else { throw RegistryError(.invalidValue, field: "members", chinese: "党员人数不能为负", english: "members cannot be negative") }
        try await write(in: tx) { tx, _ in
            let companyID = try await Self.company(company, tx)
            do {
                try await tx.connection.execute("""
                    INSERT INTO red_property_branch (tenant_id, company_id, name, set_up_on, members)
                    VALUES (\(tx.tenantID), \(companyID), \(title), \(setUpOn.description)::date, \(members))
                    """)
            } catch let error as PostgresError where error.sqlState == "23505" {
                throw RegistryStoreError.conflict("该物业公司已有此支部 the company already has a branch named \(title)")
            }
        }
    }

    /// Records a cross-appointment.
    public static func appoint(_ draft: AppointmentDraft, in tx: TenantTransaction) async throws {
        let name = try RedPropertyFields.personName.required(draft.personName), role = try RedPropertyFields.role.required(draft.role)
        try await write(in: tx) { tx, _ in
            let community = try await Self.orgUnit(draft.communityCode, kind: nil, tx)
            let companyID = try await Self.company(draft.company, tx)
            try await tx.connection.execute("""
                INSERT INTO red_property_appointment (tenant_id, person_name, direction, community_id, company_id, role, since)
                VALUES (\(tx.tenantID), \(name), \(draft.direction.rawValue), \(community), \(companyID), \(role), \(draft.since.description)::date)
                """)
        }
    }

    /// Logs a problem in a compound (which must have a property company on record).
    public static func raise(compound code: String, title: String, by source: ProblemSource, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> PropertyProblem {
        let text = try RedPropertyFields.title.required(title)
        return try await write(in: tx) { tx, _ in
            let org = try await Self.orgUnit(code, kind: "compound", tx)
            guard let compound = try await tx.connection.query("""
                SELECT id FROM red_property_compound WHERE tenant_id = \(tx.tenantID) AND org_unit_id = \(org)
                """).first?.decode(Int64.self, "id") else {
                throw RegistryStoreError.notFound(kind: "compound's property company 小区物业", key: code)
            }
            let id = try await tx.connection.query("""
                INSERT INTO red_property_problem (tenant_id, compound_id, title, raised_by, raised_on)
                VALUES (\(tx.tenantID), \(compound), \(text), \(source.rawValue), \(try SQL.day(day, in: tx)))
                RETURNING id
                """)[0].decode(Int64.self, "id")
            return try await Self.problems(tx, where: " AND p.id = \(id)")[0]
        }
    }

    /// Hands a problem to the compound's company (吹哨): it must answer within the tenant's
    /// response deadline.
    @discardableResult
    public static func escalate(_ problem: Int64, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> PropertyProblem {
        try await move(problem, to: .escalated, in: tx) { tx, settings in
            let days = Int(settings.integer("response_deadline_days") ?? 3)
            try await tx.connection.execute("""
                UPDATE red_property_problem SET status = 'escalated', escalated_on = \(try SQL.day(day, in: tx)),
                    respond_by = \(try SQL.day(day, in: tx)) + \(days)::integer, updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(problem)
                """)
        }
    }

    /// Records the company's response.
    @discardableResult
    public static func respond(_ problem: Int64, response: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> PropertyProblem {
        let text = try RedPropertyFields.response.required(response)
        return try await move(problem, to: .responded, in: tx) { tx, _ in
            try await tx.connection.execute("""
                UPDATE red_property_problem SET status = 'responded', response = \(text), responded_on = \(try SQL.day(day, in: tx)),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(problem)
                """)
        }
    }

    /// Closes a problem (销号), which needs the fix recorded.
    @discardableResult
    public static func close(_ problem: Int64, fix: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> PropertyProblem {
        let text = try RedPropertyFields.fix.required(fix)
        return try await move(problem, to: .closed, in: tx) { tx, _ in
            try await tx.connection.execute("""
                UPDATE red_property_problem SET status = 'closed', fix = \(text), closed_on = \(try SQL.day(day, in: tx)),
                    updated_at = now(), row_version = row_version + 1
                WHERE tenant_id = \(tx.tenantID) AND id = \(problem)
                """)
        }
    }

    // MARK: - Shared

    /// Runs `body` in a write transaction once the module is found enabled.
    static func write<T>(in tx: TenantTransaction, _ body: (TenantTransaction, ModuleSettings) async throws -> T) async throws -> T {
        try await body(tx, try await Self.enabledSettings(tx))
    }

    private static func move(
        _ problem: Int64, to status: ProblemStatus, in tx: TenantTransaction, _ update: (TenantTransaction, ModuleSettings) async throws -> Void
    ) async throws -> PropertyProblem {
        try await write(in: tx) { tx, settings in
            guard let row = try await tx.connection.query("""
                SELECT status FROM red_property_problem WHERE tenant_id = \(tx.tenantID) AND id = \(problem) FOR UPDATE
                """).first else { throw RegistryStoreError.notFound(kind: "property problem 物业问题", key: "\(problem)") }
            try ProblemStatus(rawValue: try row.decode(String.self, "status"))!.check(status)
            try await update(tx, settings)
            return try await Self.problems(tx, where: " AND p.id = \(problem)")[0]
        }
    }

    static func enabledSettings(_ tx: TenantTransaction) async throws -> ModuleSettings {
        try await ModuleStore.requireEnabled(RedPropertyModule.moduleID, chineseName: "红色物业", in: tx)
    }

    static func orgUnit(_ code: String, kind: String?, _ tx: TenantTransaction) async throws -> Int64 {
        guard let row = try await tx.connection.query("""
            SELECT id, kind FROM module_org_unit WHERE tenant_id = \(tx.tenantID) AND code = \(code)
            """).first else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
        if let kind, try row.decode(String.self, "kind") != kind {
            throw RegistryError(.invalidValue, field: "compound", chinese: "\(code) 不是小区", english: "\(code) is not a compound")
        }
        return try row.decode(Int64.self, "id")
    }

    static func company(_ key: String, _ tx: TenantTransaction) async throws -> Int64 {
        guard let row = try await tx.connection.query("""
            SELECT id, kind FROM module_unit WHERE tenant_id = \(tx.tenantID) AND (external_id = \(key) OR id::text = \(key))
            ORDER BY external_id = \(key) DESC NULLS LAST LIMIT 1
            """).first else { throw RegistryStoreError.notFound(kind: "unit 单位", key: key) }
        guard try row.decode(String.self, "kind") == "property_company" else {
            throw RegistryError(.invalidValue, field: "company", chinese: "单位 \(key) 不是物业公司", english: "unit \(key) is not a property company")
        }
        return try row.decode(Int64.self, "id")
    }

}
