import Foundation
import ImportIssues
import Registry
import RegistryImport
import RegistryStore
import SpreadsheetCSV
import Testing

/// A demand file as a district writes it: quoted commas and line breaks, Chinese values,
/// several date and amount forms, blank optional cells.
let demandSampleCSV = """
    external_id,title,description,category,org_code,source_channel,quantity,measure_unit,priority,beneficiaries,due_on,state,filed_on,is_public,published_on\r
    D001,楼道灯不亮,"3号楼, 2单元",housing_repair,G11,网格上报,1,job,4,12,2024/6/30,,2024-03-05,是,2024-03-10\r
    D002,路面破损,,道路交通,G21,door_to_door,"¥1,234.50",元,,,,submitted,2024年4月1日,no,\r
    D003,老年日间照料,"需要
    两名护工",elderly_care,C3,板凳会,40,志愿服务时长,5,30,,draft,,,\r

    """

/// The same file with the Chinese header.
let demandSampleCSVChinese = demandSampleCSV.replacingOccurrences(
    of: "external_id,title,description,category,org_code,source_channel,quantity,measure_unit,priority,beneficiaries,due_on,state,filed_on,is_public,published_on",
    with: "需求编号,需求名称,需求描述,类别,所在组织编码,来源渠道,数量（元）,计量单位,优先级,受益人数,完成时限,状态,提出日期,是否公示,公示日期")

/// `text` in GB18030, as Chinese Excel saves CSV, converted by the system's iconv.
func gb18030(_ text: String) throws -> Data {
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

extension DemandFixture {
    /// Imports `data` as a demand file, with the channels of the core and the fixture's module;
    /// returns its counts (the import's record is ImportAuditTests' concern).
    func importFile(_ data: Data, dryRun: Bool = false) async throws -> DemandImportSummary {
        var file = DemandFile(data: data, channels: database.modules.sourceChannels)
        var summary = try await DemandStore.importRows(&file, on: database, tenant: tenant, actor: actor, dryRun: dryRun)
        #expect(summary.importID != nil || dryRun)
        summary.importID = nil
        return summary
    }
}

@Suite struct DemandStoreImportTests {
    @Test func importsEveryEncodingAndHeaderLanguageToTheSameRows() async throws {
        try await DemandFixture.with { f in
            let first = try await f.importFile(Data(demandSampleCSV.utf8))
            #expect(first == DemandImportSummary(inserted: 3))
            #expect(try await f.states() == ["D001": .accepted, "D002": .submitted, "D003": .draft])
            let variants: [(String, Data)] = [
                ("UTF-8 with BOM", Data([0xEF, 0xBB, 0xBF] + Array(demandSampleCSV.utf8))),
                ("GB18030", try gb18030(demandSampleCSV)),
                ("Chinese header", Data(demandSampleCSVChinese.utf8)),
                ("Chinese header, GB18030", try gb18030(demandSampleCSVChinese)),
            ]
            for (name, data) in variants {
                #expect(DemandFile(data: data).encoding.description.hasPrefix(name.contains("GB") ? "GB18030" : "UTF-8"))
                #expect(try await f.importFile(data) == DemandImportSummary(unchanged: 3), "\(name)")
            }
            let page = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items
            let road = try #require(page.first { $0.externalID == "D002" })
            #expect(try road.quantity == Quantity(123_450, .yuan) && road.category == "roads" && road.filedOn.description == "2024-04-01")
            let care = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(try #require(page.first { $0.externalID == "D003" }).id, in: tx) }
            #expect(care.demand.details == "需要\n两名护工" && care.demand.sourceChannel == TalkIntakeModule.channel.channel)
            #expect(try care.demand.quantity == Quantity(40, .volunteerHours) && care.demand.priority == Priority(5))
            let lamp = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(try #require(page.first { $0.externalID == "D001" }).id, in: tx) }
            #expect(lamp.demand.isPublic && lamp.demand.publishedOn?.description == "2024-03-10")
            #expect(lamp.demand.dueOn?.description == "2024-06-30" && lamp.demand.beneficiaries == 12)
            // An import records no workflow event: its record and the row's tag tell the arrival.
            #expect(lamp.history.isEmpty)
        }
    }

    @Test func errorsInSeveralRowsLeaveTheDatabaseUnchangedAndAreAllNamed() async throws {
        try await DemandFixture.with { f in
            let csv = """
                需求编号,需求名称,类别,组织编码,数量,单位,提出日期,状态
                D001,好的一行,roads,G11,1,job,2024-03-05,
                D002,未知类别,没有的类别,G11,1,job,,
                D003,,roads,G11,0,job,2024-02-30,
                D004,未知组织,roads,X99,2,件,,
                D001,重复编号,roads,X97,1,job,,
                D006,已评价,roads,G11,1,job,,已评价
                D007,两处错误,没有的类别,X98,-1,job,,
                D008,来自未来,roads,G11,1,job,2099-01-01,
                """
            let auditBefore = try await f.total("audit_log")
            let rejected = try await #require(throws: ImportRejected.self) { try await f.importFile(Data(csv.utf8)) }
            let found = rejected.issues.issues.map { "\($0.line) \($0.column ?? "")" }
            // Line 8's unknown category and org code are named with its bad quantity, all at once;
            // within a line, the values that cannot be read come before the demand's rules.
            #expect(found == ["3 类别", "4 数量", "4 提出日期", "4 需求名称", "5 组织编码", "6 需求编号", "6 组织编码", "7 状态", "8 数量", "8 类别", "8 组织编码", "9 提出日期"])
            #expect(rejected.issues.totalCount == 12)
            #expect(rejected.issues.issues[0].value == "没有的类别")
            #expect(rejected.issues.issues[5].reason.contains("first on line 2"))
            #expect(try await f.total("demand") == 0)
            #expect(try await f.total("audit_log") == auditBefore)
            // The dry run finds the same problems.
            await #expect(throws: ImportRejected.self) { try await f.importFile(Data(csv.utf8), dryRun: true) }
        }
    }

    /// A misspelt category or header is named with what it most likely means.
    @Test func aNearMissSaysWhatItMostLikelyMeans() async throws {
        try await DemandFixture.with { f in
            let csv = "需求编号,需求明称,类别,组织编码,数量,单位\nD001,路灯,房屋修善,G11,1,job\n"
            let rejected = try await #require(throws: ImportRejected.self) { try await f.importFile(Data(csv.utf8)) }
            let reasons = rejected.issues.issues.map(\.reason)
            #expect(reasons.contains { $0.contains("did you mean 需求名称 (title)?") }, "\(reasons)")
            let fixedHeader = csv.replacingOccurrences(of: "需求明称", with: "需求名称")
            let category = try await #require(throws: ImportRejected.self) { try await f.importFile(Data(fixedHeader.utf8)) }
            #expect(category.issues.issues.map(\.reason).contains { $0.contains("did you mean 房屋修缮?") }, "\(category.issues.issues)")
        }
    }

    @Test func reimportChangesNothingAndAnEditedRowUpdatesInPlace() async throws {
        try await DemandFixture.with { f in
            #expect(try await f.importFile(Data(demandSampleCSV.utf8), dryRun: true) == DemandImportSummary(inserted: 3, dryRun: true))
            #expect(try await f.total("demand") == 0)
            #expect(try await f.importFile(Data(demandSampleCSV.utf8)) == DemandImportSummary(inserted: 3))
            let ids = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items.map(\.id)
            let audit = try await f.total("audit_log")
            #expect(try await f.importFile(Data(demandSampleCSV.utf8)) == DemandImportSummary(unchanged: 3))
            #expect(try await f.total("audit_log") == audit)

            let edited = demandSampleCSV.replacingOccurrences(of: "路面破损", with: "路面破损（已扩大）")
            #expect(try await f.importFile(Data(edited.utf8), dryRun: true) == DemandImportSummary(updated: 1, unchanged: 2, dryRun: true))
            #expect(try await f.importFile(Data(edited.utf8)) == DemandImportSummary(updated: 1, unchanged: 2))
            let after = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items
            #expect(after.map(\.id) == ids)
            #expect(after.first { $0.externalID == "D002" }?.title == "路面破损（已扩大）")
            #expect(try await f.total("audit_log") == audit + 1)
        }
    }

    @Test func aStoredDemandKeepsTheStateItsWorkflowGaveIt() async throws {
        try await DemandFixture.with { f in
            _ = try await f.importFile(Data(demandSampleCSV.utf8))
            let road = try #require(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.list(in: tx) }.items.first { $0.externalID == "D002" })
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(road.id, to: .accepted, visibility: .public, in: tx) }
            let again = try await f.importFile(Data(demandSampleCSV.utf8))
            #expect(again == DemandImportSummary(unchanged: 3, statesKept: 1))
            #expect(try await f.states()["D002"] == .accepted)
        }
    }
}
