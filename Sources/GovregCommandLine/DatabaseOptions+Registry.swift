import ArgumentParser
import Foundation
public import Migrations
public import Postgres
import Registry
public import RegistryStore

extension DatabaseOptions {
    /// The registry's database, with its schema current.
    ///
    /// On the embedded default pending migrations are applied on the spot (the user never
    /// has to know there is a database); on a database of the user's own they are not, and
    /// the command stops with the list, since migrating a shared server is an operator's call.
    private func registry(terminal: Terminal, migrations: MigrationOptions, maxConnections: Int) async throws -> RegistryDatabase {
        let configuration = try connectionConfiguration(terminal: terminal)
        let migrator = try self.migrator(configuration, terminal: terminal, migrations: migrations)
        if case .embedded = try target {
            _ = try await migrator.migrate()
        } else {
            let plan = try await migrator.plan()
            try plan.validate()
            let pending = plan.pending
            if !pending.isEmpty {
                throw ValidationError(
                    "数据库结构不是最新 the database schema is not current: \(pending.count) pending migration(s) "
                    + "(\(pending.map(\.identifier).joined(separator: ", "))); run `govreg db migrate` first")
            }
        }
        let registry = RegistryDatabase(configuration: configuration, maxConnections: maxConnections, modules: ModuleRegistry.catalogue)
        do {
            try await registry.checkApplicationRole()
        } catch {
            await registry.close()
            throw error
        }
        return registry
    }
}

extension DatabaseOptions {
    /// Runs `body` with the registry's database (see ``registry(terminal:migrations:)``) and
    /// closes its connection pools when `body` is done, on success and on failure alike, so
    /// every session ends with a proper goodbye to the server rather than a dropped socket.
    public func withRegistry<T>(
        terminal: Terminal, migrations: MigrationOptions, maxConnections: Int = 8, _ body: (RegistryDatabase) async throws -> T
    ) async throws -> T {
        let person = try CommandLineActor.person(flag: actor)
        let registry = try await registry(terminal: terminal, migrations: migrations, maxConnections: maxConnections)
        do {
            let value = try await CommandLineActor.$person.withValue(person) { try await body(registry) }
            await registry.close()
            return value
        } catch {
            await registry.close()
            throw error
        }
    }
}

extension DatabaseOptions {
    /// The migrator of this database and the chosen migrations (built in, or a folder), reporting on `terminal`.
    public func migrator(_ configuration: ConnectionConfiguration, terminal: Terminal, migrations: MigrationOptions) throws -> Migrator {
        let source = try migrations.source()
        return Migrator(configuration: configuration, source: source) { event in
            terminal.progress(MigrationProgressText.line(for: event))
        }
    }
}
