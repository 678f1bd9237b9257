public import Foundation
import Migrations
public import Postgres

extension TestDatabase {
    /// The repository's `migrations/` folder.
    public static let shippedMigrations = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "migrations")

    /// A fresh database with every shipped migration applied (as the owner, directly: see
    /// ``TestDatabase``).
    public static func withMigrated<T>(_ body: (ConnectionConfiguration) async throws -> T) async throws -> T {
        try await withFresh { configuration in
            let migrator = Migrator(configuration: directly(configuration), source: try MigrationSource(root: shippedMigrations))
            _ = try await migrator.migrate()
            return try await body(configuration)
        }
    }
}
