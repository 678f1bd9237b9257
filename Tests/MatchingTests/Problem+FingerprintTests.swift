import Matching
import Testing

@Suite("Fingerprint")
struct ProblemFingerprintTests {
    static func problem() -> Problem {
        var random = SeededGenerator(seed: 11)
        var shape = RandomInstance.Shape()
        shape.terms = 2
        return Problem(categories: (0..<3).map { RandomInstance.category("c\($0)", shape: shape, using: &random) })
    }

    @Test("64 hex digits, independent of row and category order")
    func stable() throws {
        let problem = Self.problem()
        var random = SeededGenerator(seed: 12)
        let shuffled = Problem(categories: problem.categories.map { RandomInstance.shuffled($0, using: &random) }.reversed())
        let fingerprint = try problem.fingerprint()
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit))
        #expect(try shuffled.fingerprint() == fingerprint)
    }

    /// The digest govreg's own SHA-256 gave for this problem before swift-crypto replaced it:
    /// runs recorded then still compare equal.
    @Test("the same digest as before swift-crypto")
    func unchanged() throws {
        #expect(try Self.problem().fingerprint() == "a5c17f8e835970edf95a90d74a7a66cfeef0662a0407056a11cdec18d8476a3d")
    }

    @Test("any change of content changes it")
    func sensitive() throws {
        let problem = Self.problem()
        let original = try problem.fingerprint()
        var changes = [Problem]()
        var p = problem
        p.categories[0].demands[0].quantity += 1
        changes.append(p)
        p = problem
        p.categories[1].demands[0].filed += 1
        changes.append(p)
        p = problem
        p.categories[2].resources[0].capacity += 1
        changes.append(p)
        p = problem
        p.categories[0].category = "renamed"
        changes.append(p)
        p = problem
        p.categories[0].addCostTerm(named: "bonus") { _, _, _ in 0 }
        changes.append(p)
        p = problem
        p.categories[1].excludeArcs { _, _, arc in arc == 0 ? "rule" : nil }
        changes.append(p)
        p = problem
        p.categories[0].demands[0].id = "someone else"
        changes.append(p)
        let fingerprints = try changes.map { try $0.fingerprint() }
        #expect(!fingerprints.contains(original))
        #expect(Set(fingerprints).count == fingerprints.count)
    }
}
