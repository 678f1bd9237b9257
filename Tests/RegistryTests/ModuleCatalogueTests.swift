import Foundation
import Registry
import Testing

/// A module as tests need one: an id, a version, settings.
struct SampleModule: GovernanceModule {
    var id: ModuleID
    var version = SemanticVersion(1, 0, 0)
    var compatibleCore = SemanticVersion(0, 1, 0)...SemanticVersion(0, 9, 0)
    var chineseName = "示例"
    var englishName = "Sample"
    var summary = "A module for tests."
    var settingsSchema = ModuleSettingsSchema([
        SettingField(key: "local_name", chineseName: "本地名称", englishName: "local name", kind: .text(maxLength: 10), default: .text("板凳会")),
        SettingField(key: "deadline_days", chineseName: "时限", englishName: "deadline", kind: .integer(1...90), default: .integer(7)),
        SettingField(key: "strict", chineseName: "严格", englishName: "strict", kind: .boolean, default: .boolean(false)),
        SettingField(key: "mode", chineseName: "方式", englishName: "mode", kind: .choice(["prefer", "require"]), default: .text("prefer")),
        SettingField(key: "steps", chineseName: "步骤", englishName: "steps", kind: .textList(maxItems: 3, maxLength: 4), default: .textList(["收集", "议事"])),
    ])

    init(_ id: String) { self.id = try! ModuleID(id) }
}

@Suite struct ModuleCatalogueTests {
    @Test func twoModulesWithOneIdAreRefusedNamingBoth() {
        #expect(throws: ModuleCatalogueError.duplicateID(try! ModuleID("bench_talk"), "SampleModule", "SampleModule")) {
            try ModuleCatalogue([SampleModule("bench_talk"), SampleModule("red_property"), SampleModule("bench_talk")])
        }
    }

    @Test func aModuleForAnotherCoreIsRefusedAtStartUp() throws {
        var old = SampleModule("points")
        old.compatibleCore = SemanticVersion(0, 0, 1)...SemanticVersion(0, 1, 9)
        #expect(throws: ModuleCatalogueError.self) { try ModuleCatalogue([old], core: SemanticVersion(0, 2, 0)) }
        #expect(try ModuleCatalogue([old], core: SemanticVersion(0, 1, 5)).modules.count == 1)
    }

    @Test func aDefaultThatBreaksItsOwnRuleIsRefusedAtStartUp() {
        var broken = SampleModule("points")
        broken.settingsSchema.fields[1].default = .integer(0)   // outside 1…90
        #expect(throws: ModuleCatalogueError.self) { try ModuleCatalogue([broken]) }
    }

    @Test func theCatalogueIsOrderedByIdAndFindsModulesByName() throws {
        let catalogue = try ModuleCatalogue([SampleModule("red_property"), SampleModule("bench_talk")])
        #expect(catalogue.modules.map(\.id.rawValue) == ["bench_talk", "red_property"])
        #expect(try catalogue.module(named: "red_property").id.rawValue == "red_property")
        #expect(throws: RegistryError.self) { try catalogue.module(named: "mediation_room") }
    }

    @Test(arguments: ["", "a", "Bench", "1talk", "bench-talk", "core", String(repeating: "a", count: 41)])
    func badModuleIdsAreRefused(text: String) {
        #expect(throws: RegistryError.self) { try ModuleID(text) }
    }

    @Test func versionsCompareAndRead() throws {
        #expect(try SemanticVersion("1.10.0") > SemanticVersion("1.9.3"))
        #expect(throws: RegistryError.self) { try SemanticVersion("1.2") }
        #expect(throws: RegistryError.self) { try SemanticVersion("1.2.x") }
    }
}

@Suite struct ModuleSettingsTests {
    let schema = SampleModule("bench_talk").settingsSchema

    private func validate(_ json: String, over base: ModuleSettings? = nil) -> Result<ModuleSettings, ModuleSettingsError> {
        Result { () throws(ModuleSettingsError) in try schema.validate(Data(json.utf8), over: base) }
    }

    @Test func fieldsLeftOutKeepTheirDefaultsOrTheEarlierValues() throws {
        let first = try validate(#"{"deadline_days": 10, "local_name": " 院坝会 "}"#).get()
        #expect(first.integer("deadline_days") == 10 && first.text("local_name") == "院坝会")
        #expect(first.boolean("strict") == false && first.text("mode") == "prefer")
        let second = try validate(#"{"strict": true}"#, over: first).get()
        #expect(second.integer("deadline_days") == 10 && second.boolean("strict") == true)
    }

    @Test(arguments: [
        (#"{"deadline": 10}"#, "deadline"),
        (#"{"deadline_days": 0}"#, "deadline_days"),
        (#"{"deadline_days": 1.5}"#, "deadline_days"),
        (#"{"deadline_days": "7"}"#, "deadline_days"),
        (#"{"strict": 1}"#, "strict"),
        (#"{"mode": "force"}"#, "mode"),
        (#"{"local_name": ""}"#, "local_name"),
        (#"{"local_name": "一二三四五六七八九十一"}"#, "local_name"),
        (#"[1]"#, "(file)"),
        (#"{"steps": []}"#, "steps"),
        (#"{"steps": ["一", "二", "三", "四"]}"#, "steps"),
        (#"{"steps": ["收集", " 收集 "]}"#, "steps"),
        (#"{"steps": ["收集", "  "]}"#, "steps"),
        (#"{"steps": ["五个字的项"]}"#, "steps"),
        (#"{"steps": "收集"}"#, "steps"),
        (#"{"steps": [1, 2]}"#, "steps"),
    ])
    func aBadSettingNamesItsKey(json: String, key: String) {
        guard case let .failure(error) = validate(json) else {
            Issue.record("\(json) was accepted")
            return
        }
        #expect(error.key == key, "\(error)")
    }

    /// A list setting keeps the district's order, trimmed; its default stands until changed.
    @Test func aListSettingKeepsTheDistrictsItemsInOrder() throws {
        #expect(try validate("{}").get().textList("steps") == ["收集", "议事"])
        let chosen = try validate(#"{"steps": [" 议事 ", "公示", "收集"]}"#).get()
        #expect(chosen.textList("steps") == ["议事", "公示", "收集"])
        #expect(chosen.text("steps") == nil && chosen.textList("local_name") == nil)
    }

    @Test func theSchemaIsPublishedAsJSON() throws {
        let data = try JSONEncoder().encode(schema)
        let decoded = try JSONDecoder().decode(ModuleSettingsSchema.self, from: data)
        #expect(decoded == schema)
        #expect(String(decoding: data, as: UTF8.self).contains("deadline_days"))
    }
}
