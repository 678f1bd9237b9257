import Registry

/// What became of a topic raised at a bench talk.
public enum TopicOutcome: String, Sendable, Hashable, Codable, CaseIterable {
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

    /// Checks a move, naming the current outcome and the allowed ones when it is refused.
    ///
    /// - Throws: ``Registry/RegistryError`` `illegalTransition`.
    public func check(_ next: TopicOutcome) throws {
        guard allowedNext.contains(next) else {
            let allowed = allowedNext.map { "\($0.chineseName) \($0.rawValue)" }.joined(separator: ", ")
            throw RegistryError(
                .illegalTransition, field: "outcome",
                chinese: "议题当前为「\(chineseName)」，\(allowedNext.isEmpty ? "已办结，不能再改" : "只能改为：\(allowed)")",
                english: "the topic is \(rawValue); \(allowedNext.isEmpty ? "it is settled and cannot change" : "it can become \(allowedNext.map(\.rawValue).joined(separator: ", "))")")
        }
    }
}
