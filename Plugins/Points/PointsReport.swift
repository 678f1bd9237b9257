import Foundation
import Registry
import RegistryStore

/// The module's report section: points issued by kind of civic act and points redeemed in the
/// period, with counts of holders; no figure names or ranks a holder.
struct PointsReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await PointsStore.summary(from: from, to: to, settings: settings, tx)
        var figures: [ReportSection.Figure] = [
            .init("发放积分 points issued", String(s.issued)),
            .init("兑换 redemptions", String(s.redemptions)), .init("兑换积分 points redeemed", String(s.redeemed)),
            .init("未发放事项 acts not paid", String(s.unpaidActs)),
            .init("有积分变动的户 holders with lines", String(s.activeHolders)), .init("登记户数 holders registered", String(s.holders)),
        ]
        figures.insert(contentsOf: s.byKind.map { kind in
            .init("发放·\(kind.chineseName) issued for \(kind.kind)", "\(kind.points) (\(kind.awards) 次 awards)")
        }, at: 1)
        return ReportSection(module: PointsModule.moduleID, title: "\(s.localName) Points system", figures: figures)
    }
}
