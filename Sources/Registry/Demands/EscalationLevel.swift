/// The rung of the ladder a matter is handled at: grid → community → street → district.
///
/// "小事不出网格，大事不出社区，难事不出街道": small matters are settled in the grid, big
/// ones in the community, hard ones in the street. A demand climbs the ladder when it is
/// escalated ("the street blows the whistle, departments report", 吹哨报到), and the rung
/// where it was settled is a reported statistic.
///
/// ```swift
/// EscalationLevel.grid < .street     // true
/// EscalationLevel.community.next     // .street
/// ```
public enum EscalationLevel: String, Vocabulary, Comparable {
    /// 网格: the grid worker and the compound.
    case grid
    /// 社区: the community (or village) party organisation.
    case community
    /// 街道: the street (or town), which can summon departments.
    case street
    /// 区县: the district itself, the top of the ladder.
    case district

    public static let fieldName = "escalation_level"

    public var chineseName: String {
        switch self {
        case .grid: "网格"
        case .community: "社区"
        case .street: "街道"
        case .district: "区县"
        }
    }

    public var englishName: String { rawValue }

    /// The position on the ladder, 0 for the grid.
    public var rank: Int {
        switch self {
        case .grid: 0
        case .community: 1
        case .street: 2
        case .district: 3
        }
    }

    /// The rung above this one, or `nil` at the district, the top of the ladder.
    public var next: EscalationLevel? {
        Self.allCases.first { $0.rank == rank + 1 }
    }

    /// Lower rungs first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }
}
