public import Postgres
import Foundation

/// The real PostgreSQL server the tests run against, and throwaway databases on it.
///
/// The server is the one `scripts/test` starts; it is found through the standard `PG*`
/// environment variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`), so the tests also run
/// against any server a developer points them at.
///
/// Behind a transaction pooler (`scripts/pgbouncer-check`), `PG*` name PgBouncer,
/// `GOVREG_POOLER=transaction` says so, and `GOVREG_TEST_DIRECT` is the conninfo of the server
/// itself: databases are created, migrated and dropped through it, as an operator would,
/// and everything the tests then do goes through the pooler.
public enum TestDatabase {
    /// The pooler mode the tests' configurations carry (`GOVREG_POOLER`; unset: none).
    public static let pooler: Pooler = {
        do { return try Pooler.fromEnvironment() } catch { fatalError("\(error)") }
    }()

    /// The server itself, bypassing any pooler (`GOVREG_TEST_DIRECT`; unset: the `PG*` server).
    public static let direct = ProcessInfo.processInfo.environment["GOVREG_TEST_DIRECT"] ?? ""

    /// The maintenance connection: the server's default database, directly.
    public static let server = ConnectionConfiguration(direct, applicationName: "govreg-tests")

    /// Creates an empty database, runs `body` with a configuration pointing at it, and drops
    /// the database afterwards, on success and on failure alike.
    ///
    /// On Citus (``citusTemplates``) the database is a copy of the empty template on every
    /// node: the extension loaded and the workers joined, nothing migrated.
    public static func withFresh<T>(
        _ body: (ConnectionConfiguration) async throws -> T
    ) async throws -> T {
        try await withFresh(copying: citusTemplates?.empty, body)
    }

    /// `withFresh`, on Citus a copy of `template` on every node (nil: one server's empty database).
    static func withFresh<T>(
        copying template: String?, _ body: (ConnectionConfiguration) async throws -> T
    ) async throws -> T {
        let name = "govreg_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        guard let template else { return try await withCreated(name, body) }
        await CitusNodes.shared.acquire()
        do {
            try await cloneOnEveryNode(name, from: template)
        } catch {
            try? await dropOnEveryNode(name, template: template)  // the nodes it was made on
            await CitusNodes.shared.release()
            throw error
        }
        let configuration = ConnectionConfiguration("dbname=\(name)", applicationName: "govreg-tests", pooler: pooler)
        do {
            let value = try await body(configuration)
            try await dropOnEveryNode(name, template: template)
            await CitusNodes.shared.release()
            return value
        } catch {
            try? await dropOnEveryNode(name, template: template)
            await CitusNodes.shared.release()
            throw error
        }
    }

    /// One server: an empty database of its own.
    private static func withCreated<T>(
        _ name: String, _ body: (ConnectionConfiguration) async throws -> T
    ) async throws -> T {
        let admin = try await Connection.connect(server)
        try await admin.execute("CREATE DATABASE \(identifier: name)")
        let configuration = ConnectionConfiguration("dbname=\(name)", applicationName: "govreg-tests", pooler: pooler)
        do {
            let value = try await body(configuration)
            try await drop(name, using: admin)
            return value
        } catch {
            try? await drop(name, using: admin)
            throw error
        }
    }

    /// The same database reached directly, without the pooler: for migrations.
    public static func directly(_ configuration: ConnectionConfiguration) -> ConnectionConfiguration {
        var copy = configuration
        // libpq lets a later keyword override an earlier one: the test's dbname wins.
        copy.connectionString = direct.isEmpty ? configuration.connectionString : "\(direct) \(configuration.connectionString)"
        copy.pooler = .session
        return copy
    }

    private static func drop(_ name: String, using admin: Connection) async throws {
        try await admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        await admin.close()
    }
}
