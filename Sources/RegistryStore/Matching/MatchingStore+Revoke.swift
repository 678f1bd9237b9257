import Foundation
import Postgres
import Registry

extension MatchingStore {
    /// Takes an accepted run back while none of its projects has started: every project it
    /// made is cancelled with `reason` (their resources given back, their demands back on the
    /// list, a remainder's other projects untouched), in one transaction, and the run is
    /// marked revoked. Returns the cancelled projects' external ids.
    ///
    /// - Throws: ``RegistryStoreError`` `.conflict` when the run is not accepted or one of its
    ///   projects is no longer planned (each named); ``RegistryError`` `reasonRequired`.
    public static func revoke(_ run: Int64, reason: String, in tx: TenantTransaction) async throws -> [String] {
        let record = try await Self.run(run, tx, lock: true)
        guard record.status == "accepted" else {
            throw RegistryStoreError.conflict("匹配运行 #\(run) 为「\(record.status)」，只能撤回已接受的运行 only an accepted run can be revoked; this one is \(record.status)")
        }
        let projects = try await tx.connection.query("""
            SELECT p.id, p.external_id, p.status FROM project p
            WHERE p.tenant_id = \(tx.tenantID)
              AND p.id IN (SELECT a.project_id FROM matching_acceptance a WHERE a.tenant_id = \(tx.tenantID) AND a.run_id = \(run))
            ORDER BY p.id FOR UPDATE
            """).map { row in
            (id: try row.decode(Int64.self, "id"), key: try row.decode(String?.self, "external_id") ?? "", status: try row.decode(String.self, "status"))
        }
        let started = projects.filter { $0.status != ProjectStatus.planned.rawValue }
        guard started.isEmpty else {
            throw RegistryStoreError.conflict(
                "匹配运行 #\(run) 的项目已开始，不能整体撤回 the run's projects have moved on, so it cannot be taken back whole: "
                    + started.map { "\($0.key) (\($0.status))" }.joined(separator: ", ") + "; cancel projects one by one instead")
        }
        for project in projects {
            try await ProjectStore.advance(project.id, to: .cancelled, on: nil, note: "撤回匹配运行 #\(run) run #\(run) revoked", reason: reason, tx)
        }
        try await tx.connection.execute("""
            UPDATE matching_run SET status = 'revoked', discarded_by = current_actor(), discarded_at = now()
            WHERE tenant_id = \(tx.tenantID) AND id = \(run)
            """)
        return projects.map(\.key)
    }
}
