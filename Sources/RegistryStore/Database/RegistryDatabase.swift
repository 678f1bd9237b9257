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
    /// Each district's time zone as last seen, for intakes (``DemandIntake``).
    public let districtZones = DistrictZones()
    /// Where imports, matchings and intakes record their figures (`/metrics`).
    public let figures: RegistryFigures

    /// Pools for the database at `configuration` (the owner's login).
    public init(
        configuration: ConnectionConfiguration, maxConnections: Int = 8, modules: ModuleCatalogue = .empty, figures: RegistryFigures = RegistryFigures()
    ) {
        self.modules = modules
        self.figures = figures
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
    /// The one way to run a tenant's store operations: a store function that takes
    /// `in tx: TenantTransaction` runs inside its caller's transaction; a caller opens that
    /// transaction with `database.withTenant(tenant, actor:, readOnly:, isolation:)`. So a
    /// call site shows what is atomic: everything in one `withTenant` body commits or rolls
    /// back together, and nothing else joins it. The few operations that must own their
    /// transactions (imports, which roll back a dry run; a matching run, which reads a
    /// snapshot and records in a second transaction; a matching acceptance, which retries)
    /// take the database instead (`on database: RegistryDatabase, tenant:, actor:`) and say so.
    ///
    /// The tenant and the actor are set with `SET LOCAL`, so they end with the transaction
    /// and a pooled session never carries them over; so is `application_name`,
    /// inside a ``TransactionLabel`` (a request's id), in the same statement.
    ///
    /// ```swift
    /// let id = try await database.withTenant(tenantID, actor: "cli:root") { tx in
    ///     try await DemandStore.file(draft, submit: true, in: tx)
    /// }
    /// let detail = try await database.withTenant(tenantID, actor: "cli:root", readOnly: true) { tx in
    ///     try await DemandStore.get(id, in: tx)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - tenant: The tenant every statement of the transaction is scoped to.
    ///   - actor: Who acts, for events and the audit log (`tx.actor`).
    ///   - readOnly: A read-only transaction, which an archived tenant still allows.
    ///   - isolation: The isolation level; repeatable read gives reads spanning several
    ///     statements (exports, summaries) one snapshot.
    ///   - body: The work, given the transaction.
    /// - Throws: ``RegistryStoreError`` `.tenantNotFound` when no such tenant exists,
    ///   `.tenantArchived` when it is archived and `readOnly` is false (archived tenants are
    ///   read-only); otherwise what `body` or PostgreSQL threw, after rolling back.
    @discardableResult
    public func withTenant<T>(
        _ tenant: UUID, actor: String, readOnly: Bool = false, isolation: IsolationLevel = .readCommitted,
        _ body: (TenantTransaction) async throws -> T
    ) async throws -> T {
        // The label goes in with the tenant's settings (one round trip), not as the pool's own
        // first statement; the body runs under it again, for any transaction it opens itself.
        let label = TransactionLabel.current.map(TransactionLabel.fitted)
        return try await TransactionLabel.$current.withValue(nil) {
            try await tenantPool.transaction(isolation: isolation, readOnly: readOnly) { connection in
                let transaction = try await enter(tenant, actor: actor, readOnly: readOnly, label: label, on: connection)
                return try await TransactionLabel.$current.withValue(label) { try await body(transaction) }
            }
        }
    }

    /// The first statement of a tenant's transaction: its settings, and its status checked
    /// (`govreg_enter`, migration 0039). The settings are made with SET LOCAL, which Citus
    /// passes on to the workers. Writers share the district's lock and archiving takes it
    /// alone, so an archive waits for the writes in flight, and a write that starts later sees
    /// the tenant archived: the function reads the status after the lock is granted.
    private func enter(_ tenant: UUID, actor: String, readOnly: Bool, label: String?, on connection: Connection) async throws -> TenantTransaction {
        let lock: SQL = readOnly ? "NULL" : Self.tenantLockKey(tenant)
        let status = try await connection.query(
            "SELECT status, time_zone FROM govreg_enter(\(tenant), \(actor), \(label), \(lock))")
        guard let state = try status.first?.decode(String?.self, "status") else {
            throw RegistryStoreError.tenantNotFound(tenant.uuidString)
        }
        if state == "archived", !readOnly {
            throw RegistryStoreError.tenantArchived(tenant.uuidString)
        }
        return TenantTransaction(
            connection: connection, tenantID: tenant, actor: actor, modules: modules,
            timeZone: try status[0].decode(String.self, "time_zone"))
    }
}

/// A transaction inside one tenant, opened by ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``.
///
/// Store functions take it as `in tx: TenantTransaction` and run inside it; they never open
/// a transaction of their own.
public struct TenantTransaction: Sendable {
    /// The session, inside the transaction, as `govreg_app`.
    public let connection: Connection
    public let tenantID: UUID
    public let actor: String
    /// The modules shipped; which are enabled for the tenant is read when an event is emitted.
    public let modules: ModuleCatalogue
    /// The district's time zone (migration 0029): its days begin and end in it.
    public let timeZone: String

    /// Today in the district: the day a record made now is dated.
    public func today() throws -> CivilDate { try CivilDate.today(in: timeZone) }
}
