public import Registry

/// Where a row of the problem ledger (问题台账) stands.
public enum ProblemStatus: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "问题", english: "problem", field: "status")

    /// Logged.
    case open
    /// Handed to the compound's property company with a response deadline (居民吹哨、物业报到).
    case escalated
    /// The company has answered.
    case responded
    /// Closed with its fix recorded (销号).
    case closed

    /// 待处理, 已交办, 已回应, 已销号.
    public var chineseName: String {
        switch self {
        case .open: "待处理"
        case .escalated: "已交办"
        case .responded: "已回应"
        case .closed: "已销号"
        }
    }

    /// The moves allowed from here.
    public var allowedNext: [ProblemStatus] {
        switch self {
        case .open: [.escalated, .closed]
        case .escalated: [.responded, .closed]
        case .responded: [.closed]
        case .closed: []
        }
    }
}

/// Who raised a problem.
public enum ProblemSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// A resident blew the whistle (居民吹哨).
    case resident
    /// The property company reported it (物业报到).
    case company
    /// A grid worker found it.
    case gridWorker = "grid_worker"

    /// The name the district uses.
    public var chineseName: String {
        switch self {
        case .resident: "居民"
        case .company: "物业"
        case .gridWorker: "网格员"
        }
    }
}

/// Which way a cross-appointment goes (双向进入、交叉任职).
public enum AppointmentDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Community staff serving in the company.
    case communityToCompany = "community_to_company"
    /// Company staff serving in the community.
    case companyToCommunity = "company_to_community"
}
