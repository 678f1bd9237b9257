import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct ProjectHistoryFileTests {
    @Test func exportsReadBackAsTheSameRows() throws {
        let milestones = [
            MilestoneImportRow(projectExternalID: "P1", title: "路基, \"一期\"\n完工", dueOn: try CivilDate("2024-04-01"), doneOn: try CivilDate("2024-04-10")),
            MilestoneImportRow(projectExternalID: "P2", title: "开班"),
        ]
        let reports = [
            ProgressReportImportRow(projectExternalID: "P1", reportedOn: try CivilDate("2024-03-01"), percent: 30, note: "开工; 顺利",
                                    attachments: [URL(string: "https://example.org/a.jpg")!, URL(string: "http://example.org/b.pdf")!]),
            ProgressReportImportRow(projectExternalID: "P1", reportedOn: try CivilDate("2024-04-01"), percent: 100),
        ]
        for chinese in [false, true] {
            let m = MilestoneFile.read(MilestoneFile.csv(milestones, chinese: chinese))
            #expect(m.issues.isEmpty)
            #expect(m.rows.map { var row = $0; row.line = 0; return row } == milestones)
            let r = ProgressReportFile.read(ProgressReportFile.csv(reports, chinese: chinese))
            #expect(r.issues.isEmpty)
            #expect(r.rows.map { var row = $0; row.line = 0; return row } == reports)
        }
        #expect(String(decoding: MilestoneFile.csv(milestones, chinese: true), as: UTF8.self).contains("项目编号,里程碑名称,计划日期,完成日期"))
    }

    @Test func reportsEveryProblemOfAProgressFile() throws {
        let csv = """
            项目编号,汇报日期,进度,附件
            P1,2024/3/5,30,https://example.org/a.jpg
            ,2024-03-05,30,
            P1,,30,
            P1,2024-03-05,,
            P1,2024-03-05,-1,
            P1,2024-03-05,40,example.org/a.jpg
            """
        let (rows, issues) = ProgressReportFile.read(Data(csv.utf8))
        #expect(rows.map(\.reportedOn.description) == ["2024-03-05"])
        #expect(issues.issues.map { "\($0.line) \($0.column ?? "")" } == ["3 项目编号", "4 汇报日期", "5 进度", "6 进度", "7 附件"])
    }
}
