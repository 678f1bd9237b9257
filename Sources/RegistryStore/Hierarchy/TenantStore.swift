import Foundation
import Postgres
public import Registry

/// The operators' side of tenants: create, list, show, archive. Runs as the schema owner,
/// since a tenant is what the application's transactions are scoped by.
public struct TenantStore: Sendable {
    public let database: RegistryDatabase

    public init(database: RegistryDatabase) {
        self.database = database
    }

    /// Creates a district.
    ///
    /// - Throws: ``RegistryStoreError/conflict(_:)`` naming the field when the slug or the
    ///   division code is taken.
    public func create(slug: TenantSlug, name: String, divisionCode: DivisionCode) async throws -> Tenant {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RegistryStoreError.invalid(field: "name", reason: "名称不能为空 must not be empty") }
        do {
            let rows = try await database.operatorPool.query("""
                INSERT INTO tenant (slug, name, division_code) VALUES (\(slug.rawValue), \(trimmed), \(divisionCode.rawValue))
                RETURNING \(unsafeRaw: Self.columns)
                """)
            return try Self.tenant(rows[0])
        } catch let error as PostgresError where error.sqlState == "23505" {
            let field = (error.detail ?? "").contains("division_code") ? "division_code \(divisionCode.rawValue)" : "slug \(slug.rawValue)"
            throw RegistryStoreError.conflict("已存在 a tenant with \(field) already exists")
        }
    }

    /// Every tenant, active first, then by slug.
    public func list(includeArchived: Bool = true) async throws -> [Tenant] {
        let rows = try await database.operatorPool.query("""
            SELECT \(unsafeRaw: Self.columns) FROM tenant
            WHERE \(includeArchived) OR status = 'active'
            ORDER BY status = 'archived', slug
            """)
        return try rows.map(Self.tenant)
    }

    /// The tenant whose slug, division code or id is `key`.
    public func find(_ key: String) async throws -> Tenant {
        let rows = try await database.operatorPool.query("""
            SELECT \(unsafeRaw: Self.columns) FROM tenant
            WHERE slug = \(key) OR division_code = \(key) OR id::text = \(key.lowercased())
            """)
        guard let row = rows.first else { throw RegistryStoreError.tenantNotFound(key) }
        return try Self.tenant(row)
    }

    /// Archives a tenant: every row stays, the tenant becomes read-only. Idempotent.
    public func archive(_ key: String) async throws -> Tenant {
        let tenant = try await find(key)
        // Waits for the tenant's writes in flight (they hold the lock shared), so none of
        // them commits after the tenant is archived.
        return try await database.operatorPool.transaction { connection in
            try await connection.execute("SELECT pg_advisory_xact_lock(\(RegistryDatabase.tenantLockKey(tenant.id)))")
            // The moment is read once the lock is held and reaches the UPDATE as a value:
            // Citus refuses a volatile function in an UPDATE.
            let now = try await connection.query("SELECT clock_timestamp() AS now")[0].decode(Date.self, "now")
            let rows = try await connection.query("""
                UPDATE tenant SET status = 'archived', archived_at = coalesce(archived_at, \(now)::timestamptz)
                WHERE id = \(tenant.id) RETURNING \(unsafeRaw: Self.columns)
                """)
            return try Self.tenant(rows[0])
        }
    }

    static let columns = "id, slug, name, division_code, status, created_at, archived_at, time_zone, projects_follow_disclosure"

    static func tenant(_ row: Row) throws -> Tenant {
        Tenant(
            id: try row.decode(UUID.self, "id"),
            slug: try TenantSlug(try row.decode(String.self, "slug")),
            name: try row.decode(String.self, "name"),
            divisionCode: try DivisionCode(try row.decode(String.self, "division_code")),
            status: Tenant.Status(rawValue: try row.decode(String.self, "status")) ?? .active,
            createdAt: try row.decode(Date.self, "created_at"),
            archivedAt: try row.decode(Date?.self, "archived_at"),
            settings: TenantSettings(
                timeZone: try row.decode(String.self, "time_zone"),
                projectsFollowDisclosure: try row.decode(Bool.self, "projects_follow_disclosure")))
    }

    /// Changes a district's settings; what is nil stays as it is.
    ///
    /// - Throws: ``RegistryError`` at `time_zone` for a zone the time zone database does not
    ///   know; ``RegistryStoreError/tenantNotFound(_:)``.
    public func update(_ key: String, timeZone: String? = nil, projectsFollowDisclosure: Bool? = nil) async throws -> Tenant {
        let zone = try timeZone.map { name throws(RegistryError) in try TenantSettings.timeZone(name) }
        let tenant = try await find(key)
        let rows = try await database.operatorPool.query("""
            UPDATE tenant SET time_zone = coalesce(\(zone), time_zone),
                              projects_follow_disclosure = coalesce(\(projectsFollowDisclosure), projects_follow_disclosure)
            WHERE id = \(tenant.id) RETURNING \(unsafeRaw: Self.columns)
            """)
        return try Self.tenant(rows[0])
    }
}
