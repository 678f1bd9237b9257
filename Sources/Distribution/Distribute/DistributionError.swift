/// Why `govreg db distribute` could not start (as opposed to a table Citus refused).
public enum DistributionError: Error, CustomStringConvertible, Equatable {
    /// The database has no `tenant` table: not govreg's, or not migrated yet.
    case notMigrated
    /// The server has no Citus: not installed, or not loaded by `shared_preload_libraries`.
    case citusMissing(installed: Bool)
    /// A dry run on a server with Citus loaded whose database has no `citus` extension yet:
    /// `db distribute` would create it, a dry run changes nothing.
    case extensionNotCreated
    /// Citus is loaded but the coordinator knows no node to put shards on.
    case noWorkers
    /// Citus refused to place a table; the tables before it in the plan stay placed.
    case refused(table: String, placement: Placement, error: String)

    public var description: String {
        switch self {
        case .notMigrated:
            "分布 distribute: 这里没有 govreg 的表 this database has no govreg schema (no table tenant): run `govreg db migrate` first"
        case .citusMissing(installed: false):
            "分布 distribute: 此服务器没有 Citus this server has no Citus extension: point --database-url at a Citus coordinator, or install Citus (Debian: scripts/citus-cluster build) and set shared_preload_libraries = 'citus' on the coordinator and every worker"
        case .citusMissing(installed: true):
            "分布 distribute: Citus is installed but not loaded: add shared_preload_libraries = 'citus' to postgresql.conf on the coordinator and every worker and restart them"
        case .extensionNotCreated:
            "分布 distribute --dry-run: Citus is loaded but this database has no citus extension yet; `govreg db distribute` creates it (CREATE EXTENSION citus), a dry run changes nothing"
        case .noWorkers:
            "分布 distribute: the coordinator has no nodes: on the coordinator run SELECT citus_set_coordinator_host('host', port) and SELECT citus_add_node('worker', port) for each worker (the database and CREATE EXTENSION citus must exist on each)"
        case .refused(let table, let placement, let error):
            "分布 distribute: Citus refused to make \(table) a \(placement.rawValue) table: \(error). The tables before it are placed; `govreg db lint --citus` names what Citus refuses; fix the schema with a migration and run `govreg db distribute` again."
        }
    }
}
