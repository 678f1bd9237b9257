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
    public static func withFresh<T>(
        _ body: (ConnectionConfiguration) async throws -> T
    ) async throws -> T {
        let name = "govreg_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
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
