public import Foundation
import Postgres
public import Registry

/// A module as a tenant has it: enabled or not, at which version, with which settings.
public struct TenantModule: Sendable, Hashable, Codable {
    public var id: ModuleID
    public var enabled: Bool
    public var version: SemanticVersion
    public var settings: ModuleSettings
    public var updatedAt: Date
    public var updatedBy: String
}

/// Enabling, configuring and disabling plug-in modules for a tenant (`govreg module …`).
///
/// Settings are checked against the module's schema before anything is written; a refused
/// document changes nothing. A module's tables belong to the one shared schema, so they are
/// created for every tenant by `govreg db migrate` (which applies `migrations/modules/<id>/`
/// with the core's, and without which no command runs on an external database); enabling a
/// module for a tenant is data, not DDL.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public enum ModuleStore {
    /// The tenant's modules, enabled or not, by id.
    public static func list(in tx: TenantTransaction) async throws -> [TenantModule] {
        try await Self.rows(tx)
    }

    /// Enables a module for the tenant with these settings (a JSON object; fields left out
    /// keep their defaults, or the tenant's earlier settings when it was enabled before).
    ///
    /// - Throws: ``ModuleSettingsError`` naming a bad key; ``RegistryError`` for a module
    ///   govreg does not ship.
    @discardableResult
    public static func enable(_ id: ModuleID, settings document: Data? = nil, in tx: TenantTransaction) async throws -> TenantModule {
        // A module that is not shipped is a path that leads nowhere: 404, as an unknown route.
        guard let module = tx.modules.module(id) else { throw RegistryStoreError.notFound(kind: "module 模块", key: id.rawValue) }
        let earlier = try await Self.rows(tx, lock: id).first?.settings
        let settings = try Self.settings(document, for: module, over: earlier)
        try await tx.connection.execute("""
            INSERT INTO tenant_module (tenant_id, module_id, module_version, enabled, settings)
            VALUES (\(tx.tenantID), \(id.rawValue), \(module.version.description), true, \(JSONDocument(settings)))
            ON CONFLICT (tenant_id, module_id) DO UPDATE SET enabled = true, module_version = EXCLUDED.module_version,
                settings = EXCLUDED.settings, enabled_at = EXCLUDED.enabled_at, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """)
        return try await Self.rows(tx).first { $0.id == id }!
    }

    /// Changes an enabled module's settings: the keys the document names; the others stay.
    ///
    /// - Throws: ``ModuleSettingsError``; ``RegistryStoreError/notFound(kind:key:)`` when
    ///   the module is not enabled for the tenant.
    @discardableResult
    public static func configure(_ id: ModuleID, settings document: Data, in tx: TenantTransaction) async throws -> TenantModule {
        // A module that is not shipped is a path that leads nowhere: 404, as an unknown route.
        guard let module = tx.modules.module(id) else { throw RegistryStoreError.notFound(kind: "module 模块", key: id.rawValue) }
        guard let current = try await Self.rows(tx, lock: id).first(where: { $0.enabled }) else {
            throw RegistryStoreError.notFound(kind: "enabled module 已启用的模块", key: id.rawValue)
        }
        let settings = try Self.settings(document, for: module, over: current.settings)
        try await tx.connection.execute("""
            UPDATE tenant_module SET settings = \(JSONDocument(settings)), module_version = \(module.version.description),
                updated_at = now(), updated_by = current_actor()
            WHERE tenant_id = \(tx.tenantID) AND module_id = \(id.rawValue)
            """)
        return try await Self.rows(tx).first { $0.id == id }!
    }

    /// Disables a module for the tenant; its settings and data stay.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` when it is not enabled.
    @discardableResult
    public static func disable(_ id: ModuleID, in tx: TenantTransaction) async throws -> TenantModule {
        let changed = try await tx.connection.execute("""
            UPDATE tenant_module SET enabled = false, updated_at = now(), updated_by = current_actor()
            WHERE tenant_id = \(tx.tenantID) AND module_id = \(id.rawValue) AND enabled
            """)
        guard changed == 1 else { throw RegistryStoreError.notFound(kind: "enabled module 已启用的模块", key: id.rawValue) }
        return try await Self.rows(tx).first { $0.id == id }!
    }

    // MARK: - Shared

    /// The tenant's settings for a module, or nil when it is not enabled for the tenant: what
    /// a module's own store checks first, since a disabled module does nothing for a tenant.
    public static func settings(of id: ModuleID, in tx: TenantTransaction) async throws -> ModuleSettings? {
        try await enabledSettings(tx)[id]
    }

    /// The tenant's settings for a module, or a refusal naming the module and the command that
    /// enables it (`chineseName` leads the message).
    ///
    /// - Throws: ``RegistryStoreError/conflict(_:)`` when it is not enabled for the tenant.
    public static func requireEnabled(_ id: ModuleID, chineseName: String, in tx: TenantTransaction) async throws -> ModuleSettings {
        guard let settings = try await settings(of: id, in: tx) else {
            throw RegistryStoreError.conflict(
                "\(chineseName)模块未为本区县启用 the \(id) module is not enabled for this tenant (govreg module enable \(id))")
        }
        return settings
    }

    /// The settings of the modules enabled for the transaction's tenant that this build ships.
    static func enabledSettings(_ tx: TenantTransaction) async throws -> [ModuleID: ModuleSettings] {
        var enabled: [ModuleID: ModuleSettings] = [:]
        for module in try await rows(tx) where module.enabled { enabled[module.id] = module.settings }
        return enabled
    }

    /// The tenant's module rows; with `lock`, only that module's, locked (settings are
    /// merged in Swift, so two admins configuring at once must not both read the old ones).
    static func rows(_ tx: TenantTransaction, lock: ModuleID? = nil) async throws -> [TenantModule] {
        var sql: SQL = """
            SELECT module_id, enabled, module_version, settings::text AS settings, updated_at, updated_by
            FROM tenant_module WHERE tenant_id = \(tx.tenantID)
            """
        if let lock { sql.append(" AND module_id = \(lock.rawValue) FOR UPDATE") } else { sql.append(" ORDER BY module_id") }
        return try await tx.connection.query(sql).map { row in
            TenantModule(
                id: try ModuleID(try row.decode(String.self, "module_id")), enabled: try row.decode(Bool.self, "enabled"),
                version: try SemanticVersion(try row.decode(String.self, "module_version")),
                settings: try JSONDecoder().decode(ModuleSettings.self, from: Data(try row.decode(String.self, "settings").utf8)),
                updatedAt: try row.decode(Date.self, "updated_at"), updatedBy: try row.decode(String.self, "updated_by"))
        }
    }

    private static func settings(_ document: Data?, for module: any GovernanceModule, over base: ModuleSettings?) throws -> ModuleSettings {
        // Earlier settings are re-read through the schema: keys a newer version dropped go,
        // new keys get their defaults.
        var merged = module.settingsSchema.defaults
        for (key, value) in base?.values ?? [:] where merged.values[key] != nil { merged.values[key] = value }
        guard let document else { return merged }
        return try module.settingsSchema.validate(document, over: merged)
    }
}
