import GovregCommandLine
public import Registry

/// Proxy service (帮代办): grid agents (代办员) do paperwork on behalf of residents, as Gaohu
/// town runs it ("网格+帮代办": 113 town-level and 46 village-level service items). A
/// per-district catalogue of service items — level, deciding department, deadline in working
/// or calendar days, the documents to hand over — and the requests agents carry: received →
/// submitted to the department (only with every document) → completed or refused → returned
/// to the resident; overdue requests listed; a report section of requests per item, the
/// share decided on time, the overdue count and the median days. The resident's name and
/// phone are personal data: masked in every list, out of the audit log, never in the report.
public struct ProxyServiceModule: GovernanceModule {
    /// `proxy_service`.
    public static let moduleID = try! ModuleID("proxy_service")

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "帮代办"
    public let englishName = "Proxy service"
    public let summary = "Agents do paperwork for residents: a catalogue of service items with deadlines and checklists, requests through the department, overdue ones listed."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "local_name", chineseName: "本地名称（帮代办、代办服务…）", englishName: "the practice's local name",
                     kind: .text(maxLength: 20), default: .text("帮代办")),
        SettingField(key: "due_soon_days", chineseName: "临期提醒（天）", englishName: "days before the deadline a request shows as due soon",
                     kind: .integer(0...30), default: .integer(2)),
    ])

    public var contributions: [any ModuleContribution] { [
        ProxyServiceReport(), ProxyServiceEndpoints(), ProxyServiceConsolePages(), ModuleCommands(ProxyServiceCommand.self), ProxyServiceDemo(),
    ] }

    public init() {}
}
