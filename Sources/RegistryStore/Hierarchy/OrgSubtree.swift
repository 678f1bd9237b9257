import Postgres

/// An org unit's subtree as a range of materialised paths: every node under the one whose path
/// is `/12/45/` has a path from `/12/45/` up to, not including, `/12/450` (paths are ids and
/// slashes, compared bytewise, and `0` follows `/`). A demand carries its org unit's path
/// (`demand.org_path`, migration 0032), so "under X" is one range condition on an index.
struct OrgSubtree: Sendable, Hashable {
    /// The root's own path, the smallest in its subtree.
    var lowest: String
    /// The first path after the subtree.
    var beyond: String

    /// The subtree of a path, as `org_unit.path` spells it (`/12/45/`).
    init(path: String) {
        precondition(path.hasSuffix("/"), "an org unit path ends in /")
        lowest = path
        beyond = String(path.dropLast()) + "0"
    }

    /// The subtree of the tenant's org unit `code`, read in `tx`; the bounds go to SQL as
    /// parameters, so that they stay index conditions under row-level security.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown code.
    init(_ code: String, _ tx: TenantTransaction) async throws {
        let rows = try await tx.connection.query("SELECT path FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = \(code)")
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
        self.init(path: try row.decode(String.self, "path"))
    }
}
