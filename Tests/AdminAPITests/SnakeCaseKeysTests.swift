import Foundation
@testable import APISchema
import Testing

@Suite struct SnakeCaseKeysTests {
    struct Sample: Encodable {
        var externalID = "D1"
        var myURLValue = "x"
        var rowVersion = 3
        var already_snake = true
        var nested = ["C11": "valueWithCaps", "G111Grid": "x", "k": "\"quotedKey\": no"]
        var list = [Inner()]
        struct Inner: Encodable { var isPublic = false; var p50 = 1 }
    }

    /// The same keys as Foundation's own strategy (codes as dictionary keys kept), and values left alone.
    @Test func spellsKeysAsFoundationDoesAndLeavesValuesAlone() throws {
        let ours = try JSONSerialization.jsonObject(with: SnakeCaseKeys.rewrite(try JSONEncoder().encode(Sample()))) as? NSDictionary
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        let theirs = try JSONSerialization.jsonObject(with: try foundation.encode(Sample())) as? NSDictionary
        #expect(ours == theirs)
        #expect((ours?["nested"] as? [String: String])?["k"] == "\"quotedKey\": no")
        #expect(ours?["external_id"] as? String == "D1")
        #expect(ours?["my_url_value"] as? String == "x")
    }
}
