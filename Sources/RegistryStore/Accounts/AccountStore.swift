public import Foundation
import Postgres
public import Registry

/// Accounts and API tokens.
///
/// Two doors onto the same rows. Operators at the command line use the instance methods,
/// on the owner's connection, across tenants. District admins over the API use the static
/// methods inside their tenant's transaction, where row-level security limits them to
/// their own tenant's accounts whatever the SQL says.
public struct AccountStore: Sendable {
    public let database: RegistryDatabase

    /// How long a token lives unless told otherwise, and at most.
    public static let defaultTokenLifetime = 90
    public static let longestTokenLifetime = 366

    public init(database: RegistryDatabase) { self.database = database }

    // MARK: - Operators (command line, every tenant)

    /// Creates an account: an operator when `tenant` is `nil`, else one of that tenant.
    /// `actor` (who does it, e.g. `cli:root`) goes into the account's history, as for every
    /// change below.
    public func create(_ draft: AccountDraft, tenant: UUID?, actor: String) async throws -> AccountRecord {
        try await operatorTransaction(actor: actor) { try await Self.insert(draft, tenant: tenant, $0) }
    }

    /// Accounts of one tenant, or every account when `tenant` is `nil`.
    public func list(tenant: UUID?) async throws -> [AccountRecord] {
        try await database.operatorPool.withConnection { try await Self.select(.init(tenant: tenant), $0) }
    }

    /// Disables an account: its tokens stop working at once; its history stays.
    ///
    /// Logins are unique within a district (and among operators), so `tenant` says whose
    /// `login` is meant; without it, the one account of that login anywhere (see
    /// ``account(_:tenant:_:)``).
    public func disable(_ login: AccountLogin, tenant: UUID? = nil, actor: String) async throws -> AccountRecord {
        try await operatorTransaction(actor: actor) { connection in
            let account = try await Self.account(login, tenant: tenant, connection)
            return try await Self.disable(.init(id: account.id), connection)
        }
    }

    /// Issues a token for an active account (`tenant` as for ``disable(_:tenant:actor:)``).
    public func issueToken(for login: AccountLogin, tenant: UUID? = nil, label: String?, days: Int, actor: String) async throws -> IssuedToken {
        try await operatorTransaction(actor: actor) { connection in
            let account = try await Self.account(login, tenant: tenant, connection)
            return try await Self.issue(for: account.id, tenant: account.tenantID, label: label, days: days, connection)
        }
    }

    /// Tokens of an account, newest first (`tenant` as for ``disable(_:tenant:actor:)``).
    public func tokens(of login: AccountLogin, tenant: UUID? = nil) async throws -> [TokenRecord] {
        try await database.operatorPool.withConnection { connection in
            let account = try await Self.account(login, tenant: tenant, connection)
            return try await Self.selectTokens(.init(id: account.id), connection)
        }
    }

    /// The account an operator names: `login` in `tenant`, or, without a tenant, the one
    /// account of that login in any district or among operators.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when there is none;
    ///   ``RegistryStoreError/conflict(_:)`` naming the districts when several districts
    ///   have the login (the operator sees every district; no district does).
    static func account(_ login: AccountLogin, tenant: UUID?, _ connection: Connection) async throws -> AccountRecord {
        let accounts = try await select(.init(tenant: tenant, login: login), connection)
        guard let account = accounts.first else { throw RegistryStoreError.notFound(kind: "account", key: login.rawValue) }
        guard accounts.count == 1 else {
            let places = accounts.map { $0.tenant ?? "operator 平台" }.joined(separator: ", ")
            throw RegistryStoreError.conflict("登录名 \(login) 在多个区县都有（\(places)），请用 --tenant 指明 the login \(login) exists in \(places): name the district with --tenant")
        }
        return account
    }

    /// Revokes a token; revoking twice is harmless.
    public func revokeToken(_ id: Int64, actor: String) async throws -> TokenRecord {
        try await operatorTransaction(actor: actor) { try await Self.revoke(id, tenant: nil, $0) }
    }

    /// What was done to accounts and tokens, newest first: of one account, of one tenant's
    /// accounts, or (both `nil`) of all.
    public func events(of login: AccountLogin? = nil, tenant: UUID? = nil, limit: Int = 100) async throws -> [AccountEvent] {
        try await database.operatorPool.withConnection { try await Self.selectEvents(.init(tenant: tenant, login: login), limit: limit, $0) }
    }

    /// An owner's transaction that names its actor, for the account history (the triggers of
    /// migration 0017 write it with `current_actor()`).
    ///
    /// On Citus the account tables stay on the coordinator, with keys to the reference table
    /// `tenant`, and Citus refuses to write them after a statement it ran over several
    /// connections per node (an operator's lookup of a login across every district):
    /// `multi_shard_modify_mode` is made sequential for the transaction, where Citus is.
    func operatorTransaction<T>(actor: String, _ body: (Connection) async throws -> T) async throws -> T {
        try await database.operatorPool.transaction { connection in
            try await connection.execute("""
                SELECT govreg_set_local('app.actor', \(actor)),
                       (SELECT set_config('citus.multi_shard_modify_mode', 'sequential', true) FROM pg_extension WHERE extname = 'citus')
                """)
            return try await body(connection)
        }
    }

    /// The account holding `token`, if the token is live; `nil` otherwise (unknown, revoked,
    /// expired or its account disabled: the caller does not learn which).
    public func authenticate(_ token: AccessToken) async throws -> AuthenticatedAccount? {
        let rows = try await database.tenantPool.query("SELECT * FROM govreg_authenticate(\(token.hash))")
        guard let row = rows.first else { return nil }
        guard let role = AccountRole(rawValue: try row.decode(String.self, "role")) else { return nil }
        return AuthenticatedAccount(
            accountID: try row.decode(Int64.self, "account_id"), tokenID: try row.decode(Int64.self, "token_id"),
            tenantID: try row.decode(UUID?.self, "tenant_id"), login: try row.decode(String.self, "login"),
            role: role, orgUnitID: try row.decode(Int64?.self, "org_unit_id"))
    }

    // MARK: - District admins (API, inside their tenant)

    /// Creates an account of the transaction's tenant (never an operator).
    public static func create(_ draft: AccountDraft, in tx: TenantTransaction) async throws -> AccountRecord {
        guard draft.role != .operator else {
            throw RegistryStoreError.invalid(field: "role", reason: "区县不能创建平台运维账号 a district cannot create operator accounts")
        }
        return try await insert(draft, tenant: tx.tenantID, tx.connection)
    }

    /// The tenant's accounts.
    public static func list(in tx: TenantTransaction) async throws -> [AccountRecord] {
        try await select(.init(tenant: tx.tenantID), tx.connection)
    }

    /// One account of the tenant.
    public static func get(_ id: Int64, in tx: TenantTransaction) async throws -> AccountRecord {
        guard let account = try await select(.init(tenant: tx.tenantID, id: id), tx.connection).first else {
            throw RegistryStoreError.notFound(kind: "account", key: String(id))
        }
        return account
    }

    /// Disables an account of the tenant.
    public static func disable(_ id: Int64, in tx: TenantTransaction) async throws -> AccountRecord {
        try await disable(.init(tenant: tx.tenantID, id: id), tx.connection)
    }

    /// Whether an account of role `callerRole` (and id `callerID`) may mint a credential (a
    /// token, a console password) that acts as `target`: a district admin may for themselves,
    /// staff and viewers, never for another district admin.
    public static func mayIssueCredential(by callerRole: AccountRole, callerID: Int64, for target: AccountRecord) -> Bool {
        !(callerRole == .districtAdmin && target.role == .districtAdmin && target.id != callerID)
    }

    /// Issues a token for an active account of the tenant.
    public static func issueToken(for id: Int64, label: String?, days: Int, in tx: TenantTransaction) async throws -> IssuedToken {
        _ = try await get(id, in: tx)
        return try await issue(for: id, tenant: tx.tenantID, label: label, days: days, tx.connection)
    }

    /// Tokens of the tenant's accounts (of one, if `account` is given), newest first.
    public static func tokens(of account: Int64?, in tx: TenantTransaction) async throws -> [TokenRecord] {
        try await selectTokens(.init(tenant: tx.tenantID, id: account), tx.connection)
    }

    /// Revokes a token of the tenant.
    public static func revokeToken(_ id: Int64, in tx: TenantTransaction) async throws -> TokenRecord {
        try await revoke(id, tenant: tx.tenantID, tx.connection)
    }

    /// What was done to the tenant's accounts and tokens (to one account, if given), newest first.
    public static func events(of account: Int64?, limit: Int, in tx: TenantTransaction) async throws -> [AccountEvent] {
        try await selectEvents(.init(tenant: tx.tenantID, id: account), limit: limit, tx.connection)
    }
}
