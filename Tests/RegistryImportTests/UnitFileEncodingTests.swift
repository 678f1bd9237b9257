import Foundation
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// Every list file reads the same in each encoding districts send (UTF-8 with or without a
/// byte order mark, GB18030) and with either header language.
@Suite struct UnitFileEncodingTests {
    enum Encoding: CaseIterable { case utf8WithBOM, utf8, gb18030 }

    /// The same CSV in `encoding`, with LF instead of CRLF for the plain UTF-8 variant.
    private func encoded(_ csv: Data, _ encoding: Encoding) -> Data {
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        switch encoding {
        case .utf8WithBOM: return csv
        case .utf8: return Data(text.replacingOccurrences(of: "\r\n", with: "\n").utf8)
        case .gb18030: return listsGB18030(text)
        }
    }

    private func unlined<Row>(_ rows: [Row], _ reset: (inout Row) -> Void) -> [Row] {
        rows.map { row in
            var row = row
            reset(&row)
            return row
        }
    }

    @Test(arguments: Encoding.allCases, [false, true])
    func everyListReadsInEveryEncodingAndHeaderLanguage(_ encoding: Encoding, _ chinese: Bool) throws {
        let units = [UnitImportRow(externalID: "U1", name: "县人民医院", kind: .department, contactName: "张三",
                                   contactPhone: try PhoneNumber("13812345678"), address: "滨河路", communityCodes: ["C01", "C02"])]
        let members = [MemberImportRow(externalID: "M1", name: try PersonalName("欧阳娜娜"), idCard: try IDCardNumber("11010519491231002X"),
                                       unitExternalID: "U1", communityCode: "C01", registeredOn: try CivilDate("2024-03-05"))]
        let resources = [ResourceImportRow(externalID: "R1", unitExternalID: "U1", title: "助老志愿服务", category: "elderly_care",
                                           kind: .volunteerHours, capacity: 120, measureUnit: .volunteerHours, serviceAreaCodes: ["C02"],
                                           availableUntil: try CivilDate("2024-12-31"), status: .offered, isPublic: true)]
        let projects = [ProjectImportRow(externalID: "P1", title: "独居老人探访", responsibleUnitExternalID: "U1", demandExternalIDs: ["D1", "D2"],
                                         allocations: [ProjectAllocationRequest(resource: "R1", quantity: "40")], budget: .yuan(1_200),
                                         status: .inProgress, progressPercent: 35)]
        #expect(unlined(try UnitFile.rows(from: encoded(UnitFile.csv(units, chinese: chinese), encoding))) { $0.line = 0 } == units)
        #expect(unlined(try MemberFile.rows(from: encoded(MemberFile.csv(members, chinese: chinese), encoding))) { $0.line = 0 } == members)
        #expect(unlined(try ResourceFile.rows(from: encoded(ResourceFile.csv(resources, chinese: chinese), encoding))) { $0.line = 0 } == resources)
        #expect(unlined(try ProjectFile.rows(from: encoded(ProjectFile.csv(projects, chinese: chinese), encoding))) { $0.line = 0 } == projects)
    }
}
