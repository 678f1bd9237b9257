import GovregCommandLine
public import Registry

/// Red property (红色物业): which property company serves which residential compound, the
/// party branches set up in the companies, cross-appointments of community and company staff,
/// and the problem ledger whose rows close only with a recorded fix.
///
/// Settings: the response deadline for problems handed to a company, and how matching
/// treats property-management demands inside a compound — `prefer` the compound's company by
/// a cost bonus, or `require` it.
public struct RedPropertyModule: GovernanceModule {
    /// `red_property`.
    public static let moduleID = try! ModuleID("red_property")

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "红色物业"
    public let englishName = "Red property"
    public let summary = "Property companies, their party branches and cross-appointments, and the problem ledger; compounds' demands go to their company first."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "response_deadline_days", chineseName: "物业回应时限（天）", englishName: "company response deadline (days)",
                     kind: .integer(1...60), default: .integer(3)),
        SettingField(key: "matching_mode", chineseName: "匹配方式：优先（加分）或限定", englishName: "matching: prefer (bonus) or require",
                     kind: .choice(["prefer", "require"]), default: .text("prefer")),
        SettingField(key: "preference_bonus", chineseName: "优先加分（每单位）", englishName: "preference bonus (points per unit)",
                     kind: .integer(0...10_000), default: .integer(50)),
        SettingField(key: "categories", chineseName: "物业类需求类别（逗号分隔）", englishName: "property-management categories (comma-separated)",
                     kind: .text(maxLength: 200), default: .text("housing_repair")),
    ])
    public var contributions: [any ModuleContribution] { [CompoundPreference(), RedPropertyReport(), RedPropertyEndpoints(), ModuleCommands(RedPropertyCommand.self), RedPropertyDemo()] }

    public init() {}
}
