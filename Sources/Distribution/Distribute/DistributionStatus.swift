public import Postgres

/// Where govreg's tables are on a Citus cluster, read back from Citus's own catalogue
/// (`pg_dist_partition`, `pg_dist_node`): the record of what `govreg db distribute` did, which
/// no table of govreg's could keep more truly.
public struct DistributionStatus: Sendable, Equatable, Codable {
    /// Citus's release, e.g. "13.2.2".
    public var citusVersion: String
    public var distributed: Int
    public var reference: Int
    /// govreg's tables left on the coordinator (not Citus tables, or Citus-managed local ones).
    public var local: Int
    /// The worker nodes, as `host:port`.
    public var workers: [String]

    /// "distributed on Citus 13.2: 56 distributed, 2 reference, 6 local, workers localhost:9701, localhost:9702".
    public var summary: String {
        let release = citusVersion.split(separator: ".").prefix(2).joined(separator: ".")
        return "distributed on Citus \(release): \(distributed) distributed, \(reference) reference, \(local) local, workers "
            + (workers.isEmpty ? "none" : workers.joined(separator: ", "))
    }

    /// The status, or nil on a database without Citus or where `db distribute` has not run.
    public static func read(_ connection: Connection) async throws -> DistributionStatus? {
        guard try await Distributor.isDistributed(connection) else { return nil }
        let version = try await connection.query("SELECT split_part(citus_version(), ' ', 2) AS version")[0].decode(String.self, "version")
        let placements = try await Distributor.citusPlacements(connection)
        let tables = try await connection.query("""
            SELECT c.oid::regclass::text AS name
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('information_schema', 'citus', 'citus_internal', 'columnar', 'columnar_internal')
              AND n.nspname !~ '^pg_'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            """)
        let names = try tables.map { try $0.decode(String.self, "name") }
        let workers = try await connection.query("""
            SELECT nodename || ':' || nodeport AS node FROM pg_dist_node
            WHERE noderole = 'primary' AND isactive AND groupid <> 0 ORDER BY nodename, nodeport
            """)
        return DistributionStatus(
            citusVersion: version,
            distributed: names.filter { placements[$0] == .distributed }.count,
            reference: names.filter { placements[$0] == .reference }.count,
            local: names.filter { placements[$0] == nil || placements[$0] == .local }.count,
            workers: try workers.map { try $0.decode(String.self, "node") })
    }
}
