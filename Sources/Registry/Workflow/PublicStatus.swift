/// The coarse status residents see for a demand, mapped from the internal ``DemandState``.
///
/// Four values only, so that the internal workflow (matching runs, merges, re-opening)
/// never shows through and can change without changing what the public pages say.
public enum PublicStatus: String, Vocabulary {
    /// 已受理: the community has received it.
    case received
    /// 办理中: something is being done about it.
    case inProgress = "in_progress"
    /// 已办结: the need was met.
    case done
    /// 未采纳: it will not be acted on (rejected, or withdrawn by whoever filed it).
    case notTakenUp = "not_taken_up"

    public static let fieldName = "public_status"

    public var chineseName: String {
        switch self {
        case .received: "已受理"
        case .inProgress: "办理中"
        case .done: "已办结"
        case .notTakenUp: "未采纳"
        }
    }

    public var englishName: String {
        switch self {
        case .received: "received"
        case .inProgress: "in progress"
        case .done: "done"
        case .notTakenUp: "not taken up"
        }
    }

    /// The public status of an internal state, or `nil` for a draft, which the public
    /// never sees.
    ///
    /// - submitted, accepted → received
    /// - matched, in project → in progress
    /// - merged → in progress: the need is carried on by the demand it was merged into, so
    ///   it is neither refused nor done; the public page links to that demand for its
    ///   live status.
    /// - resolved, rated → done: only resolution is shown as done, never mere closure.
    /// - rejected, withdrawn → not taken up: nothing will be done, and counting a
    ///   withdrawal as done would inflate the done figure.
    ///
    /// - Parameter state: The internal state.
    public init?(_ state: DemandState) {
        switch state {
        case .draft: return nil
        case .submitted, .accepted: self = .received
        case .matched, .inProject, .merged: self = .inProgress
        case .resolved, .rated: self = .done
        case .rejected, .withdrawn: self = .notTakenUp
        }
    }
}

extension DemandState {
    /// What residents see for this state; `nil` for a draft (see ``PublicStatus/init(_:)``).
    public var publicStatus: PublicStatus? {
        PublicStatus(self)
    }
}
