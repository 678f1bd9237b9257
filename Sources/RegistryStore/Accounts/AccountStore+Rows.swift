import Foundation
import Postgres
import Registry

/// The SQL under both doors of ``AccountStore``: the same statements on the owner's
/// connection (operators) or inside a tenant's transaction (district admins).
extension AccountStore {
    /// Which accounts a statement touches; every criterion given must hold.
    struct Selection {
        var tenant: UUID?
        var id: Int64?
        var login: AccountLogin?
        /// A token's id (token statements only).
        var token: Int64?

        var condition: SQL {
            "(\(tenant)::uuid IS NULL OR a.tenant_id = \(tenant)) AND (\(id)::bigint IS NULL OR a.id = \(id)) AND (\(login?.rawValue)::text IS NULL OR a.login = \(login?.rawValue))"
        }
    }

    static func insert(_ draft: AccountDraft, tenant: UUID?, _ connection: Connection) async throws -> AccountRecord {
        let name = draft.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw RegistryStoreError.invalid(field: "display_name", reason: "姓名须为 1–100 个字符 must be 1–100 characters")
        }
        guard draft.role.isTenantRole == (tenant != nil) else {
            throw RegistryStoreError.invalid(field: "role", reason: draft.role == .operator
                ? "平台运维不属于区县 an operator belongs to no tenant"
                : "须指定区县 a \(draft.role.rawValue) account needs a tenant")
        }
        guard (draft.role == .communityStaff) == (draft.orgCode != nil) else {
            throw RegistryStoreError.invalid(field: "org_code", reason: draft.role == .communityStaff
                ? "社区工作人员须指定组织节点 community staff need the org unit they work in"
                : "只有社区工作人员绑定组织节点 only community staff are bound to an org unit")
        }
        var orgUnit: Int64?
        if let code = draft.orgCode, let tenant {
            let rows = try await connection.query("SELECT id FROM org_unit WHERE tenant_id = \(tenant) AND code = \(code)")
            guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "org unit", key: code) }
            orgUnit = try row.decode(Int64.self, "id")
        }
        do {
            let rows = try await connection.query("""
                INSERT INTO account (tenant_id, login, display_name, role, org_unit_id)
                VALUES (\(tenant), \(draft.login.rawValue), \(name), \(draft.role.rawValue), \(orgUnit))
                RETURNING id
                """)
            let id = try rows[0].decode(Int64.self, "id")
            return try await select(.init(tenant: tenant, id: id), connection)[0]
        } catch let error as PostgresError where error.sqlState == "23505" {
            // Logins are unique per district (migration 0022): the clash is with an account of
            // the caller's own district, or among operators.
            throw RegistryStoreError.conflict(tenant == nil
                ? "运维登录名已被使用 an operator with the login \(draft.login) exists"
                : "本区县已有此登录名 this district has an account with the login \(draft.login)")
        }
    }

    static func select(_ selection: Selection, _ connection: Connection) async throws -> [AccountRecord] {
        let rows = try await connection.query("""
            SELECT a.id, a.tenant_id, t.slug, a.login, a.display_name, a.role, o.code AS org_code, a.status,
                   a.created_at, a.row_version
            FROM account a
            LEFT JOIN tenant t ON t.id = a.tenant_id
            LEFT JOIN org_unit o ON o.tenant_id = a.tenant_id AND o.id = a.org_unit_id
            WHERE \(selection.condition)
            ORDER BY a.tenant_id NULLS FIRST, a.login
            """)
        return try rows.map { row in
            AccountRecord(
                id: try row.decode(Int64.self, "id"), tenantID: try row.decode(UUID?.self, "tenant_id"),
                tenant: try row.decode(String?.self, "slug"), login: try AccountLogin(try row.decode(String.self, "login")),
                displayName: try row.decode(String.self, "display_name"),
                role: AccountRole(rawValue: try row.decode(String.self, "role")) ?? .viewer,
                orgCode: try row.decode(String?.self, "org_code"), status: try row.decode(String.self, "status"),
                createdAt: try row.decode(Date.self, "created_at"), rowVersion: try row.decode(Int.self, "row_version"))
        }
    }

    static func disable(_ selection: Selection, _ connection: Connection) async throws -> AccountRecord {
        let rows = try await connection.query("""
            UPDATE account a SET status = 'disabled', disabled_at = coalesce(disabled_at, z.now),
                row_version = row_version + (status = 'active')::int
            FROM (SELECT now() AS now) z  -- not now() inside coalesce: Citus refuses that in an UPDATE
            WHERE \(selection.condition) RETURNING a.id
            """)
        guard let row = rows.first else {
            throw RegistryStoreError.notFound(kind: "account", key: selection.login?.rawValue ?? selection.id.map { String($0) } ?? "?")
        }
        var exact = selection
        exact.id = try row.decode(Int64.self, "id")
        return try await select(exact, connection)[0]
    }

    static func issue(
        for account: Int64, tenant: UUID?, label: String?, days: Int, _ connection: Connection
    ) async throws -> IssuedToken {
        guard (1...longestTokenLifetime).contains(days) else {
            throw RegistryStoreError.invalid(field: "days", reason: "有效期须为 1–\(longestTokenLifetime) 天 must be 1–\(longestTokenLifetime) days")
        }
        if let label, label.count > 100 {
            throw RegistryStoreError.invalid(field: "label", reason: "最多 100 个字符 at most 100 characters")
        }
        let active = try await connection.query("SELECT status FROM account WHERE id = \(account)")
        guard try active.first?.decode(String.self, "status") == "active" else {
            throw RegistryStoreError.conflict("账号已停用 the account is disabled; no token can be issued for it")
        }
        let token = AccessToken.generate()
        let rows = try await connection.query("""
            INSERT INTO api_token (account_id, tenant_id, token_hash, prefix, label, expires_at)
            VALUES (\(account), \(tenant), \(token.hash), \(token.prefix), \(label), now() + make_interval(days => \(days)::int))
            RETURNING id
            """)
        let id = try rows[0].decode(Int64.self, "id")
        let record = try await selectTokens(.init(tenant: tenant, token: id), connection)[0]
        return IssuedToken(token: record, secret: token.secret)
    }

    static func revoke(_ id: Int64, tenant: UUID?, _ connection: Connection) async throws -> TokenRecord {
        let rows = try await connection.query("""
            UPDATE api_token SET revoked_at = coalesce(revoked_at, z.now)
            FROM (SELECT now() AS now) z  -- not now() inside coalesce: Citus refuses that in an UPDATE
            WHERE id = \(id) AND (\(tenant)::uuid IS NULL OR tenant_id = \(tenant)) RETURNING id
            """)
        guard !rows.isEmpty else { throw RegistryStoreError.notFound(kind: "token", key: String(id)) }
        return try await selectTokens(.init(tenant: tenant, token: id), connection)[0]
    }

    static func selectTokens(_ selection: Selection, _ connection: Connection) async throws -> [TokenRecord] {
        let rows = try await connection.query("""
            SELECT k.id, k.account_id, a.login, k.prefix, k.label, k.created_at, k.expires_at, k.revoked_at, k.last_used_at
            FROM api_token k JOIN account a ON a.id = k.account_id
            WHERE \(selection.condition) AND (\(selection.token)::bigint IS NULL OR k.id = \(selection.token))
            ORDER BY k.id DESC
            """)
        return try rows.map { row in
            TokenRecord(
                id: try row.decode(Int64.self, "id"), accountID: try row.decode(Int64.self, "account_id"),
                login: try AccountLogin(try row.decode(String.self, "login")), prefix: try row.decode(String.self, "prefix"),
                label: try row.decode(String?.self, "label"), createdAt: try row.decode(Date.self, "created_at"),
                expiresAt: try row.decode(Date.self, "expires_at"), revokedAt: try row.decode(Date?.self, "revoked_at"),
                lastUsedAt: try row.decode(Date?.self, "last_used_at"))
        }
    }
}

extension AccountStore.Selection {
    /// One token, by id, within the tenant.
    init(tenant: UUID?, token: Int64) {
        self.init(tenant: tenant, id: nil, login: nil, token: token)
    }
}

extension AccountStore {
    /// Account events, newest first, of the selected accounts.
    static func selectEvents(_ selection: Selection, limit: Int, _ connection: Connection) async throws -> [AccountEvent] {
        try await connection.query("""
            SELECT e.id, t.slug AS tenant, a.login, e.token_id, e.action, e.actor, e.at
            FROM account_event e JOIN account a ON a.id = e.account_id LEFT JOIN tenant t ON t.id = a.tenant_id
            WHERE \(selection.condition)
            ORDER BY e.id DESC LIMIT \(max(1, limit))
            """).map { row in
            guard let action = AccountEvent.Action(rawValue: try row.decode(String.self, "action")) else {
                throw RegistryStoreError.conflict("未知的账号事件 unknown account event")
            }
            return AccountEvent(
                id: try row.decode(Int64.self, "id"), tenant: try row.decode(String?.self, "tenant"),
                login: try AccountLogin(try row.decode(String.self, "login")), tokenID: try row.decode(Int64?.self, "token_id"),
                action: action, actor: try row.decode(String.self, "actor"), at: try row.decode(Date.self, "at"))
        }
    }
}
