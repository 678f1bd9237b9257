public import Foundation
import Postgres
public import Registry

/// The console's sign-in and sessions (migration 0034), over the application's pool.
///
/// The store never sees a password: the console checks it against the stored bcrypt hash
/// and tells the store the outcome. The hash, the failure count and the sessions are
/// reached only through the migration's SECURITY DEFINER functions.
public struct ConsoleSessions: Sendable {
    public let database: RegistryDatabase

    public init(database: RegistryDatabase) { self.database = database }

    /// What a sign-in checks a password against.
    public struct Candidate: Sendable, Hashable {
        public var accountID: Int64
        public var tenantID: UUID
        /// `nil` until the operator sets a password (`govreg account password`).
        public var passwordHash: String?
        /// Set while the account is locked after repeated failures.
        public var lockedUntil: Date?
    }

    /// A live session: its account as the API would see it, and when it ends at the latest.
    public struct Session: Sendable, Hashable {
        public var id: Int64
        public var account: AuthenticatedAccount
        public var tenant: String
        public var displayName: String
        public var expiresAt: Date
    }

    /// The active account `login` of the district `tenant` (a slug), or `nil`.
    public func candidate(tenant: String, login: String) async throws -> Candidate? {
        let rows = try await database.tenantPool.query("SELECT * FROM govreg_sign_in_account(\(tenant), \(login))")
        guard let row = rows.first else { return nil }
        return Candidate(
            accountID: try row.decode(Int64.self, "account_id"), tenantID: try row.decode(UUID.self, "tenant_id"),
            passwordHash: try row.decode(String?.self, "password_hash"), lockedUntil: try row.decode(Date?.self, "locked_until"))
    }

    /// Records a wrong password; returns the end of the lock when this failure was the
    /// `limit`-th in a row (the account is then locked for `lockSeconds`).
    public func failed(_ account: Int64, limit: Int, lockSeconds: Int) async throws -> Date? {
        let rows = try await database.tenantPool.query("""
            SELECT govreg_sign_in_failed(\(account), \(limit)::integer, make_interval(secs => \(Double(lockSeconds)))) AS locked
            """)
        return try rows.first?.decode(Date?.self, "locked")
    }

    /// Opens a session for `account` under the hash of its cookie's secret; `false` when the
    /// account was disabled in the meantime.
    public func open(_ account: Int64, secretHash: Data, lifetimeSeconds: Int, idleSeconds: Int) async throws -> Bool {
        let rows = try await database.tenantPool.query("""
            SELECT govreg_sign_in_succeeded(\(account), \(secretHash),
                make_interval(secs => \(Double(lifetimeSeconds))), make_interval(secs => \(Double(idleSeconds)))) AS session
            """)
        return try rows.first?.decode(Int64?.self, "session") != nil
    }

    /// The live session holding the secret whose hash this is, or `nil` (unknown, ended,
    /// expired, idle too long, or its account or district closed: the caller learns none).
    public func session(_ secretHash: Data) async throws -> Session? {
        let rows = try await database.tenantPool.query("SELECT * FROM govreg_console_session(\(secretHash))")
        guard let row = rows.first, let role = AccountRole(rawValue: try row.decode(String.self, "role")) else { return nil }
        let id = try row.decode(Int64.self, "session_id")
        return Session(
            id: id,
            account: AuthenticatedAccount(
                accountID: try row.decode(Int64.self, "account_id"), tokenID: 0, tenantID: try row.decode(UUID.self, "tenant_id"),
                login: try row.decode(String.self, "login"), role: role, orgUnitID: try row.decode(Int64?.self, "org_unit_id")),
            tenant: try row.decode(String.self, "tenant"), displayName: try row.decode(String.self, "display_name"),
            expiresAt: try row.decode(Date.self, "expires_at"))
    }

    /// Ends the session holding the secret whose hash this is (sign-out).
    public func end(_ secretHash: Data) async throws {
        _ = try await database.tenantPool.execute("SELECT govreg_sign_out(\(secretHash))")
    }
}

extension AccountStore {
    /// Sets an account's console password (its bcrypt hash, made by the caller), clears a
    /// lock-out and ends the account's sessions (`tenant` as for
    /// ``disable(_:tenant:actor:)``). Operators' accounts have no console sign-in.
    public func setPassword(_ login: AccountLogin, tenant: UUID?, hash: String, actor: String) async throws -> AccountRecord {
        try await operatorTransaction(actor: actor) { connection in
            let account = try await Self.account(login, tenant: tenant, connection)
            guard account.tenantID != nil else {
                throw RegistryStoreError.invalid(field: "login", reason: "平台运维账号不登录控制台 operators use the command line, not the console")
            }
            guard account.status == "active" else {
                throw RegistryStoreError.invalid(field: "login", reason: "账号已停用 the account is disabled")
            }
            try await connection.execute("""
                INSERT INTO account_password (account_id, tenant_id, password_hash) VALUES (\(account.id), \(account.tenantID), \(hash))
                ON CONFLICT (account_id) DO UPDATE
                SET password_hash = EXCLUDED.password_hash, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by,
                    failed_attempts = 0, locked_until = NULL
                """)
            try await connection.execute("UPDATE console_session SET ended_at = now() WHERE account_id = \(account.id) AND ended_at IS NULL")
            try await connection.execute("""
                INSERT INTO account_event (tenant_id, account_id, action) VALUES (\(account.tenantID), \(account.id), 'password_set')
                """)
            return account
        }
    }

    /// Sets the console password of an active account of the transaction's district (a
    /// district admin in the console); ends its sessions. `false` when there is no such account.
    public static func setPassword(_ account: Int64, hash: String, in tx: TenantTransaction) async throws -> Bool {
        let rows = try await tx.connection.query("SELECT govreg_set_password(\(account), \(hash)) AS done")
        return try rows.first?.decode(Bool.self, "done") ?? false
    }
}
