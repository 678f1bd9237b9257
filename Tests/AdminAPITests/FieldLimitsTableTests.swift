import Foundation
@testable import AdminAPI
import Registry
import Testing

/// The README's table of field limits is the route table's: regenerate it with
/// `GOVREG_WRITE_DOCS=1 swift test --filter FieldLimitsTableTests` after a change.
@Suite struct FieldLimitsTableTests {
    static let readme = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "README.md")

    @Test func theReadmeListsTheLimitsTheAPIHolds() throws {
        var text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = "<!-- generated from the route table's schemas; GOVREG_WRITE_DOCS=1 swift test --filter FieldLimitsTableTests -->\n"
        let end = "<!-- end of generated field limits -->"
        let from = try #require(text.range(of: start), "README.md has no generated table of field limits")
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex))
        let expected = FieldLimitsTable.markdown(APIRouteTable.v1(modules: APIFixture.shipped).routes)
        #expect(expected.contains("| `/title` | text, at most 200 characters, no NUL (required) |"))
        #expect(expected.contains("| `/quantity/amount` |"))
        if ProcessInfo.processInfo.environment["GOVREG_WRITE_DOCS"] == "1" {
            text.replaceSubrange(from.upperBound..<to.lowerBound, with: expected)
            try Data(text.utf8).write(to: Self.readme)
        } else {
            #expect(String(text[from.upperBound..<to.lowerBound]) == expected, "run with GOVREG_WRITE_DOCS=1 to update")
        }
    }
}
