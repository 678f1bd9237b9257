import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

@Suite struct OrgUnitFileTests {
    @Test func readsChineseHeadersAndKinds() throws {
        let csv = "编码,名称,类型,上级编码,生效日期\r\nS1,城关镇,镇,,2024年1月1日\r\nC1,\"滨河社区, 一区\",community,S1,2024/3/5\r\n"
        let rows = try OrgUnitFile.rows(from: Data(csv.utf8))
        #expect(rows.map(\.code) == ["S1", "C1"])
        #expect(rows[0].kind == .town)
        #expect(rows[0].parentCode == nil)
        #expect(rows[1].name == "滨河社区, 一区")
        #expect(rows[1].parentCode == "S1")
        #expect(rows[1].validFrom?.description == "2024-03-05")
        #expect(rows[1].line == 3)
    }

    @Test func reportsEveryProblemWithItsLine() throws {
        let csv = "code,name,kind\nA,,street\nB,b,nonsense\nC,c,grid\nD,d,2024\n"
        let error = try #require(throws: ImportRejected.self) { try OrgUnitFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map(\.line) == [2, 3, 5])
        #expect(error.issues.issues[1].column == "kind")
    }
}
