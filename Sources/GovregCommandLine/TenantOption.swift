public import ArgumentParser
public import Foundation
import Registry
public import RegistryStore

/// `--tenant T`: the district a command works in, by slug, division code or id; without the
/// flag, the default district (``DefaultDistrict``: `GOVREG_TENANT`, else `govreg use`).
public struct TenantOption: ParsableArguments {
    public init() {}

    @Option(help: ArgumentHelp(
        "The district: slug, division code or id. Default: $GOVREG_TENANT, else the one `govreg use` saved.",
        valueName: "tenant"))
    public var tenant: String?

    /// What a suggested next command needs to name the same district: ` --tenant KEY` when
    /// it was typed, nothing when it came from the default (which the next command reads too).
    public var againArgument: String {
        guard let tenant, (try? chosen())?.source == .flag else { return "" }
        return " --tenant \(tenant)"
    }

    /// Refuses the command before any work when no district is named anywhere.
    public func validate() throws {
        _ = try chosen()
    }

    /// The district's key and where it came from.
    public func chosen() throws -> (key: String, source: DefaultDistrict.Source) {
        guard let chosen = try DefaultDistrict.chosen(flag: tenant) else { throw ValidationError(DefaultDistrict.missing) }
        return chosen
    }

    /// The tenant's id, found with the operator's connection. A default that names no
    /// district says where it came from, since the person did not type it.
    public func resolve(in registry: RegistryDatabase) async throws -> UUID {
        let (key, source) = try chosen()
        do {
            return try await TenantStore(database: registry).find(key).id
        } catch RegistryStoreError.tenantNotFound(let key) where source != .flag {
            throw ValidationError("\(RegistryStoreError.tenantNotFound(key)) (来自 from \(source.name))")
        }
    }
}

/// Who the audit log names for command-line work: `cli:` and the person acting, as
/// `--actor` or `GOVREG_ACTOR` said, else the operating-system user (often just `root`, which
/// tells an auditor nothing: hence the option).
public var commandLineActor: String { "cli:" + (CommandLineActor.person ?? ProcessInfo.processInfo.userName) }

/// The person acting in this command, once checked.
public enum CommandLineActor {
    @TaskLocal public static var person: String?

    /// The `--actor` flag, else `GOVREG_ACTOR`, checked as an actor id; nil when neither,
    /// unless the installation runs in production mode (`GOVREG_MODE=production`), where
    /// every command must say who acts: the operating system's `root` names nobody.
    public static func person(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        // Read by the rule `govreg config` shows (Setting.mode): blank is unset, case is ignored.
        let mode = (environment[Setting.mode.environmentVariable] ?? "").trimmingCharacters(in: .whitespaces)
        if !mode.isEmpty, let problem = Setting.mode.problem(with: mode) {
            throw ValidationError("\(Setting.mode.environmentVariable)=\(mode): \(problem)")
        }
        let production = mode.lowercased() == "production"
        let given = flag ?? environment["GOVREG_ACTOR"]
        guard let given else {
            if production {
                throw ValidationError(
                    "生产模式下须说明经办人 in production mode (GOVREG_MODE=production) every command says who acts: --actor NAME or GOVREG_ACTOR=NAME")
            }
            return nil
        }
        do {
            // Checked alone (not empty, no control characters) and as the stored `cli:NAME`.
            let name = try ActorID(given).rawValue
            _ = try ActorID("cli:" + name)
            return name
        } catch let error as RegistryError {
            throw ValidationError("--actor / GOVREG_ACTOR: \(error.message)")
        }
    }
}

/// What a command working in one district takes — the database options and `--tenant` — and
/// running it with the registry open and the tenant resolved.
public struct TenantScope: ParsableArguments {
    public init() {}

    @OptionGroup public var database: DatabaseOptions
    @OptionGroup public var migrations: MigrationOptions
    @OptionGroup public var tenant: TenantOption

    /// The district's time zone, for showing its times (``Terminal/showingTimes(in:)``).
    public static func timeZone(of tenant: UUID, _ registry: RegistryDatabase) async throws -> String {
        try await TenantStore(database: registry).find(tenant.uuidString).settings.timeZone
    }

    public func run<T>(terminal: Terminal = Terminal(), _ body: (RegistryDatabase, UUID) async throws -> T) async throws -> T {
        try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
            try await body(registry, try await tenant.resolve(in: registry))
        }
    }
}
