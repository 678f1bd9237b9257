import Foundation
import Glibc
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// `text` in GB18030, as Chinese Excel saves a CSV (converted with the C library's iconv).
func listsGB18030(_ text: String) -> Data {
    let converter = iconv_open("GB18030", "UTF-8")
    defer { iconv_close(converter) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 16)
    var inputLeft = input.count, outputLeft = output.count
    input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            var from: UnsafeMutablePointer<CChar>? = source.baseAddress
            var to: UnsafeMutablePointer<CChar>? = target.baseAddress
            _ = iconv(converter, &from, &inputLeft, &to, &outputLeft)
        }
    }
    return Data(output.prefix(output.count - outputLeft).map { UInt8(bitPattern: $0) })
}

@Suite struct UnitFileTests {
    @Test func readsEnglishHeadersInUTF8() throws {
        let csv = "external_id,name,kind,contact_name,contact_phone,address,communities\nU001,县人民医院,department,张三,138 1234 5678,,C01;C02\n"
        let rows = try UnitFile.rows(from: Data(csv.utf8))
        #expect(rows.count == 1)
        #expect(rows[0].kind == .department)
        #expect(rows[0].contactPhone?.unmasked == "13812345678")
        #expect(rows[0].communityCodes == ["C01", "C02"])
        #expect(rows[0].address == nil)
        #expect(rows[0].line == 2)
    }

    @Test func readsChineseHeadersInGB18030WithCRLFAndQuotedFields() throws {
        let csv = "单位编号,单位名称,单位类型,联系人,联系电话,地址,包联社区\r\nU002,\"城关小学,南校区\",学校,联络员1,0915-5212345,\"新民街\n12号\",C01、C02\r\n"
        let rows = try UnitFile.rows(from: listsGB18030(csv))
        #expect(rows.map(\.name) == ["城关小学,南校区"])
        #expect(rows[0].kind == .school)
        #expect(rows[0].contactName == "联络员1")
        #expect(rows[0].address == "新民街\n12号")
        #expect(rows[0].communityCodes == ["C01", "C02"])
    }

    @Test func readsUTF8WithAByteOrderMark() throws {
        let csv = "\u{FEFF}编号,名称,类型\nU003,红十字会,社会组织\n"
        #expect(try UnitFile.rows(from: Data(csv.utf8)).map(\.kind) == [.socialOrganisation])
    }

    @Test func reportsEveryProblemAndNeverRepeatsPersonalData() throws {
        let csv = "external_id,name,kind,contact_phone\nU1,,department,\nU2,b,nonsense,\nU3,c,school,98765\nU4,d,other,13812345678\n"
        let error = try #require(throws: ImportRejected.self) { try UnitFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map(\.line) == [2, 3, 4])
        #expect(error.issues.issues.map(\.column) == ["name", "kind", "contact_phone"])
        #expect(error.issues.issues[2].value == nil)
        #expect(!error.description.contains("98765"))
    }

    @Test func anExportReadsBackAsTheSameRows() throws {
        let rows = [
            UnitImportRow(externalID: "U1", name: "县\"人民\"医院, 总院", kind: .department, contactName: "欧阳娜娜",
                          contactPhone: try PhoneNumber("13812345678"), address: "滨河路 1 号", communityCodes: ["C01", "C02"]),
            UnitImportRow(externalID: "U2", name: "安居物业", kind: .propertyCompany),
        ]
        for chinese in [false, true] {
            let back = try UnitFile.rows(from: UnitFile.csv(rows, chinese: chinese)).map { row in
                var row = row
                row.line = 0
                return row
            }
            #expect(back == rows)
        }
    }
}
