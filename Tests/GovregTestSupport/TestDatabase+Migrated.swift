public import Foundation
import Migrations
public import Postgres

extension TestDatabase {
    /// The repository's `migrations/` folder.
    public static let shippedMigrations = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations")

    /// A fresh database with every shipped migration applied (as the owner, directly: see
    /// ``TestDatabase``). On Citus, a copy of the migrated and distributed template: it holds
    /// every migration already (`scripts/citus-suites` migrated it with this checkout's).
    public static func withMigrated<T>(_ body: (ConnectionConfiguration) async throws -> T) async throws -> T {
        if let citus = citusTemplates { return try await withFresh(copying: citus.migrated, body) }
        return try await withFresh(copying: nil) { configuration in
            let migrator = Migrator(configuration: directly(configuration), source: try MigrationSource(root: shippedMigrations))
            _ = try await migrator.migrate()
            return try await body(configuration)
        }
    }
}
