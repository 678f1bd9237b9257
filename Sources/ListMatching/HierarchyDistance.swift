public import Registry

/// How far a demand lies from what a resource was pledged to: the level of the smallest
/// org unit of the resource's service area that contains the demand (同网格 < 同社区 < 同街道 < 全县).
///
/// A resource pledged to one grid is "nearer" to that grid's demands than a resource pledged
/// to the whole street; a resource with no area at all serves the whole district.
public enum HierarchyDistance: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The area's node is a grid or smaller (micro-grid, compound, building).
    case grid
    /// The area's node is a community or village.
    case community
    /// The area's node is a street or town.
    case street
    /// The resource serves the whole district.
    case district

    /// The level of an org unit of this kind.
    public init(_ kind: OrgUnitKind) {
        switch kind {
        case .street, .town: self = .street
        case .community, .village: self = .community
        case .grid, .microGrid, .compound, .building: self = .grid
        }
    }

    /// 同网格, 同社区, 同街道, 全县.
    public var chineseName: String {
        switch self {
        case .grid: "同网格"
        case .community: "同社区"
        case .street: "同街道"
        case .district: "全县"
        }
    }

    /// Nearer levels first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
