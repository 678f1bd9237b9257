/// A plug-in module: one district practice (bench talks, red property, mediation rooms …)
/// that a district admin enables for a tenant, with settings of the district's own.
///
/// A module is a conforming type in its own target under `Plugins/<Name>/`; `govreg` lists
/// the modules it ships in one place and hands them to ``ModuleRegistry/bootstrap(_:)``; the
/// core never imports a module. Everything a module adds is optional: its
/// ``contributions`` (event handlers, matching adjustments, intake channels …), declared by
/// protocols in the parts of the core that use them, and its tables, created by the SQL in
/// `migrations/modules/<id>/`, which follow the core's rules (`tenant_id` leading every key,
/// forced row-level security, the audit log: `SELECT govreg_tenant_table('table')`).
///
/// A module disabled for a tenant contributes nothing to it; its data stays.
///
/// ```swift
/// public struct BenchTalkModule: GovernanceModule {
///     public let id = try! ModuleID("bench_talk")
///     public let version = SemanticVersion(1, 0, 0)
///     public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 0)
///     public let chineseName = "板凳会", englishName = "Bench talks"
///     public let summary = "Meetings where residents sit, and the topics they raise."
///     public let settingsSchema = ModuleSettingsSchema([…])
/// }
/// ```
public protocol GovernanceModule: Sendable {
    /// The stable id; names the migrations folder and the tenant's settings.
    var id: ModuleID { get }
    /// The module's own version.
    var version: SemanticVersion { get }
    /// The core versions it works with: checked at start-up and by `govreg module check`.
    var compatibleCore: ClosedRange<SemanticVersion> { get }
    var chineseName: String { get }
    var englishName: String { get }
    /// One sentence for the catalogue.
    var summary: String { get }
    /// What each district may set.
    var settingsSchema: ModuleSettingsSchema { get }
    /// What it adds to the core, each a conformance to a contribution protocol.
    var contributions: [any ModuleContribution] { get }
}

extension GovernanceModule {
    public var settingsSchema: ModuleSettingsSchema { ModuleSettingsSchema() }
    public var contributions: [any ModuleContribution] { [] }

    /// The folder of its migrations under `migrations/modules/`.
    public var migrationGroup: String { id.rawValue }

    /// Whether it works with `core`.
    public func supports(core: SemanticVersion) -> Bool { compatibleCore.contains(core) }
}

/// Something a module adds to the core. The parts of the core that take contributions
/// declare a protocol refining this one (events: `CoreEventHandler`; matching:
/// `MatchingAdjustment`) and pick out of ``GovernanceModule/contributions`` what conforms.
public protocol ModuleContribution: Sendable {}

/// A way demands come in that a module adds (e.g. a bench talk's topics): the source channel
/// its demands carry and its names. The core reads these from the catalogue
/// (``ModuleCatalogue/sourceChannels``): import files accept the channel by code or Chinese
/// name, and reports and exports name it.
public struct IntakeChannel: ModuleContribution, Hashable {
    /// The source channel demands from it carry.
    public var channel: SourceChannel
    /// Its Chinese name, e.g. 板凳会.
    public var chineseName: String
    /// Its English name, e.g. bench talk.
    public var englishName: String

    public init(_ channel: SourceChannel, chinese: String, english: String) {
        self.channel = channel
        self.chineseName = chinese
        self.englishName = english
    }
}
