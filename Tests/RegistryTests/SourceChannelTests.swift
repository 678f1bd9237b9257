import Foundation
import Registry
import Testing

@Suite struct SourceChannelTests {
    @Test func knownChannelsHaveStableCodesAndNames() {
        #expect(SourceChannel.known.map(\.rawValue) == ["door_to_door", "grid_report", "hotline_12345", "online", "open311", "other"])
        #expect(SourceChannel.known.map(\.chineseName) == ["入户走访", "网格上报", "12345热线", "网上", "网上报事", "其他"])
        let allKnown = SourceChannel.known.allSatisfy { $0.isKnown }
        #expect(allKnown)
    }

    @Test func modulesAddChannels() throws {
        let roundTable = try SourceChannel("round_table")
        #expect(!roundTable.isKnown)
        #expect(roundTable.chineseName == "round_table")
        // A module's contribution names its channel wherever the core reads the catalogue's.
        let channels = SourceChannels(modules: [
            IntakeChannel(roundTable, chinese: "圆桌会", english: "round table"),
            IntakeChannel(.gridReport, chinese: "改名", english: "renamed"),
        ])
        #expect(channels.contains(roundTable) && !SourceChannels.core.contains(roundTable))
        #expect(channels.chineseName(of: roundTable) == "圆桌会" && channels.englishName(of: roundTable) == "round table")
        #expect(channels.chineseName(of: .gridReport) == "网格上报")
        #expect(channels.entries.map(\.channel.rawValue).last == "round_table")
        #expect(channels.chineseName(of: try SourceChannel("gone_module")) == "gone_module")
        let decoded = try JSONDecoder().decode(SourceChannel.self, from: JSONEncoder().encode(roundTable))
        #expect(decoded == roundTable)
    }

    @Test(arguments: ["", "Bench", "1abc", "bench-talk", "板凳会", String(repeating: "a", count: 64)])
    func refusesMalformedCodes(_ code: String) {
        #expect(throws: RegistryError.self) { try SourceChannel(code) }
    }
}
