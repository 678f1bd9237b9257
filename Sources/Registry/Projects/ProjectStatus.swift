/// Where a project of the project list stands.
///
/// planned → in progress → completed → checked (验收), or cancelled with a reason from
/// planned or in progress. The allowed moves are the table in ``ProjectWorkflow``.
public enum ProjectStatus: String, Vocabulary {
    /// Agreed, not started.
    case planned
    /// Work under way; progress is reported.
    case inProgress = "in_progress"
    /// The responsible unit reports the work done.
    case completed
    /// Inspected and accepted (验收).
    case checked
    /// Abandoned, with a reason.
    case cancelled

    public static let fieldName = "project_status"

    public var chineseName: String {
        switch self {
        case .planned: "计划中"
        case .inProgress: "实施中"
        case .completed: "已完工"
        case .checked: "已验收"
        case .cancelled: "已取消"
        }
    }

    public var englishName: String {
        switch self {
        case .inProgress: "in progress"
        default: rawValue
        }
    }

    /// Whether residents may rate the project: once the work is done (completed or checked).
    public var acceptsRating: Bool {
        self == .completed || self == .checked
    }
}
