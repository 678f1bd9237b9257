import Foundation
import GovregTestSupport
import ImportIssues
import Postgres
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// The milestone and progress files: matched rows, refused histories, stand-in reports.
@Suite struct ProjectHistoryImportTests {
    private let projects = "项目编号,项目名称,责任单位编号,对应需求编号,资源分配,状态,进度\n"
        + "P001,修路项目,U001,D001,R001:5000,实施中,60\nP002,助老项目,U002,D002,,计划,0\n"

    private func milestones(_ f: ProjectFixture, _ csv: String, dryRun: Bool = false) async throws -> ImportSummary {
        let (rows, issues) = MilestoneFile.read(ProjectFixture.gb18030(csv))
        return try await MilestoneStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    private func progress(_ f: ProjectFixture, _ csv: String, dryRun: Bool = false) async throws -> ImportSummary {
        let (rows, issues) = ProgressReportFile.read(ProjectFixture.gb18030(csv))
        return try await ProgressReportStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor, dryRun: dryRun)
    }

    private func loadProjects(_ f: ProjectFixture) async throws {
        let (rows, issues) = ProjectFile.read(ProjectFixture.gb18030(projects))
        #expect(try await ProjectStore.importRows(rows, issues: issues, on: f.database, tenant: f.tenant, actor: f.actor) == ImportSummary(inserted: 2))
    }

    @Test func milestonesAreMatchedByProjectAndTitle() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            try await loadProjects(f)
            let file = "项目编号,里程碑名称,计划日期,完成日期\nP001,路基,2024-04-01,2024-04-10\nP001,路面,2024-05-01,\nP002,招募志愿者,,\n"
            #expect(try await milestones(f, file, dryRun: true) == ImportSummary(inserted: 3))
            #expect(try await f.count("project_milestone") == 0)
            #expect(try await milestones(f, file) == ImportSummary(inserted: 3))
            #expect(try await milestones(f, file) == ImportSummary(unchanged: 3))
            // A new planned day updates; a blank done day never un-reaches 路基.
            let moved = file.replacingOccurrences(of: "2024-05-01", with: "2024-05-15").replacingOccurrences(of: "2024-04-10", with: "")
            #expect(try await milestones(f, moved) == ImportSummary(updated: 1, unchanged: 2))
            let shown = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }.milestones
            #expect(shown.map { "\($0.title) \($0.dueOn?.description ?? "-") \($0.doneOn?.description ?? "-")" }
                == ["路基 2024-04-01 2024-04-10", "路面 2024-05-15 -"])

            let audit = try await f.count("audit_log")
            let error = try await #require(throws: ImportRejected.self) {
                try await milestones(f, "项目编号,里程碑名称,计划日期,完成日期\nP009,路基,,\nP001,验收,2024-13-01,\nP001,新节点,,2099-01-01\n")
            }
            #expect(error.issues.inFileOrder().issues.map { "\($0.line) \($0.column ?? "")" } == ["2 project_external_id", "3 计划日期", "4 done_on"])
            #expect(try await f.count("project_milestone") == 3)
            #expect(try await f.count("audit_log") == audit)
            await f.close()
        }
    }

    @Test func twoMilestonesOfOneTitleExportAndImportUnchanged() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            try await loadProjects(f)
            for due in ["2024-05-01", "2024-08-01"] {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.addMilestone("P001", title: "阶段验收", dueOn: try CivilDate(due), in: tx) }
            }
            let exported = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MilestoneStore.exportRows(in: tx) }
            #expect(exported.map(\.dueOn?.description) == ["2024-05-01", "2024-08-01"])
            #expect(try await MilestoneStore.importRows(exported, on: f.database, tenant: f.tenant, actor: f.actor) == ImportSummary(unchanged: 2))
            // The second of the file meets the second stored one.
            var moved = exported
            moved[1].doneOn = try CivilDate("2024-08-03")
            #expect(try await MilestoneStore.importRows(moved, on: f.database, tenant: f.tenant, actor: f.actor) == ImportSummary(updated: 1, unchanged: 1))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MilestoneStore.exportRows(in: tx) } == moved)
            await f.close()
        }
    }

    @Test func filedReportsReplaceTheProjectFilesStandInAndNeverGoBack() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            try await loadProjects(f)
            func reports() async throws -> [String] {
                try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }.progress.map { "\($0.reportedOn) \($0.percent) \($0.note ?? "-")" }
            }
            // The project file's 60% is one report dated today, standing in for the history.
            #expect(try await reports().map { $0.hasSuffix(" 60 导入 import") } == [true])
            let file = "项目编号,汇报日期,进度,进展情况,附件\n"
                + "P001,2024-03-01,30,开工,https://example.org/a.jpg;http://example.org/b.pdf\nP001,2024年4月1日,60,过半,\n"
            #expect(try await progress(f, file, dryRun: true) == ImportSummary(inserted: 2, replaced: 1))
            #expect(try await reports().count == 1)
            #expect(try await progress(f, file) == ImportSummary(inserted: 2, replaced: 1))
            #expect(try await reports() == ["2024-03-01 30 开工", "2024-04-01 60 过半"])
            #expect(try await progress(f, file) == ImportSummary(unchanged: 2))
            // A new note updates in place; a later, higher report raises the percentage.
            let later = file.replacingOccurrences(of: "过半", with: "路面过半") + "P001,2024-05-01,75,,\n"
            #expect(try await progress(f, later) == ImportSummary(inserted: 1, updated: 1, unchanged: 1))
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }.project.progressPercent == 75)

            let before = (try await reports(), try await f.count("audit_log"))
            let error = try await #require(throws: ImportRejected.self) {
                try await progress(f, "project_external_id,reported_on,percent,attachments\n"
                    + "P001,2024-06-01,50,\nP002,2024-06-01,10,\nP009,2024-06-01,10,\nP001,,101,ftp://x\nP001,2099-06-01,90,\n")
            }
            let issues = error.issues.inFileOrder().issues
            #expect(issues.map { "\($0.line) \($0.column ?? "")" }
                == ["2 percent", "3 project_external_id", "4 project_external_id", "5 attachments", "5 percent", "5 reported_on", "6 reported_on"])
            // Line 2 goes back from 75% on 2024-05-01, which is stored.
            #expect(issues.first?.reason.contains("2024-05-01") == true)
            #expect((try await reports(), try await f.count("audit_log")) == before)
            await f.close()
        }
    }

    @Test func aStandInStaysUntilTheFiledHistoryReachesIt() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            try await loadProjects(f)
            // Only an early report: the 60% of the project file still stands.
            #expect(try await progress(f, "项目编号,汇报日期,进度\nP001,2024-03-01,30\n") == ImportSummary(inserted: 1))
            let kept = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }.progress
            #expect(kept.map(\.percent) == [30, 60])
            #expect(kept.last?.note == "导入 import")
            // Two reports of one day are read in the order the file gives them: never lower.
            let lower = try await #require(throws: ImportRejected.self) {
                try await progress(f, "项目编号,汇报日期,进度\nP001,2024-03-01,30\nP001,2024-05-01,70\nP001,2024-05-01,65\n")
            }
            #expect(lower.issues.issues.map { "\($0.line) \($0.value ?? "")" } == ["4 65"])
            #expect(try await progress(f, "项目编号,汇报日期,进度\nP001,2024-03-01,30\nP001,2024-05-01,65\nP001,2024-05-01,70\n")
                == ImportSummary(inserted: 2, unchanged: 1, replaced: 1))
            let shown = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show("P001", in: tx) }
            #expect(shown.progress.map(\.percent) == [30, 65, 70])
            #expect(shown.project.progressPercent == 70)
            // The database keeps the order too, whoever writes.
            let refused = await #expect(throws: PostgresError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                    let project = try await tx.connection.query("SELECT id FROM project WHERE tenant_id = \(f.tenant) AND external_id = 'P001'")[0]
                        .decode(Int64.self, "id")
                    try await tx.connection.execute("""
                        INSERT INTO project_progress (tenant_id, project_id, reported_on, percent)
                        VALUES (\(f.tenant), \(project), '2024-04-01', 80)
                        """)
                }
            }
            #expect(refused?.sqlState == "23514")
            // Completion and check days go with their statuses, in order.
            for change in ["completed_on = '2024-05-01'", "status = 'checked', checked_on = '2024-05-01', completed_on = '2024-05-02'"] {
                let wrong = await #expect(throws: PostgresError.self) {
                    try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                        try await tx.connection.execute("UPDATE project SET \(unsafeRaw: change) WHERE tenant_id = \(f.tenant) AND external_id = 'P001'")
                    }
                }
                #expect(wrong?.sqlState == "23514", "\(change)")
            }
            // Nor does a report come from a day still ahead.
            await #expect(throws: InvalidFields.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report("P001", percent: 90, on: try CivilDate("2099-01-01"), in: tx) }
            }
            await f.close()
        }
    }
}
