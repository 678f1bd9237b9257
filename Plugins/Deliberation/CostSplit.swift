import Foundation
import Registry

/// How an agreed cost is shared (e.g. a repair paid 50% by the property company and 50% by
/// the residents), held exactly: each party's share in basis points (1 bp = 0.01%), the
/// shares adding up to exactly 10000 (100%). No floating point touches a share.
///
/// ```swift
/// let split = try CostSplit(parsing: ["物业企业=50", "居民=50"])   // 5000 + 5000 bp
/// try CostSplit([CostShare(party: "物业企业", basisPoints: 5000), CostShare(party: "居民", basisPoints: 4000)]).checked()
/// // refused: 90.00%, not 100%
/// ```
public struct CostSplit: Sendable, Hashable, Codable {
    /// 10000 basis points: the whole cost.
    public static let whole = 10_000

    public var shares: [CostShare]

    public init(_ shares: [CostShare]) {
        self.shares = shares
    }

    /// The split, checked: at least one party, each named once (1–50 characters), each share
    /// 1…10000 bp, together exactly 10000.
    ///
    /// - Throws: ``RegistryError`` `invalidValue` naming what is wrong (the total, as a percentage, when it is not 100%).
    public func checked() throws -> CostSplit {
        guard !shares.isEmpty else {
            throw RegistryError(.invalidValue, field: "split", chinese: "费用分摊须至少有一方", english: "a cost split needs at least one party")
        }
        var trimmed: [CostShare] = []
        for share in shares {
            let party = share.party.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...50).contains(party.count) else {
                throw RegistryError(.invalidValue, field: "split.party", chinese: "分摊方名称须为 1–50 个字", english: "a party's name must be 1–50 characters")
            }
            guard !trimmed.contains(where: { $0.party == party }) else {
                throw RegistryError(.invalidValue, field: "split.party", chinese: "分摊方「\(party)」重复", english: "\(party) is named twice")
            }
            guard (1...Self.whole).contains(share.basisPoints) else {
                throw RegistryError(.invalidValue, field: "split.basis_points", chinese: "「\(party)」的份额须为 1–10000 基点（0.01%–100%）",
                                    english: "\(party)'s share must be 1–10000 basis points (0.01%–100%)")
            }
            trimmed.append(CostShare(party: party, basisPoints: share.basisPoints))
        }
        let total = trimmed.reduce(0) { $0 + $1.basisPoints }
        guard total == Self.whole else {
            throw RegistryError(.invalidValue, field: "split", chinese: "各方份额合计为 \(Self.percent(total))，须为 100%",
                                english: "the shares add up to \(Self.percent(total)) (\(total) bp), not 100%")
        }
        return CostSplit(trimmed)
    }

    /// Parses `party=percent` items, the percentage with at most two decimals
    /// (`物业企业=50`, `居民=33.34`), exactly into basis points, and checks the split.
    public init(parsing items: [String]) throws {
        var shares: [CostShare] = []
        for item in items {
            guard let equals = item.lastIndex(of: "="), let points = Self.basisPoints(String(item[item.index(after: equals)...])) else {
                throw RegistryError(.invalidValue, field: "split", chinese: "份额须写成「分摊方=百分数」，如 物业企业=50：\(item)",
                                    english: "a share is party=percent, e.g. 物业企业=50 (at most two decimals): \(item)")
            }
            shares.append(CostShare(party: String(item[..<equals]), basisPoints: points))
        }
        self = try CostSplit(shares).checked()
    }

    /// "50" → 5000, "33.34" → 3334, "0.5" → 50; nil for anything else (a sign, three decimals, letters).
    static func basisPoints(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...3).contains(whole.count), whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              let units = Int(whole) else { return nil }
        var hundredths = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            hundredths = Int(fraction.count == 1 ? fraction + "0" : fraction)!
        }
        return units * 100 + hundredths
    }

    /// 5000 → "50.00%".
    public static func percent(_ basisPoints: Int) -> String {
        "\(basisPoints / 100).\(String(format: "%02d", basisPoints % 100))%"
    }
}

/// One party's share of a cost.
public struct CostShare: Sendable, Hashable, Codable {
    /// Who pays: 物业企业, 居民, 社区 …
    public var party: String
    /// The share in basis points: 5000 = 50%.
    public var basisPoints: Int

    public init(party: String, basisPoints: Int) {
        self.party = party
        self.basisPoints = basisPoints
    }

    enum CodingKeys: String, CodingKey { case party, basisPoints = "basis_points" }
}
