import Foundation
import Registry
import RegistryStore

/// The module's report section: requests per item, the share decided on time, the overdue
/// count and the median days. Items are not people: naming them is safe; residents never appear.
struct ProxyServiceReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await ProxyServiceStore.summary(from: from, to: to, settings: settings, tx)
        return ReportSection(module: ProxyServiceModule.moduleID, title: "\(s.localName) Proxy service", figures: Self.figures(s))
    }

    static func figures(_ s: ProxyServiceSummary) -> [ReportSection.Figure] {
        [
            .init("服务事项 service items", "镇级 town \(s.townItems), 村级 village \(s.villageItems)"),
            .init("代办件 requests", String(s.requests)),
            .init("事项分布 requests per item", s.topItems.isEmpty ? "—" : s.topItems.map { "\($0.name) \($0.requests)" }.joined(separator: "; ")),
            .init("已办结 completed", String(s.completed)), .init("不予办理 refused by the department", String(s.refused)),
            .init("按时办结率 decided on time", "\(s.decidedOnTime) of \(s.decided) (\(String(format: "%.0f%%", s.onTimeShare * 100)))"),
            .init("逾期未办结 overdue", String(s.overdue)),
            .init("办理天数中位数 median days to a decision", s.medianDays.map { String(format: "%.1f", $0) } ?? "—"),
            .init("已送达群众 returned to residents", String(s.returned)),
        ]
    }
}
