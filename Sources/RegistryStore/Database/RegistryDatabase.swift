public import Foundation
public import Postgres
public import Registry

/// The registry's two ways into PostgreSQL.
///
/// - `operatorPool` connects as the schema's owner: tenant creation and other platform
///   work that is not inside one tenant.
/// - `tenantPool` connects as `govreg_app` (no superuser, no BYPASSRLS, owns nothing), and
///   every transaction on it names its tenant, so row-level security holds even if a query
///   forgets its `WHERE tenant_id = …`.
public struct RegistryDatabase: Sendable {
    /// The login role of the application; created by migration 0002.
    public static let applicationRole = "govreg_app"

    public let operatorPool: ConnectionPool
    public let tenantPool: ConnectionPool
    /// The plug-in modules this process ships (the executable passes
    /// `ModuleRegistry.catalogue`; tests pass their own).
    public let modules: ModuleCatalogue

    /// Pools for the database at `configuration` (the owner's login).
    public init(configuration: ConnectionConfiguration, maxConnections: Int = 8, modules: ModuleCatalogue = .empty) {
        self.modules = modules
        operatorPool = ConnectionPool(configuration: configuration, maxConnections: max(1, maxConnections / 4))
        tenantPool = ConnectionPool(configuration: configuration.loggingIn(as: Self.applicationRole), maxConnections: maxConnections)
    }

    /// The advisory lock key of a tenant's writes (see ``withTenant(_:actor:readOnly:isolation:_:)``).
    static func tenantLockKey(_ tenant: UUID) -> SQL {
        "hashtextextended('govreg.tenant.' || \(tenant.uuidString.lowercased()), 0)"
    }

    public func close() async {
        await operatorPool.close()
        await tenantPool.close()
    }

    /// Runs `body` in one transaction as `govreg_app`, scoped to `tenant`.
    ///
    /// The tenant and the actor are set with `set_config(…, true)`, so they end with the
    /// transaction and a pooled session never carries them over.
    ///
    /// ```swift
    /// try await database.withTenant(tenantID, actor: "cli:root") { tx in
    ///     try await tx.connection.execute("UPDATE demand SET … WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
    /// }
    /// ```
    ///
    /// - Throws: ``RegistryStoreError`` `.tenantNotFound` when no such tenant exists,
    ///   `.tenantArchived` when it is archived and `readOnly` is false (archived tenants are
    ///   read-only); otherwise what `body` or PostgreSQL threw, after rolling back.
    @discardableResult
    public func withTenant<T>(
        _ tenant: UUID, actor: String, readOnly: Bool = false, isolation: IsolationLevel = .readCommitted,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        // Inside ``TenantTransaction/joining(_:_:)`` of the same tenant, the work joins that
        // transaction instead of opening its own (a snapshot at another isolation never does).
        if let ambient = TenantTransaction.ambient, ambient.tenantID == tenant, isolation == .readCommitted {
            return try await body(ambient)
        }
        return try await tenantPool.transaction(isolation: isolation, readOnly: readOnly) { connection in
            let settings: SQL = "set_config('app.tenant_id', \(tenant.uuidString.lowercased()), true), set_config('app.actor', \(actor), true)"
            let status: QueryResult
            if readOnly {
                // One round trip: the settings, then the status under them.
                status = try await connection.query("""
                    SELECT (SELECT status FROM tenant WHERE id = \(tenant)) AS status FROM (SELECT \(settings) OFFSET 0) AS settings
                    """)
            } else {
                // Writers share this lock and archiving takes it alone, so an archive waits for
                // the writes in flight, and a write that starts later sees the tenant archived:
                // the status is read by a later statement, whose snapshot follows the lock.
                try await connection.execute("SELECT \(settings), pg_advisory_xact_lock_shared(\(Self.tenantLockKey(tenant)))")
                status = try await connection.query("SELECT status FROM tenant WHERE id = \(tenant)")
            }
            guard let state = try status.first?.decode(String?.self, "status") else {
                throw RegistryStoreError.tenantNotFound(tenant.uuidString)
            }
            if state == "archived", !readOnly {
                throw RegistryStoreError.tenantArchived(tenant.uuidString)
            }
            return try await body(TenantTransaction(connection: connection, tenantID: tenant, actor: actor, modules: modules))
        }
    }
}

/// A transaction inside one tenant (see ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public struct TenantTransaction: Sendable {
    /// The session, inside the transaction, as `govreg_app`.
    public let connection: Connection
    public let tenantID: UUID
    public let actor: String
    /// The modules shipped; which are enabled for the tenant is read when an event is emitted.
    public let modules: ModuleCatalogue
}

extension TenantTransaction {
    /// The transaction that store calls made inside ``joining(_:_:)`` share.
    @TaskLocal static var ambient: TenantTransaction?

    /// Runs `body` so that every store call inside it for the same tenant (read committed)
    /// works in `transaction` rather than in a transaction of its own, and so commits or
    /// rolls back with it.
    ///
    /// The API uses this to keep an `Idempotency-Key` and the write it guards in one
    /// transaction whichever store method does the write.
    ///
    /// ```swift
    /// try await database.withTenant(tenant, actor: actor) { tx in
    ///     try await TenantTransaction.joining(tx) {
    ///         try await ProjectStore(database: database).rate("GR-P12", score: 5, tenant: tenant, actor: actor)
    ///     }
    /// }
    /// ```
    public static func joining<T>(_ transaction: TenantTransaction, _ body: () async throws -> T) async throws -> T {
        try await $ambient.withValue(transaction, operation: body)
    }
}
