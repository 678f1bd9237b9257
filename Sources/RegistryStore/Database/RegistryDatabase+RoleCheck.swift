public import Postgres

extension RegistryDatabase {
    /// Refuses to work when the application's login would not be held by row-level security:
    /// a superuser, a role with BYPASSRLS, or a member of the role that owns the tables all
    /// bypass the policies, and isolation would rest on the application's `WHERE` alone.
    ///
    /// - Throws: ``RegistryStoreError/unsafeApplicationRole(_:)`` naming what is wrong.
    public func checkApplicationRole() async throws {
        try await Self.checkRowLevelSecurityApplies(on: tenantPool)
    }

    /// The check of ``checkApplicationRole()`` for the role `pool` logs in as.
    public static func checkRowLevelSecurityApplies(on pool: ConnectionPool) async throws {
        let row = try await pool.query("""
            SELECT current_user AS role, r.rolsuper, r.rolbypassrls,
                   pg_has_role(current_user, c.relowner, 'MEMBER') AS owns_tables
            FROM pg_roles r, pg_class c
            WHERE r.rolname = current_user AND c.oid = 'tenant'::regclass
            """)[0]
        let role = try row.decode(String.self, "role")
        if try row.decode(Bool.self, "rolsuper") { throw RegistryStoreError.unsafeApplicationRole("\(role) is a superuser") }
        if try row.decode(Bool.self, "rolbypassrls") { throw RegistryStoreError.unsafeApplicationRole("\(role) has BYPASSRLS") }
        if try row.decode(Bool.self, "owns_tables") {
            throw RegistryStoreError.unsafeApplicationRole("\(role) is, or is a member of, the owner of the tables")
        }
    }
}
