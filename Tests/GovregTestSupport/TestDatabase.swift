public import Postgres
import Foundation

/// The real PostgreSQL server the tests run against, and throwaway databases on it.
///
/// The server is the one `scripts/test` starts; it is found through the standard `PG*`
/// environment variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`), so the tests also run
/// against any server a developer points them at.
public enum TestDatabase {
    /// The maintenance connection: the server's default database.
    public static let server = ConnectionConfiguration("", applicationName: "govreg-tests")

    /// Creates an empty database, runs `body` with a configuration pointing at it, and drops
    /// the database afterwards, on success and on failure alike.
    public static func withFresh<T>(
        _ body: (ConnectionConfiguration) async throws -> T
    ) async throws -> T {
        let name = "govreg_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try await Connection.connect(server)
        try await admin.execute("CREATE DATABASE \(identifier: name)")
        let configuration = ConnectionConfiguration("dbname=\(name)", applicationName: "govreg-tests")
        do {
            let value = try await body(configuration)
            try await drop(name, using: admin)
            return value
        } catch {
            try? await drop(name, using: admin)
            throw error
        }
    }

    private static func drop(_ name: String, using admin: Connection) async throws {
        try await admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        await admin.close()
    }
}
