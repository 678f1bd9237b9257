import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// `text` in GB18030, as Chinese Excel saves CSV, converted by the system's iconv.
private func gb18030(_ text: String) throws -> Data {
    let folder = FileManager.default.temporaryDirectory.appending(path: "gb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appending(path: "in.csv"), output = folder.appending(path: "out.csv")
    try Data(text.utf8).write(to: input)
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/iconv")
    process.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", output.path, input.path]
    try process.run()
    process.waitUntilExit()
    return try Data(contentsOf: output)
}

@Suite struct DemandFileTests {
    static let chinese = """
        需求编号,需求名称,需求描述,需求类别,社区编码,来源,需求数量（元）,计量单位,优先级,受益人数,截止日期,状态,登记日期,公示,公示日期\r
        D1,"修缮""幸福""小区","一期,二期",房屋修缮,C1,12345热线,"¥1,234.5",元,5,１２,2024年3月5日,已列入清单,2024/3/5,是,2024.3.6\r
        D2, 路灯 ,,roads,G11,Door-to-door visit,３,项,,,,in project,,否,\r

        """

    @Test func readsChineseHeadersAndEveryValueForm() throws {
        let rows = try DemandFile.rows(from: Data(Self.chinese.utf8))
        #expect(rows.count == 2)
        let first = rows[0]
        #expect(first.line == 2 && first.externalID == "D1" && first.title == "修缮\"幸福\"小区" && first.details == "一期,二期")
        #expect(first.category == "房屋修缮" && first.orgCode == "C1" && first.sourceChannel == .hotline12345)
        #expect(try first.quantity == Quantity(123_450, .yuan) && first.priority == Priority(5) && first.beneficiaries == 12)
        #expect(first.dueOn?.description == "2024-03-05" && first.filedOn?.description == "2024-03-05")
        #expect(first.publishedOn?.description == "2024-03-06" && first.isPublic && first.state == .accepted)
        let second = rows[1]
        #expect(try second.title == "路灯" && second.sourceChannel == .doorToDoor && second.quantity == Quantity(3, .job))
        #expect(second.priority == .normal && second.state == .inProject && !second.isPublic && second.dueOn == nil)
    }

    @Test func readsEveryEncodingAlike() throws {
        let utf8 = try DemandFile.rows(from: Data(Self.chinese.utf8))
        let bom = Data([0xEF, 0xBB, 0xBF] + Array(Self.chinese.utf8))
        #expect(try DemandFile.rows(from: bom) == utf8)
        let gb = try gb18030(Self.chinese)
        #expect(DemandFile(data: gb).encoding == .gb18030)
        #expect(try DemandFile.rows(from: gb) == utf8)
    }

    @Test func optionalColumnsMayBeLeftOut() throws {
        let csv = "external_id,title,category,org_code,quantity,measure_unit\nD1,路面破损,roads,G21,1500.05,yuan\n"
        let row = try #require(try DemandFile.rows(from: Data(csv.utf8)).first)
        #expect(try row.quantity == Quantity(150_005, .yuan) && row.sourceChannel == .other && row.priority == .normal)
        #expect(row.state == nil && row.filedOn == nil && !row.isPublic && row.details == nil)
    }

    @Test func namesEveryProblemWithLineColumnValueAndReason() throws {
        let csv = """
            external_id,title,category,org_code,quantity,measure_unit,priority,due_on,source_channel,is_public
            D1,,roads,G1,1,job,3,,,
            D2,ok,roads,G1,1.5,job,9,2024-13-01,,
            D3,ok,roads,G1,-3,miles,,2024/2/30,pigeon,maybe
            D4,\(String(repeating: "长", count: 201)),roads,,1,job,,,,
            """
        let rejected = try #require(throws: ImportRejected.self) { try DemandFile.rows(from: Data(csv.utf8)) }
        let found = rejected.issues.issues.map { "\($0.line) \($0.column ?? "") \($0.value ?? "")" }
        #expect(found == [
            "2 title ", "3 quantity 1.5", "3 priority 9", "3 due_on 2024-13-01", "4 source_channel pigeon",
            "4 measure_unit miles", "4 due_on 2024/2/30", "4 is_public maybe",
            "5 title \(String(repeating: "长", count: 40))…", "5 org_code ",
        ])
        #expect(rejected.issues.issues[5].reason.contains("yuan (元)"))
        #expect(rejected.issues.issues[8].reason.contains("201"))
    }

    @Test func levelsAreReadWithTheirRules() throws {
        let csv = """
            需求编号,需求名称,类别,组织编码,数量,计量单位,状态,层级,办结层级
            D1,已在社区办结,roads,G11,1,job,已解决,社区,社区
            D2,未办结却有办结层级,roads,G11,1,job,已列入清单,社区,网格
            D3,办结层级高于上报层级,roads,G11,1,job,已解决,网格,街道
            D4,不认识的层级,roads,G11,1,job,,省,
            """
        let error = try #require(throws: ImportRejected.self) { try DemandFile.rows(from: Data(csv.utf8)) }
        #expect(error.issues.issues.map { "\($0.line) \($0.column ?? "")" } == ["3 办结层级", "4 办结层级", "5 层级"])
        var file = DemandFile(data: Data(csv.utf8))
        let next = file.next()
        let first = try #require(next)
        #expect(first.escalationLevel == .community && first.settledLevel == .community)
    }

    @Test func aMissingRequiredColumnIsOneProblemNotOnePerRow() throws {
        let csv = "external_id,title,category,quantity,measure_unit,colour\nD1,a,roads,1,job,red\nD2,b,roads,1,job,blue\n"
        let rejected = try #require(throws: ImportRejected.self) { try DemandFile.rows(from: Data(csv.utf8)) }
        #expect(rejected.issues.issues.map(\.line) == [1, 1])
        #expect(rejected.issues.issues.map(\.column) == ["colour", "所在组织编码"])
    }

    @Test func theExportFileWritesTheColumnsTheImportReads() throws {
        for chinese in [false, true] {
            let text = String(decoding: DemandExportFile(chinese: chinese).header, as: UTF8.self)
            #expect(text.hasPrefix(chinese ? "\u{FEFF}需求编号,需求名称" : "\u{FEFF}external_id,title"))
            let cells = text.dropFirst().trimmingCharacters(in: .newlines).split(separator: ",").map(String.init)
            #expect(cells.map { DemandFile.header.fieldName(for: $0) } == DemandFile.header.fields.map(\.name))
        }
        #expect(try DemandExportFile.amount(Quantity(1_230, .yuan)) == "12.30")
        #expect(try DemandExportFile.amount(Quantity(5, .yuan)) == "0.05")
        #expect(try DemandExportFile.amount(Quantity(40, .volunteerHours)) == "40")
    }

    /// A file that cannot be decoded is refused for that alone, at its line: not also "empty"
    /// and "a column is missing".
    @Test func undecodableTextIsTheOneProblem() throws {
        let gb: [UInt8] = [0xB1, 0xB1, 0xC3, 0xC5, 0xC9, 0xE7, 0xC7, 0xF8]   // 北门社区 in GB18030
        let csv = Array("\u{FEFF}external_id,title,category,org_code,quantity,measure_unit\nD1,北门路灯,roads,C1,1,job\nD2,".utf8)
            + gb + Array(",roads,C1,1,job\n".utf8)
        let rejected = try #require(throws: ImportRejected.self) { try DemandFile.rows(from: Data(csv)) }
        #expect(rejected.issues.issues.map(\.line) == [3])
    }
}
