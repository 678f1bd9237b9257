import Deliberation
import Foundation
import Registry
import Testing

/// The pure rules: the configured procedure, the exact cost split, and the list settings
/// (`.textList`, the core's kind this module added).
@Suite struct ProcedureTests {
    let procedure = DeliberationModule.defaultProcedure

    @Test func aCaseMovesOneStepForwardNeverSkippingNorBack() throws {
        try procedure.checkMove(from: "征集议题", to: "组织协商")
        try procedure.checkMove(from: "监督执行", to: "反馈评议")
        #expect(procedure.allowedNext(after: "反馈评议").isEmpty && procedure.mayClose(at: "反馈评议"))
        for (from, to) in [("征集议题", "公示结果"), ("组织协商", "征集议题"), ("组织协商", "组织协商"), ("反馈评议", "征集议题")] {
            do {
                try procedure.checkMove(from: from, to: to)
                Issue.record("\(from) → \(to) was allowed")
            } catch let error as RegistryError {
                #expect(error.code == .illegalTransition && error.chineseMessage.contains(from))
            }
        }
        do {
            try procedure.checkMove(from: "征集议题", to: "公示结果")
        } catch let error as RegistryError {
            #expect(error.chineseMessage.contains("「组织协商」") && error.englishMessage.contains("组织协商"))
        }
        #expect(throws: RegistryError.self) { try procedure.checkClose(at: "监督执行") }
        // A case at a step the district has since renamed cannot move on, but may close.
        do {
            try procedure.checkMove(from: "分析研判", to: "组织协商")
            Issue.record("moved from a step no longer named")
        } catch let error as RegistryError {
            #expect(error.chineseMessage.contains("分析研判") && error.chineseMessage.contains("只能办结"))
        }
        try procedure.checkClose(at: "分析研判")
        #expect(throws: RegistryError.self) { try procedure.checkKind("家务事") }
        #expect(throws: RegistryError.self) { try procedure.checkRole("路人") }
    }

    @Test func aCostSplitAddsUpToExactlyOneHundredPercent() throws {
        #expect(throws: RegistryError.self) { try CostSplit(parsing: ["物业企业=50", "居民=40"]) }
        do {
            _ = try CostSplit(parsing: ["物业企业=50", "居民=40"])
        } catch let error as RegistryError {
            #expect(error.chineseMessage.contains("90.00%"))
        }
        let half = try CostSplit(parsing: ["物业企业=50", "居民=50"])
        #expect(half.shares == [CostShare(party: "物业企业", basisPoints: 5000), CostShare(party: "居民", basisPoints: 5000)])
        // Thirds do not divide 100% exactly: the district writes the hundredths it agreed.
        let thirds = try CostSplit(parsing: ["物业企业=33.34", "居民=33.33", "社区=33.33"])
        #expect(thirds.shares.map(\.basisPoints) == [3334, 3333, 3333])
        #expect(try CostSplit(parsing: ["社区=100%"]).shares.map(\.basisPoints) == [10_000])
        for bad in [[], ["物业企业=50", "物业企业=50"], ["物业企业=33.333", "居民=66.667"], ["物业企业=-50", "居民=150"], ["物业企业=0", "居民=100"], ["五五开"]] {
            #expect(throws: RegistryError.self, "\(bad)") { try CostSplit(parsing: bad) }
        }
        #expect(CostSplit.percent(3334) == "33.34%" && CostSplit.percent(50) == "0.50%")
    }

    @Test func listSettingsAreCheckedNamingTheKey() throws {
        let schema = DeliberationModule().settingsSchema
        let defaults = schema.defaults
        #expect(Procedure(defaults) == procedure)
        let fuhua = try schema.validate(Data(#"{"steps": ["问题采集", "分析研判", "上报网格", "联动处理", "结果反馈", "居民评价"], "matter_kinds": [" 楼院事 ", "邻里事"]}"#.utf8))
        #expect(Procedure(fuhua).steps.count == 6 && Procedure(fuhua).kinds == ["楼院事", "邻里事"] && Procedure(fuhua).roles == procedure.roles)
        let refused: [(String, String)] = [
            (#"{"roles": []}"#, "roles"), (#"{"roles": ["居民代表", "居民代表"]}"#, "roles"), (#"{"steps": ["征集议题", " "]}"#, "steps"),
            (#"{"steps": "征集议题"}"#, "steps"), (#"{"matter_kinds": [1, 2]}"#, "matter_kinds"),
            (#"{"steps": ["一个非常非常非常非常非常非常长的步骤名称超过二十个字"]}"#, "steps"),
            (#"{"roles": ["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21"]}"#, "roles"),
        ]
        for (document, key) in refused {
            do {
                _ = try schema.validate(Data(document.utf8))
                Issue.record("accepted \(document)")
            } catch {
                #expect(error.key == key, "\(document): \(error)")
            }
        }
        // The value travels as JSON (stored settings, `module show --json`) and comes back the same.
        let encoded = try JSONEncoder().encode(fuhua)
        #expect(try JSONDecoder().decode(ModuleSettings.self, from: encoded) == fuhua)
    }
}
