public import Registry

/// What became of a topic raised at a bench talk.
public enum TopicOutcome: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "议题", english: "topic", field: "outcome")

    /// Not settled yet: the reply deadline runs.
    case open
    /// Answered on the spot (or soon after): the answer is recorded. 当场答复
    case answered
    /// Turned into a demand on the demand list. 转为需求
    case demand
    /// Referred up to another level or department. 上报
    case referred

    /// 待答复, 已答复, 转为需求, 已上报.
    public var chineseName: String {
        switch self {
        case .open: "待答复"
        case .answered: "已答复"
        case .demand: "转为需求"
        case .referred: "已上报"
        }
    }

    /// Where an open topic may go; a settled one goes nowhere.
    public var allowedNext: [TopicOutcome] {
        self == .open ? [.answered, .demand, .referred] : []
    }
}
