import Foundation
import Postgres
public import Registry

extension ProjectStore {
    /// Discloses a project (公示) from `day` (today in China by default): the public site and
    /// the public lists show it from then on. Publishing a disclosed project keeps its day.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)``; ``RegistryError`` for a day after today.
    @discardableResult
    public static func publish(_ key: String, on day: CivilDate? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        let today = try tx.today()
        if let problem = FieldProblem.afterToday(day, today: today, field: "published_on") { throw RegistryError(problem) }
        let id = try await Self.id(of: key, tx)
        try await tx.connection.execute("""
            UPDATE project SET is_public = true, published_on = \((day ?? today).description)::date,
                               updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id) AND NOT is_public
            """)
        return try await Self.detail(id, tx)
    }
}
