public import Registry

/// Where a micro-wish stands (微心愿的状态).
///
/// posted → claimed → fulfilled → confirmed; a claim may be released (claimed → posted); a
/// wish may be withdrawn before it is fulfilled (posted or claimed → withdrawn).
public enum WishState: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "微心愿", english: "wish", field: "state")

    /// Published, waiting for someone to claim it. 待认领
    case posted
    /// A volunteer or a registered unit took it on. 已认领
    case claimed
    /// The claimant says it is done. 已实现
    case fulfilled
    /// The resident (or the community on the resident's behalf) confirmed it. 已确认
    case confirmed
    /// Withdrawn before it was fulfilled (the wish was met otherwise, or is no longer wanted). 已撤回
    case withdrawn

    /// 待认领, 已认领, 已实现, 已确认, 已撤回.
    public var chineseName: String {
        switch self {
        case .posted: "待认领"
        case .claimed: "已认领"
        case .fulfilled: "已实现"
        case .confirmed: "已确认"
        case .withdrawn: "已撤回"
        }
    }

    /// The moves allowed from this state. A fulfilled wish is no longer withdrawn: only the
    /// resident's confirmation is left.
    public var allowedNext: [WishState] {
        switch self {
        case .posted: [.claimed, .withdrawn]
        case .claimed: [.fulfilled, .posted, .withdrawn]
        case .fulfilled: [.confirmed]
        case .confirmed, .withdrawn: []
        }
    }

    /// Still waiting to come true (posted, claimed or fulfilled but not yet confirmed).
    public var isOpen: Bool { self == .posted || self == .claimed || self == .fulfilled }
}

/// Who confirmed a wish came true.
public enum WishConfirmer: String, Sendable, Hashable, Codable, CaseIterable {
    /// The resident who made the wish. 居民本人
    case resident
    /// The community, on the resident's behalf (a resident who cannot confirm it themself). 社区代为确认
    case community

    public var chineseName: String { self == .resident ? "居民本人" : "社区代为确认" }
}
