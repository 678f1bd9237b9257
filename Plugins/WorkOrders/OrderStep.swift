public import Registry

/// Where a work order stands on the four-part form (四联单: 点单 → 下单 → 接单 → 评单).
public enum OrderStep: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "订单", english: "work order", field: "status")

    /// Ordered by a resident (点单), waiting to be dispatched.
    case ordered
    /// Dispatched to a unit (下单), waiting for its answer.
    case dispatched
    /// The unit declined, with a reason: waiting to be dispatched again.
    case declined
    /// The unit accepted (接单) and is doing the work.
    case accepted
    /// The work is done, waiting for the resident's rating.
    case completed
    /// Rated by the resident (评单): final.
    case rated
    /// Withdrawn before any unit took it on: final.
    case cancelled

    /// 待派单, 待接单, 已拒单, 已接单, 待评单, 已评单, 已撤销.
    public var chineseName: String {
        switch self {
        case .ordered: "待派单"
        case .dispatched: "待接单"
        case .declined: "已拒单"
        case .accepted: "已接单"
        case .completed: "待评单"
        case .rated: "已评单"
        case .cancelled: "已撤销"
        }
    }

    /// The moves allowed from here: a declined order goes to another unit (or is withdrawn);
    /// once a unit accepted, the order runs to its rating.
    public var allowedNext: [OrderStep] {
        switch self {
        case .ordered: [.dispatched, .cancelled]
        case .dispatched: [.accepted, .declined]
        case .declined: [.dispatched, .cancelled]
        case .accepted: [.completed]
        case .completed: [.rated]
        case .rated, .cancelled: []
        }
    }

    /// Whether a deadline runs in this step (dispatch, answer or completion).
    public var hasDeadline: Bool { [.ordered, .dispatched, .declined, .accepted].contains(self) }
}

/// Where a department summoned by a whistle stands (报到).
public enum CallStatus: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "报到", english: "summons", field: "status")

    /// Summoned, its report awaited (a delay keeps it here with a later deadline).
    case summoned
    /// Reported: final.
    case reported

    /// 待报到, 已报到.
    public var chineseName: String { self == .summoned ? "待报到" : "已报到" }

    public var allowedNext: [CallStatus] { self == .summoned ? [.reported] : [] }
}
