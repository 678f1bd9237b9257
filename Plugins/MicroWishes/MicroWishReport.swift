import Foundation
import Registry
import RegistryStore

/// The module's report section: wishes posted, claimed, fulfilled and confirmed in the
/// period, and how long they took. Counts and days only: no wisher, no volunteer.
struct MicroWishReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await MicroWishStore.summary(from: from, to: to, settings: settings, tx)
        return ReportSection(module: MicroWishesModule.moduleID, title: "微心愿 Micro-wishes", figures: Self.figures(s))
    }

    /// The figures, each named in Chinese and English (the CLI's summary prints the same).
    static func figures(_ s: MicroWishSummary) -> [ReportSection.Figure] {
        [
            .init("发布 posted", String(s.posted)), .init("认领 claimed", String(s.claimed)),
            .init("实现 fulfilled", String(s.fulfilled)), .init("居民确认 confirmed", String(s.confirmed)),
            .init("撤回 withdrawn", String(s.withdrawn)),
            .init("实现天数中位数 median days to fulfil (posted → confirmed)", s.medianDaysToFulfil.map { String(format: "%.1f", $0) } ?? "–"),
            .init("确认心愿估值 value of confirmed wishes", s.confirmedValue.description),
            .init("待认领 unclaimed", "\(s.unclaimed) (久未认领 aging \(s.aging))"),
        ]
    }
}
