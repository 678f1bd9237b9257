import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct ProjectFileTests {
    @Test func readsTheContractsChineseStatusesAndAllocations() throws {
        let csv = """
            项目编号,项目名称,责任单位编号,对应需求编号,资源分配,预算,开始日期,完成时限,状态,进度,是否公示
            P1,修路,U1,D1;D2,R1:5000;R2：12,5000,2024-03-01,2024-05-31,计划,0,是
            P2,助老,U2,D3、D4,,,,,已完成,100,否
            P3,托管,U2,D5,,,,,实施中,35,
            """
        let rows = try ProjectFile.rows(from: listsGB18030(csv))
        #expect(rows.map(\.status) == [.planned, .completed, .inProgress])
        #expect(rows[0].demandExternalIDs == ["D1", "D2"])
        #expect(rows[0].allocations == [ProjectAllocationRequest(resource: "R1", quantity: "5000"), ProjectAllocationRequest(resource: "R2", quantity: "12")])
        #expect(rows[0].budget == .yuan(5_000))
        #expect(rows[1].demandExternalIDs == ["D3", "D4"])
        #expect(rows.map(\.progressPercent) == [0, 100, 35])
    }

    @Test func reportsEveryProblem() throws {
        let csv = """
            external_id,title,responsible_unit_external_id,demand_external_ids,allocations,status,progress_percent,starts_on,due_on
            P1,a,U1,,,,,,
            P2,b,U1,D1,R1,,,,
            P3,c,U1,D1,,started,,,
            P4,d,U1,D1,,,101,,
            P5,e,U1,D1,,,,2024-05-01,2024-04-01
            """
        let error = try #require(throws: ImportRejected.self) { try ProjectFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map(\.line) == [2, 3, 4, 5, 6])
        #expect(error.issues.issues.map(\.column) == ["demand_external_ids", "allocations", "status", "progress_percent", "due_on"])
    }

    @Test func daysAndReasonsOnlyWhereTheStatusHasThem() throws {
        let csv = """
            external_id,title,responsible_unit_external_id,demand_external_ids,status,completed_on,checked_on,cancel_reason
            P1,a,U1,D1,planned,2024-05-01,,
            P2,b,U1,D1,completed,2024-05-01,2024-05-02,
            P3,c,U1,D1,checked,2024-05-03,2024-05-02,
            P4,d,U1,D1,in_progress,,,太贵
            P5,e,U1,D1,cancelled,,,太贵
            """
        let error = try #require(throws: ImportRejected.self) { try ProjectFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map { "\($0.line) \($0.column ?? "")" } == ["2 completed_on", "3 checked_on", "4 checked_on", "5 cancel_reason"])
        let (rows, _) = ProjectFile.read(Data(csv.utf8))
        #expect(rows.map(\.externalID) == ["P5"])
        #expect(rows.first?.cancelReason == "太贵")
    }

    @Test func anExportReadsBackAsTheSameRows() throws {
        let rows = [
            ProjectImportRow(externalID: "P1", title: "修路", description: "一期", responsibleUnitExternalID: "U1", demandExternalIDs: ["D1", "D2"],
                             allocations: [ProjectAllocationRequest(resource: "R1", quantity: "5000.50")], budget: Money(fen: 500_050),
                             startsOn: try CivilDate("2024-03-01"), dueOn: try CivilDate("2024-05-31"), status: .checked,
                             progressPercent: 100, isPublic: true, publishedOn: try CivilDate("2024-03-02"),
                             completedOn: try CivilDate("2024-05-20"), checkedOn: try CivilDate("2024-05-28")),
            ProjectImportRow(externalID: "P2", title: "助老", responsibleUnitExternalID: "U1", demandExternalIDs: ["D3"],
                             status: .cancelled, cancelReason: "志愿者不足, \"改期\""),
        ]
        for chinese in [false, true] {
            #expect(try ProjectFile.rows(from: ProjectFile.csv(rows, chinese: chinese)).map { var row = $0; row.line = 0; return row } == rows)
        }
    }
}
