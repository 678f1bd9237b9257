import Foundation
import Registry
import RegistryStore

/// The module's report section: branches, appointments, the problem ledger's closure rate.
struct RedPropertyReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await RedPropertyStore.summary(from: from, to: to, tx)
        return ReportSection(module: RedPropertyModule.moduleID, title: "红色物业 Red property", figures: [
            .init("小区 compounds", String(s.compounds)), .init("物业党支部 branches", String(s.branches)),
            .init("交叉任职 cross-appointments", String(s.appointments)), .init("问题 problems logged", String(s.problemsLogged)),
            .init("销号 closed", "\(s.problemsClosed) (\(String(format: "%.0f%%", s.closureRate * 100)))"),
            .init("逾期未回应 overdue responses", String(s.overdueResponses)),
        ])
    }
}
