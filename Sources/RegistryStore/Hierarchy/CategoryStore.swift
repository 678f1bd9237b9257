import Postgres

/// One category of a district's vocabulary: the global default or the district's own.
public struct CategoryRecord: Sendable, Hashable, Codable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var sortOrder: Int
    public var hidden: Bool
    /// The global category this one renames, `nil` for one the district added.
    public var defaultCode: String?
}

/// The district's categories, for forms and filters.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public enum CategoryStore {
    /// Every category of the transaction's tenant, in the district's order.
    public static func list(in tx: TenantTransaction) async throws -> [CategoryRecord] {
        try await tx.connection.query("""
            SELECT code, name_zh, name_en, sort_order, hidden, default_code FROM tenant_category
            WHERE tenant_id = \(tx.tenantID) ORDER BY sort_order, code
            """).map { row in
            CategoryRecord(
                code: try row.decode(String.self, "code"), nameZh: try row.decode(String.self, "name_zh"),
                nameEn: try row.decode(String.self, "name_en"), sortOrder: try row.decode(Int.self, "sort_order"),
                hidden: try row.decode(Bool.self, "hidden"), defaultCode: try row.decode(String?.self, "default_code"))
        }
    }
}
