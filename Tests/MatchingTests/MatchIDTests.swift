import Foundation
import Matching
import Testing

@Suite("MatchID")
struct MatchIDTests {
    @Test("numbers before texts, numbers by value, texts by UTF-8 bytes")
    func order() {
        let ids: [MatchID] = ["é", "b", "B", "a", 10, -3, "e\u{301}", "ab"]
        #expect(ids.sorted() == [-3, 10, "B", "a", "ab", "b", "e\u{301}", "é"])
    }

    @Test("equality is by bytes, so two spellings of é are two ids")
    func bytes() {
        #expect(MatchID.text("é") != MatchID.text("e\u{301}"))
        #expect(Set<MatchID>(["é", "e\u{301}", "é"]).count == 2)
    }

    @Test("encodes as a bare number or string")
    func coding() throws {
        let ids: [MatchID] = [42, "D0000042"]
        let data = try JSONEncoder().encode(ids)
        #expect(String(decoding: data, as: UTF8.self) == #"[42,"D0000042"]"#)
        #expect(try JSONDecoder().decode([MatchID].self, from: data) == ids)
    }
}
