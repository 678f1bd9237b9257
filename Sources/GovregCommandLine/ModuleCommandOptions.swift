public import ArgumentParser
public import Foundation
public import RegistryStore

/// What every command of a module takes — the database options, `--tenant` and `--json` —
/// and running it with the district open. A module's command declares
/// `@OptionGroup var target: ModuleCommandOptions` and adds what it prints in an extension.
public struct ModuleCommandOptions: ParsableArguments {
    @OptionGroup public var scope: TenantScope
    @Flag(help: "Print the result as JSON.") public var json = false

    public init() {}

    /// Runs `body` with the registry open and the district resolved.
    public func run<T>(_ body: (RegistryDatabase, UUID) async throws -> T) async throws -> T {
        try await scope.run { registry, tenant in try await body(registry, tenant) }
    }

    /// Runs `body` and prints what it gives: as JSON with `--json`, else by `printing`.
    public func run<T: Encodable>(_ body: (RegistryDatabase, UUID) async throws -> T, printing: (T) throws -> Void) async throws {
        try await run { registry, tenant in
            let value = try await body(registry, tenant)
            if json { return try Terminal().json(value) }
            try printing(value)
        }
    }
}
