import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct ProjectImportTests {
    private let header = "项目编号,项目名称,责任单位编号,对应需求编号,资源分配,预算,开始日期,完成时限,状态,进度,是否公示\n"

    private func load(_ f: ProjectFixture, _ csv: String, dryRun: Bool = false) async throws -> ImportSummary {
        let (rows, issues) = ProjectFile.read(ProjectFixture.gb18030(csv))
        return try await ProjectStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    @Test func importedProjectsMoveTheirDemandsAndDrawTheirResources() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let file = header + """
                P001,修路项目,U001,D001,R001:5000,5000,2024-03-01,2024-05-31,计划,0,是
                P002,助老项目,U002,D002,R002:40,,2024-03-01,,已完成,100,否

                """
            #expect(try await load(f, file, dryRun: true) == ImportSummary(inserted: 2))
            #expect(try await f.count("project") == 0)
            #expect(try await f.demandState("D001").0 == .accepted)
            #expect(try await load(f, file) == ImportSummary(inserted: 2))
            #expect(try await f.demandState("D001").0 == .inProject)
            #expect(try await f.demandState("D002") == (.resolved, "grid"))
            #expect(try await f.remaining("R001") == 500_000)
            #expect(try await f.remaining("R002") == 60)
            #expect(try await load(f, file) == ImportSummary(unchanged: 2))
            // The spreadsheet moves on: P001 started at 30%, then done.
            let started = file.replacingOccurrences(of: "2024-05-31,计划,0", with: "2024-05-31,实施中,30")
            #expect(try await load(f, started) == ImportSummary(updated: 1, unchanged: 1))
            let p001 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }
            #expect(p001.project.status == .inProgress)
            #expect(p001.progress.map(\.percent) == [30])
            let done = file.replacingOccurrences(of: "2024-05-31,计划,0", with: "2024-05-31,已验收,100")
            #expect(try await load(f, done) == ImportSummary(updated: 1, unchanged: 1))
            let checked = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }
            #expect(checked.project.status == .checked)
            #expect(checked.events.map(\.to) == [.inProgress, .completed, .checked])
            #expect(checked.progress.map(\.percent) == [30, 100])
            #expect(try await f.demandState("D001") == (.resolved, "grid"))
            await f.close()
        }
    }

    @Test func aFileCancelsWithItsReasonAndCarriesTheDaysOfCompletionAndCheck() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            try await f.demand("D004", at: "C02", quantity: 10, unit: .volunteerHours, state: .accepted, category: "elderly_care")
            let header = "项目编号,项目名称,责任单位编号,对应需求编号,资源分配,状态,进度,完工日期,验收日期,取消原因\n"
            let file = header + """
                P001,修路项目,U001,D001,R001:5000,实施中,20,,,
                P002,助老项目,U002,D002,R002:40,已验收,100,2024-05-20,2024-05-28,
                P003,托管项目,U002,D004,,计划,0,,,

                """
            #expect(try await load(f, file) == ImportSummary(inserted: 3))
            func exported(_ id: String) async throws -> ProjectImportRow {
                try #require(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.exportRows(in: tx) }.first { $0.externalID == id })
            }
            #expect(try await exported("P002").completedOn == (try CivilDate("2024-05-20")))
            #expect(try await exported("P002").checkedOn == (try CivilDate("2024-05-28")))
            let held = try await f.remaining("R001")
            // A cancellation reports no progress on the way out.
            let raised = try await #require(throws: ImportRejected.self) {
                try await load(f, file.replacingOccurrences(of: "实施中,20,,,", with: "已取消,30,,,资金未到位"))
            }
            #expect(raised.issues.issues.map(\.column) == ["progress_percent"])
            // Cancelled through the file: what it holds goes back, its demand back on the list.
            let cancelled = file.replacingOccurrences(of: "实施中,20,,,", with: "已取消,20,,,资金未到位")
            #expect(try await load(f, cancelled) == ImportSummary(updated: 1, unchanged: 2))
            #expect(try await exported("P001").cancelReason == "资金未到位")
            #expect(try await f.remaining("R001") == held + 500_000)
            #expect(try await f.demandState("D001").0 == .accepted)
            #expect(try await load(f, cancelled) == ImportSummary(unchanged: 3))
            // A reason is never changed, and a cancellation needs one.
            let refused = try await #require(throws: ImportRejected.self) {
                try await load(f, cancelled.replacingOccurrences(of: "资金未到位", with: "改期")
                    .replacingOccurrences(of: "计划,0,,,", with: "已取消,0,,,"))
            }
            #expect(refused.issues.issues.map { "\($0.line) \($0.column ?? "")" } == ["2 cancel_reason", "4 cancel_reason"])
            // A check before the completion, or a day after today, is refused.
            let early = try await #require(throws: ImportRejected.self) {
                try await load(f, redatedHeader(cancelled, "P002,助老项目,U002,D002,R002:40,已验收,100,2024-05-20,2024-05-19,"))
            }
            #expect(early.issues.issues.map(\.column) == ["验收日期"])
            let future = try await #require(throws: ImportRejected.self) {
                try await load(f, redatedHeader(cancelled, "P002,助老项目,U002,D002,R002:40,已验收,100,2099-05-20,2099-05-28,"))
            }
            #expect(future.issues.issues.map(\.column) == ["completed_on", "checked_on"])
            // A day given for a step taken before corrects it.
            let redated = cancelled.replacingOccurrences(of: "2024-05-20", with: "2024-05-21")
            #expect(try await load(f, redated) == ImportSummary(updated: 1, unchanged: 2))
            #expect(try await exported("P002").completedOn == (try CivilDate("2024-05-21")))
            await f.close()
        }
    }

    /// `file` with its P002 line replaced by `line`.
    private func redatedHeader(_ file: String, _ line: String) -> String {
        file.split(separator: "\n").map { $0.hasPrefix("P002,") ? line : String($0) }.joined(separator: "\n") + "\n"
    }

    @Test func aCheckTakenByTheFileIsNeverBeforeTheCompletion() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let header = "项目编号,项目名称,责任单位编号,对应需求编号,资源分配,状态,进度,完工日期,验收日期\n"
            _ = try await load(f, header + "P001,修路项目,U001,D001,R001:5000,实施中,20,,\n")
            // Completed today by this file (no day given), so checked on 2024-05-28 would come first.
            let error = try await #require(throws: ImportRejected.self) {
                try await load(f, header + "P001,修路项目,U001,D001,R001:5000,已验收,20,,2024-05-28\n")
            }
            #expect(error.issues.issues.map(\.column) == ["checked_on"])
            #expect(try await load(f, header + "P001,修路项目,U001,D001,R001:5000,已验收,20,2024-05-20,2024-05-28\n") == ImportSummary(updated: 1))
            await f.close()
        }
    }

    @Test func aDemandServedByAStoredProjectIsNotTakenByAnotherOne() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            _ = try await load(f, header + "P001,修路项目,U001,D001,R001:5000,,,,实施中,20,是\n")
            let error = try await #require(throws: ImportRejected.self) {
                try await load(f, header + "P009,又一个修路项目,U001,D001,,,,,计划,0,否\n")
            }
            #expect(error.issues.issues.map(\.column) == ["demands"])
            #expect(error.issues.issues.first?.reason.contains("P001") == true)
            // A cancelled project holds nothing: its demand may go to a new one.
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel("P001", reason: "改期", in: tx) }
            #expect(try await load(f, header + "P009,又一个修路项目,U001,D001,,,,,计划,0,否\n") == ImportSummary(inserted: 1))
            await f.close()
        }
    }

    @Test func aFileWithErrorsWritesNothingAndNamesEveryError() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            _ = try await load(f, header + "P001,修路项目,U001,D001,R001:5000,,,,实施中,20,是\n")
            let before = (try await f.count("project"), try await f.count("resource_ledger"), try await f.count("demand_event"), try await f.count("audit_log"))
            let bad = header + """
                P001,修路项目,U001,D001;D002,R001:5000,,,,实施中,10,是
                P002,新项目,U999,D999,R009:1,,,,计划,0,否
                P003,草稿需求,U001,D003,,,,,计划,0,否
                P004,透支,U001,D002,R001:4000;R002:1.5,,,,计划,0,否
                P005,再透支,U002,D002,R001:2000,,,,计划,0,否
                P001,重复,U001,D001,,,,,已取消,0,否

                """
            let error = try await #require(throws: ImportRejected.self) { try await load(f, bad) }
            let issues = error.issues.issues.map { "\($0.line) \($0.column ?? "")" }
            #expect(issues == [
                "2 demands", "2 progress_percent",
                "3 responsible_unit", "3 allocations", "3 demands",
                "4 demands",
                "5 allocations",
                "6 demands", "6 allocations",
                "7 external_id", "7 allocations", "7 cancel_reason", "7 progress_percent",
            ])
            #expect(error.issues.issues.first { $0.line == 6 && $0.column == "allocations" }?.reason.contains("¥1,000.00") == true)
            // P004 (line 5) already takes D002: P005 may not take it a second time.
            #expect(error.issues.issues.first { $0.line == 6 }?.reason.contains("P004") == true)
            let after = (try await f.count("project"), try await f.count("resource_ledger"), try await f.count("demand_event"), try await f.count("audit_log"))
            #expect(after == before)
            await f.close()
        }
    }
}
