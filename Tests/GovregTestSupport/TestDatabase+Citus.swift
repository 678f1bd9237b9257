import Foundation
import Postgres

/// The suites on a real Citus cluster (issue 21; `scripts/citus-suites`, run by
/// `scripts/test --citus`): every fresh database is a copy of a prepared template, made on
/// every node.
///
/// `CREATE DATABASE` on the coordinator is not made on the workers, and a distributed database
/// needs the same name on every node; migrating and distributing one per test would take half
/// a minute each. So `scripts/citus-suites` prepares two templates on every node once (the
/// citus extension and the workers joined; one of them also migrated and distributed), and
/// each test copies them, node by node, under one new name. The copies are byte for byte the
/// template, shard ids and `pg_dist_*` metadata included, so they agree with each other and
/// the new database is a working distributed database at once.
///
/// `GOVREG_TEST_CITUS_TEMPLATE` names the migrated template, `GOVREG_TEST_CITUS_EMPTY_TEMPLATE`
/// the one that is not migrated (for `withFresh`); `PG*` name the coordinator, and the workers
/// are read from the template's `pg_dist_node`.
public struct CitusTemplates: Sendable {
    /// Migrated and distributed: what `withMigrated` copies.
    public var migrated: String
    /// The extension and the nodes only: what `withFresh` copies.
    public var empty: String

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> CitusTemplates? {
        guard let migrated = environment["GOVREG_TEST_CITUS_TEMPLATE"], !migrated.isEmpty else { return nil }
        let empty = environment["GOVREG_TEST_CITUS_EMPTY_TEMPLATE"].flatMap { $0.isEmpty ? nil : $0 }
        return CitusTemplates(migrated: migrated, empty: empty ?? migrated + "_empty")
    }
}

extension TestDatabase {
    /// The templates when the tests run on Citus; nil on one server.
    public static let citusTemplates = CitusTemplates.fromEnvironment()

    /// Whether the tests run on a Citus cluster: for a test that checks what only a single
    /// server has, to say so in its `.disabled(if:)` reason.
    public static var onCitus: Bool { citusTemplates != nil }

    /// Copies `template` to `name` on every node, workers first: the coordinator's copy starts
    /// Citus's maintenance daemon for `name`, which then finds its databases on the workers.
    static func cloneOnEveryNode(_ name: String, from template: String) async throws {
        let nodes = try await CitusNodes.shared.workers(readingFrom: template) + [server]
        for node in nodes {
            try await Connection.with(node) { admin in
                try await copy(template, to: name, on: admin)
                try await copySettings(of: template, to: name, on: admin)
            }
        }
    }

    /// Drops `name` on every node, the coordinator first (its daemon and cached connections
    /// into the workers' copies end with it; FORCE ends whatever is left).
    static func dropOnEveryNode(_ name: String, template: String) async throws {
        let nodes = [server] + (try await CitusNodes.shared.workers(readingFrom: template))
        var firstError: (any Error)?
        for node in nodes {
            do {
                try await Connection.with(node) { admin in try await dropForced(name, on: admin) }
            } catch {
                // On to the other nodes: a copy left behind on one would outlive the run.
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }

    /// FORCE ends the sessions in the database but waits only five seconds for them to go:
    /// Citus's maintenance daemon, busy with the workers on a loaded machine, took longer
    /// (SQLSTATE 55006, "1 other session"), so the drop is tried again a few times.
    private static func dropForced(_ name: String, on admin: Connection) async throws {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
                return
            } catch let error as PostgresError where error.sqlState == "55006" && attempt < 5 {
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }

    /// `CREATE DATABASE … TEMPLATE` refuses while anyone is connected to the template, and
    /// Citus's maintenance daemon and cached internal connections are: they are ended first,
    /// and the copy tried again while one comes back in between (SQLSTATE 55006).
    private static func copy(_ template: String, to name: String, on admin: Connection) async throws {
        var attempt = 0
        while true {
            attempt += 1
            _ = try await admin.query("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = \(template) AND pid <> pg_backend_pid()
                """)
            do {
                try await admin.execute("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
                return
            } catch let error as PostgresError where error.sqlState == "55006" && attempt < 30 {
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
    }

    /// A copy does not take the template's `ALTER DATABASE … SET` settings (they live in the
    /// shared catalogue, by database oid), and `db distribute` put the ones the schema needs
    /// there (`citus.propagate_set_commands`, `citus.enable_unsafe_triggers`, …): each is
    /// set on the copy as well, on this node, through `FROM CURRENT` so the value is a
    /// parameter of `set_config` and never spliced into the statement.
    private static func copySettings(of template: String, to name: String, on admin: Connection) async throws {
        let rows = try await admin.query("""
            SELECT split_part(setting, '=', 1) AS name, substr(setting, strpos(setting, '=') + 1) AS value
            FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) AS setting
            WHERE d.datname = \(template) AND s.setrole = 0
            """)
        for row in rows {
            let setting = try row.decode(String.self, "name"), value = try row.decode(String.self, "value")
            _ = try await admin.query("SELECT set_config(\(setting), \(value), false)")
            try await admin.execute("ALTER DATABASE \(identifier: name) SET \(identifier: setting) FROM CURRENT")
        }
    }
}

/// The workers of the cluster, read once from the template's `pg_dist_node`, and how many
/// copies may exist at once.
actor CitusNodes {
    static let shared = CitusNodes()
    /// One read for every caller: each copy ends the connections to the template, so a second
    /// read beside a copy would be cut off; every copy waits for this one first.
    private var reading: Task<[ConnectionConfiguration], any Error>?
    /// swift-testing starts every test at once; on Citus each database has its own maintenance
    /// daemon and connections between the nodes (`max_connections` is 300 on
    /// scripts/citus-cluster's nodes, an API test's pool alone up to 12), so at most this many
    /// (`GOVREG_TEST_CITUS_PARALLEL`, 8 by default) exist at once; the others wait their turn.
    private let limit = ProcessInfo.processInfo.environment["GOVREG_TEST_CITUS_PARALLEL"].flatMap { Int($0) }.map { max($0, 1) } ?? 8
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func workers(readingFrom template: String) async throws -> [ConnectionConfiguration] {
        if let reading { return try await reading.value }
        let task = Task { try await Self.readWorkers(template) }
        reading = task
        return try await task.value
    }

    /// Waits until fewer than `limit` copies exist, then counts one more.
    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// One copy gone: its place goes to the longest waiting, or is freed.
    func release() {
        if waiting.isEmpty { inUse -= 1 } else { waiting.removeFirst().resume() }
    }

    private static func readWorkers(_ template: String) async throws -> [ConnectionConfiguration] {
        var inTemplate = TestDatabase.server
        // As `directly` does: a later keyword overrides an earlier one, so the dbname wins.
        inTemplate.connectionString = (TestDatabase.direct.isEmpty ? "" : TestDatabase.direct + " ") + "dbname=" + conninfoValue(template)
        let rows = try await Connection.with(inTemplate) { connection in
            try await connection.query("""
                SELECT nodename, nodeport FROM pg_dist_node
                WHERE groupid <> 0 AND noderole = 'primary' AND isactive ORDER BY nodeid
                """)
        }
        let found = try rows.map { row in
            let host = try row.decode(String.self, "nodename"), port = try row.decode(Int32.self, "nodeport")
            // The maintenance database of the worker, as PGUSER (the coordinator's user).
            return ConnectionConfiguration("host=\(conninfoValue(host)) port=\(port) dbname=postgres", applicationName: "govreg-tests")
        }
        guard !found.isEmpty else { throw CitusTemplateError.noWorkers(template: template) }
        return found
    }

    /// A conninfo value in single quotes, backslashes and quotes escaped as libpq requires.
    static func conninfoValue(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

enum CitusTemplateError: Error, CustomStringConvertible {
    case noWorkers(template: String)

    var description: String {
        switch self {
        case let .noWorkers(template):
            "the Citus template \(template) lists no active workers in pg_dist_node: prepare it with scripts/citus-suites"
        }
    }
}
