import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct MemberFileTests {
    @Test func readsChineseHeadersAndEveryDateForm() throws {
        let csv = """
            人员编号,姓名,手机号,身份证号,报到单位编号,报到社区编码,报到日期
            M1,张三,13812345678,11010519491231002x,U001,C01,2024年3月5日
            M2,欧阳娜娜,,,U001,C02,2024/3/5
            M3,李四,,,U002,C01,2024.3.5
            """
        let rows = try MemberFile.rows(from: listsGB18030(csv))
        #expect(rows.map(\.externalID) == ["M1", "M2", "M3"])
        #expect(rows.map(\.registeredOn.description) == ["2024-03-05", "2024-03-05", "2024-03-05"])
        #expect(rows[0].idCard?.unmasked == "11010519491231002X")
        #expect(rows[1].name.masked == "欧阳**")
    }

    @Test func personalDataIsCheckedAndNeverEchoed() throws {
        let csv = """
            external_id,name,phone,id_card,unit_external_id,community_code,registered_on
            M1,张三3,13812345678,,U1,C1,2024-03-05
            M2,李四,,110105194912310021,U1,C1,2024-03-05
            M3,王五,1381234,,U1,C1,2024-02-30
            M4,赵六,,,U1,C1,
            M5,钱七,,,U1,C1,2099-03-05
            """
        let error = try #require(throws: ImportRejected.self) { try MemberFile.rows(from: Data(csv.utf8)) }
        let issues = error.issues.issues
        #expect(issues.map(\.line) == [2, 3, 4, 4, 5, 6])
        #expect(issues.map(\.column) == ["name", "id_card", "phone", "registered_on", "registered_on", "registered_on"])
        #expect(issues[1].reason.contains("校验位"))
        for secret in ["张三3", "110105194912310021", "1381234"] { #expect(!error.description.contains(secret)) }
    }

    @Test func anExportReadsBackAsTheSameRows() throws {
        let rows = [
            MemberImportRow(externalID: "M1", name: try PersonalName("张三"), phone: try PhoneNumber("13812345678"),
                            idCard: try IDCardNumber("11010519491231002X"), unitExternalID: "U1", communityCode: "C01",
                            registeredOn: try CivilDate("2024-03-05")),
        ]
        for chinese in [false, true] {
            #expect(try MemberFile.rows(from: MemberFile.csv(rows, chinese: chinese)).map { var row = $0; row.line = 0; return row } == rows)
        }
    }
}
