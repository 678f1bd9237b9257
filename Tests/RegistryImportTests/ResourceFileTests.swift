import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct ResourceFileTests {
    @Test func readsCapacityInTheRowsUnit() throws {
        let csv = """
            资源编号,单位编号,资源名称,类别,资源类型,数量（元）,计量单位,单价,服务范围,开始日期,结束日期,是否公示
            R1,U1,道路维修资金,roads,资金,"¥1,500.50",元,,C01；C02,2024-01-01,2024年12月31日,是
            R2,U2,助老志愿服务,养老服务,volunteer_hours,40,志愿服务时长,25,,,,否
            """
        let rows = try ResourceFile.rows(from: Data(csv.utf8))
        #expect(rows.map(\.capacity) == [150_050, 40])
        #expect(rows.map(\.measureUnit) == [.yuan, .volunteerHours])
        #expect(rows[0].serviceAreaCodes == ["C01", "C02"])
        #expect(rows[0].availableUntil?.description == "2024-12-31")
        #expect(rows[0].status == .available)
        #expect(rows.map(\.isPublic) == [true, false])
        #expect(rows[1].unitCost == .yuan(25))
        #expect(rows[1].category == "养老服务")
    }

    @Test func reportsEveryProblem() throws {
        let csv = """
            external_id,unit_external_id,title,category,kind,capacity,measure_unit,available_from,available_until,status
            R1,U1,a,roads,funds,0,yuan,,,
            R2,U1,b,roads,jobs,1.5,job,,,
            R3,U1,c,roads,venue,3,sessions,2024-05-01,2024-04-01,
            R4,U1,d,roads,venue,3,hours,,,available
            R5,U1,e,roads,venue,3,sessions,,,gone
            """
        let error = try #require(throws: ImportRejected.self) { try ResourceFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map(\.line) == [2, 3, 4, 5, 6])
        #expect(error.issues.issues.map(\.column) == ["capacity", "capacity", "available_until", "measure_unit", "status"])
    }

    @Test func anExportReadsBackAsTheSameRows() throws {
        let rows = [
            ResourceImportRow(externalID: "R1", unitExternalID: "U1", title: "资金", description: "多行\n说明", category: "roads", kind: .funds,
                              capacity: 150_050, measureUnit: .yuan, unitCost: Money(fen: 1_050), serviceAreaCodes: ["C01"],
                              availableFrom: try CivilDate("2024-01-01"), status: .withdrawn, isPublic: true, publishedOn: try CivilDate("2024-02-01")),
            ResourceImportRow(externalID: "R2", unitExternalID: "U2", title: "志愿", category: "elderly_care", kind: .volunteerHours,
                              capacity: 40, measureUnit: .volunteerHours, status: .offered),
        ]
        for chinese in [false, true] {
            #expect(try ResourceFile.rows(from: ResourceFile.csv(rows, chinese: chinese)).map { var row = $0; row.line = 0; return row } == rows)
        }
    }
}
