/// Where a demand stands in its internal workflow.
///
/// The main path is draft → submitted → accepted (on the list) → matched → in project →
/// resolved → rated; rejected, merged and withdrawn are side exits. The allowed moves are
/// the table in ``DemandWorkflow``. These names are for staff: residents see a
/// ``PublicStatus`` instead.
public enum DemandState: String, Vocabulary {
    /// Being written; not yet visible to anyone but its author.
    case draft
    /// Filed and waiting for the community to review it.
    case submitted
    /// Reviewed and put on the demand list.
    case accepted
    /// A matching run found resources for it, not yet turned into a project.
    case matched
    /// Served by a project on the project list.
    case inProject = "in_project"
    /// The need was met.
    case resolved
    /// The need was met and the resident rated the result.
    case rated
    /// Not taken up, with a reason.
    case rejected
    /// A duplicate, merged into another demand that carries it on.
    case merged
    /// Withdrawn by the resident or by whoever filed it.
    case withdrawn

    public static let fieldName = "demand_state"

    public var chineseName: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已提交"
        case .accepted: "已列入清单"
        case .matched: "已匹配"
        case .inProject: "已立项"
        case .resolved: "已解决"
        case .rated: "已评价"
        case .rejected: "已驳回"
        case .merged: "已合并"
        case .withdrawn: "已撤回"
        }
    }

    public var englishName: String {
        switch self {
        case .inProject: "in project"
        default: rawValue
        }
    }

    /// Whether the need was actually met: ``resolved`` or ``rated``.
    ///
    /// Resolution and closure are different facts and districts must not conflate them:
    /// a list that "closes" 98% of its items may have rejected, merged or seen withdrawn
    /// a large share of them, and the articles this registry follows criticise exactly
    /// that reporting of closure as resolution. Reports count resolved items with this
    /// property and items that left the list with ``isClosed``, and show both.
    public var isResolved: Bool {
        self == .resolved || self == .rated
    }

    /// Whether the item has left the demand list, for any reason: resolved, rated,
    /// rejected, merged or withdrawn.
    ///
    /// Not the same as ``isResolved`` (see there): a rejected demand is closed and not
    /// resolved. A resolved demand can still be reopened (back to ``accepted``) if the
    /// resident or the project check finds the need unmet.
    public var isClosed: Bool {
        switch self {
        case .resolved, .rated, .rejected, .merged, .withdrawn: true
        case .draft, .submitted, .accepted, .matched, .inProject: false
        }
    }

    /// Whether the demand is on the list and being worked on: filed, not closed.
    public var isOpen: Bool {
        self != .draft && !isClosed
    }

    /// Whether no transition leaves this state.
    public var isFinal: Bool {
        DemandWorkflow.allowedTargets(from: self).isEmpty
    }
}
