import GovregCommandLine
import Foundation
public import Registry

/// Micro-wishes (微心愿, as Sanming runs them): small wishes of residents — a school bag, a
/// repair, a visit — published without the wisher's personal data, claimed by a volunteer or
/// a registered unit, fulfilled by the claimant and confirmed by the resident (or the
/// community on the resident's behalf). Unclaimed wishes age visibly (久未认领).
///
/// Settings: after how many days an unclaimed wish is aging, the most a micro-wish may be
/// worth, and the district's wish categories. Contributions: the report section, the HTTP
/// routes and the console page. A confirmed wish whose volunteer has a points holder code
/// emits the core's ``Registry/CivicAct`` (`micro_wish_fulfilled`), which a points module pays.
public struct MicroWishesModule: GovernanceModule {
    /// `micro_wishes`.
    public static let moduleID = try! ModuleID("micro_wishes")

    public var id: ModuleID { Self.moduleID }
    public let version = SemanticVersion(1, 0, 0)
    public let compatibleCore = SemanticVersion(0, 2, 0)...SemanticVersion(0, 99, 99)
    public let chineseName = "微心愿"
    public let englishName = "Micro-wishes"
    public let summary = "Small wishes of residents, published without personal data, claimed by volunteers or units, fulfilled and confirmed."
    public let settingsSchema = ModuleSettingsSchema([
        SettingField(key: "aging_days", chineseName: "久未认领提示（天）", englishName: "days before an unclaimed wish is aging",
                     kind: .integer(1...180), default: .integer(14)),
        SettingField(key: "max_value_yuan", chineseName: "心愿估值上限（元）", englishName: "the most a micro-wish may be worth (yuan)",
                     kind: .integer(1...5_000), default: .integer(500)),
        SettingField(key: "categories", chineseName: "心愿类别（以逗号或顿号分隔）", englishName: "wish categories (separated by commas)",
                     kind: .text(maxLength: 200), default: .text(MicroWishRules.defaultCategories.joined(separator: "、"))),
    ])
    public var contributions: [any ModuleContribution] { [
        MicroWishReport(), MicroWishEndpoints(), MicroWishConsolePages(), ModuleCommands(MicroWishesCommand.self), MicroWishesDemo(),
    ] }

    public init() {}
}

/// A district's rules for micro-wishes, read from its settings.
public struct MicroWishRules: Sendable, Hashable {
    /// 学习用品、生活用品、维修、探访、其他.
    public static let defaultCategories = ["学习用品", "生活用品", "维修", "探访", "其他"]

    /// An unclaimed wish is aging (久未认领) once it has waited this many days.
    public var agingDays: Int
    /// The most a micro-wish may be worth.
    public var maximumValue: Money
    /// The categories a wish may have.
    public var categories: [String]

    public init(_ settings: ModuleSettings) {
        agingDays = Int(settings.integer("aging_days") ?? 14)
        maximumValue = .yuan(settings.integer("max_value_yuan") ?? 500)
        let words = (settings.text("categories") ?? "")
            .split(whereSeparator: { ",，、;；".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        categories = words.isEmpty ? Self.defaultCategories : words
    }
}
