/// The known word a misspelt one most likely means: what "did you mean …?" offers, for a
/// file's header ("需求明称" → 需求名称) or a value (a category "道路交同" → 道路交通).
public enum Misspelling {
    /// The candidate closest to `written`: at most one edit (insert, delete, replace a
    /// character) for words of up to four characters, two for longer ones; ties go to the
    /// earlier candidate. Nil when none is that close.
    public static func nearest(to written: String, among candidates: [String]) -> String? {
        let word = Array(written)
        guard !word.isEmpty else { return nil }
        var best: (distance: Int, index: Int)?
        for (index, candidate) in candidates.enumerated() {
            let known = Array(candidate)
            let allowed = min(word.count, known.count) <= 4 ? 1 : 2
            let distance = editDistance(word, known, atMost: allowed)
            guard distance <= allowed, distance > 0 else { continue }
            if best.map({ (distance, index) < ($0.distance, $0.index) }) ?? true { best = (distance, index) }
        }
        return best.map { candidates[$0.index] }
    }

    /// Levenshtein distance between `a` and `b`, or `limit + 1` once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
