import GovregCommandLine
public import Registry
import Postgres
import RegistryStore

/// Bench talks (板凳会 / 院坝会 / 凉亭会): meetings held where residents sit, and the topics
/// they raise — each answered on the spot, turned into a demand (the module's intake
/// channel), or referred up. General problems solved on the spot, hard ones in stages, major
/// ones jointly.
///
/// Settings: the district's own name for the practice, and how many days a topic may stay
/// unanswered before it is overdue. Contributions: the `bench_talk` intake channel, and an
/// event handler that marks a topic's demand resolved on the topic.
public struct BenchTalkModule: GovernanceModule {
    /// `bench_talk`.
    public static let moduleID = try! ModuleID("bench_talk")

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "板凳会"
    public let englishName = "Bench talks"
    public let summary = "Meetings where residents sit and the topics they raise: answered on the spot, turned into demands, or referred up."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "local_name", chineseName: "本地名称（板凳会、院坝会、凉亭会…）", englishName: "the practice's local name",
                     kind: .text(maxLength: 20), default: .text("板凳会")),
        SettingField(key: "reply_deadline_days", chineseName: "答复时限（天）", englishName: "reply deadline (days)",
                     kind: .integer(1...90), default: .integer(7)),
    ])
    public var contributions: [any ModuleContribution] { [
        IntakeChannel(.benchTalk, chinese: "板凳会", english: "bench talk"), TopicResolution(), BenchTalkReport(), BenchTalkEndpoints(), BenchTalkConsolePages(),
        ModuleCommands(BenchTalkCommand.self), BenchTalkDemo(),
    ] }

    public init() {}
}

/// Keeps `demand_resolved_on` of the topic a demand came from (the day its need was met). The
/// report counts resolved topics from the demand's state itself, so a demand resolved while
/// the module was disabled still counts.
struct TopicResolution: CoreEventHandler {
    func handle(_ event: any GovernanceEvent, settings: ModuleSettings, in tx: TenantTransaction) async throws {
        guard case let .demandTransitioned(demand, _, to) = event as? CoreEvent, to == .resolved || to == .accepted else { return }
        // Resolved: the day it was; back on the list (a project cancelled): not resolved.
        let resolvedOn = to == .resolved ? try tx.today().description : nil
        try await tx.connection.execute("""
            UPDATE bench_talk_topic
            SET demand_resolved_on = \(resolvedOn)::date, updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND demand_id = \(demand.rawValue)
              AND demand_resolved_on IS DISTINCT FROM \(resolvedOn)::date
            """)
    }
}

extension SourceChannel {
    /// 板凳会: a topic raised at a bench talk and turned into a demand (this module's channel).
    public static let benchTalk = try! SourceChannel("bench_talk")
}
