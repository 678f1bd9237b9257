/// The kind of a node in a district's hierarchy.
///
/// The hierarchy is data (its depth differs from 3 to 6 levels between districts): a district
/// may skip levels, but never turn them over. A kind fixes its name, its place in the level
/// order (``rank``, so that a town never sits under a grid) and where a matter starts on the
/// escalation ladder.
public enum OrgUnitKind: String, Vocabulary {
    /// 街道: an urban sub-district.
    case street
    /// 镇: a rural town, the street's counterpart.
    case town
    /// 社区: an urban community.
    case community
    /// 村: a village, the community's counterpart.
    case village
    /// 网格: a grid, looked after by grid workers.
    case grid
    /// 微网格: a micro-grid, used for old compounds.
    case microGrid = "micro_grid"
    /// 小区/院落: a residential compound.
    case compound
    /// 楼栋: a building.
    case building

    public static let fieldName = "org_unit_kind"

    public var chineseName: String {
        switch self {
        case .street: "街道"
        case .town: "镇"
        case .community: "社区"
        case .village: "村"
        case .grid: "网格"
        case .microGrid: "微网格"
        case .compound: "小区/院落"
        case .building: "楼栋"
        }
    }

    public var chineseAliases: [String] {
        self == .compound ? ["小区", "院落"] : []
    }

    public var englishName: String {
        switch self {
        case .street: "street"
        case .town: "town"
        case .community: "community"
        case .village: "village"
        case .grid: "grid"
        case .microGrid: "micro-grid"
        case .compound: "compound"
        case .building: "building"
        }
    }

    /// The place in the level order, from the top: street/town, community/village, grid,
    /// micro-grid, compound, building. A parent's rank is always smaller than its child's.
    public var rank: Int {
        switch self {
        case .street, .town: 0
        case .community, .village: 1
        case .grid: 2
        case .microGrid: 3
        case .compound: 4
        case .building: 5
        }
    }

    /// Why a node of this kind cannot sit under a node of kind `parent`, or nil when it can.
    public func misplaced(under parent: OrgUnitKind, field: String, value: String?) -> FieldProblem? {
        guard parent.rank >= rank else { return nil }
        return FieldProblem(
            field, value: value,
            chinese: "层级颠倒：\(chineseName)不能在\(parent.chineseName)之下",
            english: "levels turned over: a \(englishName) cannot sit under a \(parent.englishName)")
    }

    /// The escalation level at which a matter arising in a unit of this kind starts.
    ///
    /// "小事不出网格/小区": compounds and buildings are settled with their grid, so they start
    /// at the grid level; villages count as communities and towns as streets.
    public var startingLevel: EscalationLevel {
        switch self {
        case .street, .town: .street
        case .community, .village: .community
        case .grid, .microGrid, .compound, .building: .grid
        }
    }
}
