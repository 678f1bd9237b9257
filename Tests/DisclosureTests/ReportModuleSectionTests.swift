import BenchTalk
import Disclosure
import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// A module's section in the quarterly report: there while the module is enabled (for the
/// whole quarter, even when it was switched on in the middle of it), gone when it is not,
/// and frozen with the rest when the quarter is closed.
@Suite struct ReportModuleSectionTests {
    @Test func aModuleEnabledMidQuarterReportsTheWholeQuarter() async throws {
        let modules = try ModuleCatalogue([BenchTalkModule()])
        try await ReportFixture.with(modules: modules) { f in
            // two meetings in Q3, one before the module was switched on (it was kept in the
            // module's tables already), and one in Q4
            for (day, attendees) in [("2026-07-10", 12), ("2026-09-02", 30), ("2026-10-05", 7)] {
                try await f.database.operatorPool.execute("""
                    INSERT INTO bench_talk_meeting (tenant_id, held_on, org_unit_id, host, attendees)
                    VALUES (\(f.tenant), \(day)::date, \(f.orgIDs["C1"]!), '社区书记', \(attendees))
                    """)
            }
            #expect(try await f.report("2026Q3").modules.isEmpty)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.enable(BenchTalkModule.moduleID, in: tx) }
            let report = try await f.report("2026Q3")
            let section = try #require(report.modules.first)
            #expect(report.modules.count == 1 && section.module == BenchTalkModule.moduleID)
            #expect(section.figures.first { $0.label.contains("meetings") }?.value == "2")
            #expect(section.figures.first { $0.label.contains("attendees") }?.value == "42")
            #expect(report.markdown().contains("模块 "))
            // closed, the section stays as it was, whatever the module does later
            try await f.archive.close(try Quarter("2026Q3"), today: try CivilDate("2026-12-04"), tenant: f.tenant, actor: f.actor)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ModuleStore.disable(BenchTalkModule.moduleID, in: tx) }
            #expect(try await f.report("2026Q3").modules.isEmpty)
            let closed = try QuarterlyReport.decode(json: try await f.archive.document(
                try Quarter("2026Q3"), format: "json", tenant: f.tenant, actor: f.actor))
            #expect(closed.modules == report.modules)
        }
    }
}
