import GovregCommandLine
public import Registry
import RegistryStore

/// The points system (积分制), as Banzhuyuan village runs it for its store (积分超市) and
/// Fuhua community for its parking: residents earn points for civic acts by the district's
/// rule table and redeem them (兑换); every move is a line of an append-only ledger.
///
/// Settings: the district's own name for it, the period the caps count over (a month or a
/// year), and whether acts other modules report (``Registry/CivicAct``) pay by themselves.
/// Contributions: the handler that pays a `CivicAct` once per occasion, the report section
/// (points by kind of act, never by holder), the API's routes and the console's page.
public struct PointsModule: GovernanceModule {
    /// `points`.
    public static let moduleID = try! ModuleID("points")

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "积分制"
    public let englishName = "Points system"
    public let summary = "Points for civic acts by a rule table with caps, an append-only ledger per household, redemptions that never overdraw, monthly statements."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "local_name", chineseName: "本地名称（积分制、积分超市…）", englishName: "the practice's local name",
                     kind: .text(maxLength: 20), default: .text("积分制")),
        SettingField(key: "cap_period", chineseName: "上限周期", englishName: "the period a rule's cap counts over",
                     kind: .choice(CapPeriod.allCases.map(\.rawValue)), default: .text(CapPeriod.month.rawValue)),
        SettingField(key: "pay_civic_acts", chineseName: "自动奖励其他模块报来的事项", englishName: "pay civic acts other modules report",
                     kind: .boolean, default: .boolean(true)),
    ])
    public var contributions: [any ModuleContribution] { [
        CivicActPayment(), PointsReport(), PointsEndpoints(), PointsConsolePages(), ModuleCommands(PointsCommand.self), PointsDemo(),
    ] }

    public init() {}
}

/// The period a rule's cap counts over: a calendar month or a calendar year.
public enum CapPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    case month, year

    static func of(_ settings: ModuleSettings) -> CapPeriod {
        settings.text("cap_period").flatMap(CapPeriod.init(rawValue:)) ?? .month
    }
}

/// Pays a reported ``Registry/CivicAct`` by the rule table, once per occasion. An act that
/// cannot be paid (unknown holder, no rule, cap reached) is recorded as unpaid, never thrown:
/// the change that reported it must not fail because of the points.
struct CivicActPayment: CoreEventHandler {
    func handle(_ event: any GovernanceEvent, settings: ModuleSettings, in tx: TenantTransaction) async throws {
        guard let act = event as? CivicAct, settings.boolean("pay_civic_acts") ?? true else { return }
        _ = try await PointsStore.pay(act, settings: settings, on: nil, note: nil, in: tx)
    }
}
