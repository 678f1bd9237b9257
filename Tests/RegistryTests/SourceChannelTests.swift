import Foundation
import Registry
import Testing

@Suite struct SourceChannelTests {
    @Test func knownChannelsHaveStableCodesAndNames() {
        #expect(SourceChannel.known.map(\.rawValue) == ["door_to_door", "grid_report", "bench_talk", "hotline_12345", "online", "other"])
        #expect(SourceChannel.known.map(\.chineseName) == ["入户走访", "网格上报", "板凳会", "12345热线", "网上", "其他"])
        let allKnown = SourceChannel.known.allSatisfy { $0.isKnown }
        #expect(allKnown)
    }

    @Test func modulesAddChannels() throws {
        let roundTable = try SourceChannel("round_table")
        #expect(!roundTable.isKnown)
        #expect(roundTable.chineseName == "round_table")
        #expect(try SourceChannel("bench_talk") == .benchTalk)
        let decoded = try JSONDecoder().decode(SourceChannel.self, from: JSONEncoder().encode(roundTable))
        #expect(decoded == roundTable)
    }

    @Test(arguments: ["", "Bench", "1abc", "bench-talk", "板凳会", String(repeating: "a", count: 64)])
    func refusesMalformedCodes(_ code: String) {
        #expect(throws: RegistryError.self) { try SourceChannel(code) }
    }
}
