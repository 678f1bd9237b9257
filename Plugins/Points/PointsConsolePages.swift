import Foundation
import Registry
import RegistryStore

/// The points page of the console: the rule table and the month's totals by kind of act
/// (`?month=YYYY-MM`, default this month). Read-only, and without a single holder on it.
struct PointsConsolePages: ModuleConsolePages {
    var pages: [ModuleConsolePage] { [
        ModuleConsolePage("rules", chinese: "积分规则与本月发放", english: "Rules and the month's points") { query, tx in
            let month = try query["month"].map(PointsMonth.parse) ?? (try tx.today())
            let (from, next) = try PointsStore.period(.month, containing: month)
            let rules = try await PointsStore.rules(in: tx)
            let summary = try await PointsStore.summary(from: from, to: try PointsMonth.dayBefore(next), in: tx)
            typealias W = ModulePageContent.Words
            return ModulePageContent([
                .init(heading: W("积分规则", "Rule table"),
                      columns: [W("事项", "Kind"), W("名称", "Name"), W("每单位积分", "Points per unit"), W("每期上限", "Cap per period"), W("状态", "State")],
                      rows: rules.map { r in
                          [r.kind, r.chineseName, String(r.pointsPerUnit), r.capPerPeriod.map(String.init) ?? "—", r.active ? "启用 active" : "停用 retired"]
                      },
                      empty: W("尚无积分规则", "No rules yet")),
                .init(heading: W("\(from.year)年\(from.month)月", "\(from.description) to \(summary.to.description)"),
                      facts: [(W("发放积分", "Points issued"), String(summary.issued)), (W("兑换次数", "Redemptions"), String(summary.redemptions)),
                              (W("兑换积分", "Points redeemed"), String(summary.redeemed)), (W("未发放事项", "Acts not paid"), String(summary.unpaidActs))],
                      columns: [W("事项", "Kind"), W("名称", "Name"), W("次数", "Awards"), W("积分", "Points")],
                      rows: summary.byKind.map { [$0.kind, $0.chineseName, String($0.awards), String($0.points)] },
                      empty: W("本月无发放", "No points this month")),
            ])
        },
    ] }
}

/// A month as the API, the console and the CLI take it: `2024-05` (or any day in it).
enum PointsMonth {
    static func parse(_ text: String) throws -> CivilDate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = try? CivilDate(trimmed) { return day }
        guard let day = try? CivilDate(trimmed + "-01") else {
            throw RegistryError(.invalidValue, field: "month", chinese: "月份须为 YYYY-MM 格式", english: "a month is written YYYY-MM, not \(text)")
        }
        return day
    }

    /// The day before `day` (the last of a period that ends before it).
    static func dayBefore(_ day: CivilDate) throws -> CivilDate {
        if day.day > 1 { return try CivilDate(year: day.year, month: day.month, day: day.day - 1) }
        let (year, month) = day.month == 1 ? (day.year - 1, 12) : (day.year, day.month - 1)
        return [31, 30, 29, 28].lazy.compactMap { try? CivilDate(year: year, month: month, day: $0) }.first!
    }
}
