import ArgumentParser
import Foundation
import Registry
import RegistryStore

/// `--tenant T`: the district a command works in, by slug, division code or id.
struct TenantOption: ParsableArguments {
    @Option(help: "The district: slug, division code or id.")
    var tenant: String

    /// The tenant's id, found with the operator's connection.
    func resolve(in registry: RegistryDatabase) async throws -> UUID {
        try await TenantStore(database: registry).find(tenant).id
    }
}

/// Who the audit log names for command-line work: `cli:` and the operating-system user.
let commandLineActor = "cli:\(ProcessInfo.processInfo.userName)"

/// What a command working in one district takes — the database options and `--tenant` — and
/// running it with the registry open and the tenant resolved.
struct TenantScope: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var tenant: TenantOption

    func run<T>(terminal: Terminal = Terminal(), _ body: (RegistryDatabase, UUID) async throws -> T) async throws -> T {
        try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
            try await body(registry, try await tenant.resolve(in: registry))
        }
    }
}
