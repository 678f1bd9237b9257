import GovregCommandLine
public import Registry
import Postgres
import RegistryStore

/// Deliberation (协商议事): Lingwu's neighbourhood round-table (邻里议事圆桌会), Enhe town's
/// "12345", Shangjie's "1+6+X" — one module a district configures rather than three.
///
/// Settings: the practice's local name; the participant roles (Shangjie: the party secretary
/// who leads, six fixed kinds, and the interested parties); the steps of the procedure, in
/// order (Enhe's five; Fuhua's six-step loop is another); the kinds of matter (Enhe: 村里事,
/// 邻里事, 家里事). A case goes through the steps in order and through rounds; its result is
/// settled or not, with an exact cost split; a result may be published; the work an outcome
/// needs becomes a demand through the module's intake channel, `deliberation`.
public struct DeliberationModule: GovernanceModule {
    /// `deliberation`.
    public static let moduleID = try! ModuleID("deliberation")

    /// The lists a district starts with: Shangjie's "1+6+X" roles, Enhe's five steps and three kinds.
    public static let defaultProcedure = Procedure(
        roles: ["党组织书记", "社区两委", "社区监委会", "物业企业", "法律顾问", "共建单位", "居民代表", "利益相关方"],
        steps: ["征集议题", "组织协商", "公示结果", "监督执行", "反馈评议"],
        kinds: ["村里事", "邻里事", "家里事"])

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "协商议事"
    public let englishName = "Deliberation"
    public let summary = "Cases deliberated by the parties over rounds, through the district's own steps: results settled or not, exact cost splits, published results, and demands for the work agreed."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "local_name", chineseName: "本地名称（邻里议事圆桌会、协商议事“12345”…）", englishName: "the practice's local name",
                     kind: .text(maxLength: 20), default: .text("协商议事")),
        SettingField(key: "roles", chineseName: "参与方（如“1+6+X”）", englishName: "participant roles",
                     kind: .textList(maxItems: 20, maxLength: 20), default: .textList(Self.defaultProcedure.roles)),
        SettingField(key: "steps", chineseName: "议事步骤（依次进行）", englishName: "steps of the procedure, in order",
                     kind: .textList(maxItems: 12, maxLength: 20), default: .textList(Self.defaultProcedure.steps)),
        SettingField(key: "matter_kinds", chineseName: "议题类别", englishName: "kinds of matter",
                     kind: .textList(maxItems: 12, maxLength: 20), default: .textList(Self.defaultProcedure.kinds)),
    ])
    public var contributions: [any ModuleContribution] { [
        IntakeChannel(.deliberation, chinese: "协商议事", english: "deliberation"), DeliberationReport(), DeliberationEndpoints(),
        DeliberationConsolePages(), ModuleCommands(DeliberationCommand.self), DeliberationDemo(),
    ] }

    public init() {}
}

extension SourceChannel {
    /// 协商议事: work agreed at a deliberation, filed as a demand (this module's channel).
    public static let deliberation = try! SourceChannel("deliberation")
}
