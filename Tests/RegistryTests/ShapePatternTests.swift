import Registry
import Testing

/// A value type that publishes its shape as a pattern (for the API's document and its check
/// of requests) also checks that shape by hand, for speed on imports: the two must agree.
@Suite struct ShapePatternTests {
    static func agree(_ pattern: String, _ samples: [String], _ accepts: (String) -> Bool) throws {
        let regex = try Regex(pattern)
        for sample in samples {
            #expect((sample.wholeMatch(of: regex) != nil) == accepts(sample), "\(pattern) and the type disagree on \"\(sample)\"")
        }
    }

    static let samples = [
        "", "a", "ab", "a1", "1a", "_a", "a_", "Ab", "aB", "a-b", "a.b", "a@b", "abc", "ab c", "core", "cores", "a\u{0}b",
        "door_to_door", "bench_talk", "hotline_12345", "li.na", "admin.b", "wang.min@x", "-ab", ".ab", "ab-",
        "2026Q3", "2026q3", "0999Q1", "1000Q4", "2026Q5", "2026-Q3", "26Q3", "路灯", "ａｂ",
        String(repeating: "a", count: 40), String(repeating: "a", count: 41), String(repeating: "a", count: 63),
        String(repeating: "a", count: 64), String(repeating: "a", count: 65),
    ]

    @Test func sourceChannelCodes() throws {
        try Self.agree(SourceChannel.codePattern, Self.samples) { (try? SourceChannel($0)) != nil }
    }

    @Test func accountLogins() throws {
        try Self.agree(AccountLogin.pattern, Self.samples) { (try? AccountLogin($0)) != nil }
    }

    @Test func moduleIDs() throws {
        try Self.agree(ModuleID.pattern, Self.samples) { (try? ModuleID($0)) != nil }
    }

    /// A quarter's pattern is its canonical spelling; the type also reads `2026-Q3` and `2026q3`.
    @Test func quarters() throws {
        let canonical = Self.samples.filter { !$0.contains("-") && !$0.contains("q") }
        try Self.agree(Quarter.pattern, canonical) { (try? Quarter($0)) != nil }
    }
}
