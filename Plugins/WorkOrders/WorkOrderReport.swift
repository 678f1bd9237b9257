import Foundation
import Registry
import RegistryStore

/// The module's report section: orders per step, median days per step and per unit, the
/// share rated satisfied, and whistles answered on time.
struct WorkOrderReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await WorkOrderStore.summary(from: from, to: to, tx)
        let steps = OrderStep.allCases.map { "\($0.chineseName) \($0.rawValue) \(s.byStep[$0.rawValue] ?? 0)" }.joined(separator: " · ")
        var figures: [ReportSection.Figure] = [
            .init("点单 orders taken", String(s.orders)), .init("各环节 orders per step", steps),
            .init("派单用时中位数 median days to dispatch", Self.days(s.medianDispatchDays)),
            .init("接单用时中位数 median days to accept", Self.days(s.medianAcceptDays)),
            .init("办结用时中位数 median days to complete", Self.days(s.medianCompleteDays)),
            .init("评单满意 rated satisfied", "\(s.satisfied) / \(s.rated) (\(String(format: "%.0f%%", s.satisfactionRate * 100)))"),
            .init("逾期未办 overdue orders", String(s.overdue)),
        ]
        for unit in s.units {
            figures.append(.init("单位 \(unit.unitName) unit: 派单 dispatched / 拒单 declined / 接单·办结中位数 median days to accept·complete",
                                 "\(unit.dispatches) / \(unit.declined) / \(Self.days(unit.medianAcceptDays)) · \(Self.days(unit.medianCompleteDays))"))
        }
        figures += [
            .init("吹哨 whistles blown", String(s.whistles)),
            .init("按时报到的吹哨 whistles answered on time", String(s.whistlesAnsweredOnTime)),
            .init("部门按时报到 departments reported on time", "\(s.callsReportedOnTime) / \(s.calls)"),
            .init("延期 delays granted", String(s.delays)),
        ]
        return ReportSection(module: WorkOrdersModule.moduleID, title: "四联单·吹哨报到 Work orders and whistles", figures: figures)
    }

    static func days(_ value: Double?) -> String { value.map { String(format: "%.1f 天 days", $0) } ?? "—" }
}
