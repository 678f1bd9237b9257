/// A resident's rating of how a demand or a project turned out (评单): 1 to 5 stars and an
/// optional comment.
///
/// ```swift
/// let rating = try Rating(score: 5, comment: "路修好了")
/// ```
public struct Rating: Hashable, Sendable, Codable {
    /// The accepted scores.
    public static let scores = 1...5
    /// The longest accepted comment, in characters.
    public static let maximumCommentLength = 500

    /// 1 (very dissatisfied) to 5 (very satisfied).
    public let score: Int
    /// What the resident said, trimmed; `nil` when empty.
    public let comment: String?

    /// Checks and makes a rating.
    ///
    /// - Parameters:
    ///   - score: 1 to 5.
    ///   - comment: Optional text, at most 500 characters.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `rating` or `comment`).
    public init(score: Int, comment: String? = nil) throws {
        guard Self.scores.contains(score) else {
            throw RegistryError.invalid(
                "rating",
                chinese: "评分须为 1–5，收到 \(score)",
                english: "a rating must be 1–5, got \(score)"
            )
        }
        self.score = score
        self.comment = try optionalText(comment, field: "comment", limit: Self.maximumCommentLength)
    }

    private enum CodingKeys: String, CodingKey {
        case score, comment
    }

    /// Decodes `{"score": …, "comment": …}` and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let score = try container.decode(Int.self, forKey: .score)
        let comment = try container.decodeIfPresent(String.self, forKey: .comment)
        do {
            try self.init(score: score, comment: comment)
        } catch {
            // Named at the key that is wrong: a comment too long is not the score's problem.
            let key: CodingKeys = (error as? RegistryError)?.field == "comment" ? .comment : .score
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes `{"score": …, "comment": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encodeIfPresent(comment, forKey: .comment)
    }
}
