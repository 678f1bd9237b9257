import Foundation
import Registry
import Testing

@Suite struct RatingTests {
    @Test func checksScoreAndComment() throws {
        #expect(throws: RegistryError.self) { try Rating(score: 6) }
        #expect(throws: RegistryError.self) { try Rating(score: 5, comment: String(repeating: "好", count: Rating.maximumCommentLength + 1)) }
        #expect(try Rating(score: 5, comment: "  修好了 ").comment == "修好了")
        #expect(try Rating(score: 4, comment: " ").comment == nil)
    }

    /// A decoding refusal is at the key that is wrong: a request's problem then names it
    /// (`/rating/comment`, not `/rating/score`, for a comment too long).
    @Test(arguments: [
        (#"{"score": 9}"#, "score"),
        (#"{"score": 5, "comment": "\#(String(repeating: "好", count: Rating.maximumCommentLength + 1))"}"#, "comment"),
    ])
    func decodingNamesTheWrongKey(_ json: String, _ key: String) throws {
        let error = try #require(throws: DecodingError.self) { try JSONDecoder().decode(Rating.self, from: Data(json.utf8)) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == [key])
    }
}
