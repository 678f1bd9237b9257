import GovregCommandLine
public import Registry

/// Work orders (四联单, Shangjie; 网格订单, Babu) and the whistle (街道吹哨、部门报到): a
/// resident orders (点单), the community dispatches to a registered unit (下单), the unit
/// accepts or declines with a reason (接单), the resident rates the result (评单); when a
/// matter exceeds the community, the street summons departments, which must report by a
/// deadline.
///
/// Settings: the deadline of each step and of a department's report, and the matching term
/// for a unit that keeps declining a category. Contributions: the decline penalty in
/// matching, the report section, the HTTP routes and the console page.
public struct WorkOrdersModule: GovernanceModule {
    /// `work_orders`.
    public static let moduleID = try! ModuleID("work_orders")

    /// The deadlines' defaults, in days.
    static let defaultDays = ["dispatch_deadline_days": 2, "accept_deadline_days": 2, "complete_deadline_days": 15, "report_deadline_days": 3] as [String: Int64]

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "四联单·吹哨报到"
    public let englishName = "Work orders and whistles"
    public let summary = "Residents order, the community dispatches, units accept or decline, residents rate; the street blows the whistle and departments report by a deadline."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "dispatch_deadline_days", chineseName: "派单时限（天）", englishName: "dispatch deadline (days)",
                     kind: .integer(1...60), default: .integer(defaultDays["dispatch_deadline_days"]!)),
        SettingField(key: "accept_deadline_days", chineseName: "接单时限（天）", englishName: "accept deadline (days)",
                     kind: .integer(1...60), default: .integer(defaultDays["accept_deadline_days"]!)),
        SettingField(key: "complete_deadline_days", chineseName: "办结时限（天）", englishName: "completion deadline (days)",
                     kind: .integer(1...365), default: .integer(defaultDays["complete_deadline_days"]!)),
        SettingField(key: "report_deadline_days", chineseName: "部门报到时限（天）", englishName: "department report deadline (days)",
                     kind: .integer(1...60), default: .integer(defaultDays["report_deadline_days"]!)),
        SettingField(key: "decline_penalty", chineseName: "拒单匹配扣分（每单位）", englishName: "matching penalty for a declining unit (points per unit)",
                     kind: .integer(0...10_000), default: .integer(30)),
        SettingField(key: "decline_threshold", chineseName: "触发扣分的拒单次数", englishName: "declines of a category that trigger the penalty",
                     kind: .integer(1...100), default: .integer(2)),
        SettingField(key: "decline_window_days", chineseName: "拒单统计期（天）", englishName: "window the declines are counted in (days)",
                     kind: .integer(1...730), default: .integer(90)),
    ])
    public var contributions: [any ModuleContribution] { [
        DeclinePenalty(), WorkOrderReport(), WorkOrderEndpoints(), WorkOrderConsolePages(), ModuleCommands(WorkOrdersCommand.self), WorkOrdersDemo(),
    ] }

    public init() {}
}
