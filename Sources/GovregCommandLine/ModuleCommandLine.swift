public import ArgumentParser
public import Foundation
public import Registry
public import RegistryStore

/// A module's commands (`govreg bench-talk …`): `govreg` lists the command of every shipped
/// module beside its own, so a module's commands ship in the module's folder and the
/// executable never names them.
///
/// ```swift
/// public var contributions: [any ModuleContribution] { [ModuleCommands(BenchTalkCommand.self), …] }
/// ```
public struct ModuleCommands: ModuleContribution {
    /// The module's command, with its subcommands.
    public let command: any ParsableCommand.Type

    public init(_ command: any ParsableCommand.Type) {
        self.command = command
    }

    /// The commands of every module in `catalogue`, in its order.
    public static func all(in catalogue: ModuleCatalogue) -> [any ParsableCommand.Type] {
        catalogue.modules.flatMap { module in module.contributions.compactMap { ($0 as? ModuleCommands)?.command } }
    }
}

/// A module's records for `govreg demo`: the demo enables every module that has one, with
/// `settings`, and asks it to add a few plausible records to the demo district (once: the
/// demo may run again and must then change nothing), before the matching run.
public protocol ModuleDemo: ModuleContribution {
    /// The settings (JSON) the demo enables the module with, checked as `module enable` checks them.
    var settings: String { get }
    /// When it runs among the modules' demos: lowest first, then in the catalogue's order
    /// (0 unless said; a module whose records others' records rely on says -1).
    var order: Int { get }
    /// Adds the module's records unless they are there, and returns the year's figures.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary
}

extension ModuleDemo {
    public var order: Int { 0 }
}

/// The demo district as a module's demo finds it: open, with its hierarchy, units, members
/// and lists imported, and the places where module records may take place.
public struct DemoContext: Sendable {
    public let registry: RegistryDatabase
    public let tenant: UUID
    public let actor: String
    /// The year the demo's records are dated in (a past year).
    public let year: Int
    /// A grid of the county town, and its community: where the demo's meetings, orders and
    /// wishes happen (codes of the demo's hierarchy).
    public let grid: String
    public let community: String
    public let terminal: Terminal

    public init(registry: RegistryDatabase, tenant: UUID, actor: String, year: Int, grid: String, community: String, terminal: Terminal) {
        self.registry = registry
        self.tenant = tenant
        self.actor = actor
        self.year = year
        self.grid = grid
        self.community = community
        self.terminal = terminal
    }

    /// A day of the demo's year.
    public func day(_ month: Int, _ day: Int) throws -> CivilDate {
        try CivilDate(year: year, month: month, day: day)
    }

    /// Runs `body` in one transaction of the demo district (see `RegistryDatabase.withTenant`).
    @discardableResult
    public func write<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await registry.withTenant(tenant, actor: actor) { tx in try await body(tx) }
    }

    /// Runs `body` in one read-only transaction of the demo district.
    public func read<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await body(tx) }
    }
}

/// What a module's demo reports: a line for people and its figures for `--json`.
public struct ModuleDemoSummary: Sendable, Encodable {
    public let text: String
    private let figures: any Encodable & Sendable

    public init(text: String, figures: some Encodable & Sendable) {
        self.text = text
        self.figures = figures
    }

    /// Encodes as the figures alone.
    public func encode(to encoder: any Encoder) throws {
        try figures.encode(to: encoder)
    }
}
