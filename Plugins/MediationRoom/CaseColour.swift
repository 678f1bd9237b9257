public import Registry

/// The four-colour tracking of a mediation case (四色管理).
public enum CaseColour: String, WorkflowStep, Hashable, Codable, CaseIterable {
    public static let subject = WorkflowSubject(chinese: "案件", english: "case", field: "colour")

    /// 绿: needs further investigation.
    case green
    /// 蓝: claims heard, mediation in progress.
    case blue
    /// 紫: key information wrong, to be collected again.
    case purple
    /// 红: closed, with an outcome.
    case red

    /// 绿 待核查, 蓝 调解中, 紫 信息待补正, 红 已结案.
    public var chineseName: String {
        switch self {
        case .green: "绿 待核查"
        case .blue: "蓝 调解中"
        case .purple: "紫 信息待补正"
        case .red: "红 已结案"
        }
    }

    /// The colours a case may move to from this one. Information found wrong (purple) goes
    /// back to investigation or to mediation once collected again; a case closes from
    /// mediation (blue) only.
    public var allowedNext: [CaseColour] {
        switch self {
        case .green: [.blue, .purple]
        case .blue: [.purple, .red]
        case .purple: [.green, .blue]
        case .red: []
        }
    }
}

/// How hard a dispute is: who mediates it.
public enum CaseGrade: String, Sendable, Hashable, Codable, CaseIterable {
    /// 一般: the room's mediator.
    case general
    /// 疑难: the street's joint mediation.
    case difficult
}

/// How a case ended.
public enum CaseOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// 调解成功: the parties agreed.
    case agreement
    /// 撤回: the applicant withdrew.
    case withdrawn
    /// 转诉讼/仲裁: referred to court or arbitration.
    case referred
}

/// A party's part in a dispute.
public enum PartyRole: String, Sendable, Hashable, Codable, CaseIterable {
    case applicant
    case respondent
    case other
}
