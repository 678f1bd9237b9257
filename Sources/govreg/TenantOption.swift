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
