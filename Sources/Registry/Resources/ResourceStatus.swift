/// Whether a resource-list item can be drawn on.
///
/// offered (filed by the unit, not yet confirmed) → available ⇄ exhausted, and withdrawn
/// from any of them. Available and exhausted follow the ledger: reaching zero remaining
/// makes a resource exhausted, and a return (or a new pledge) makes it available again.
public enum ResourceStatus: String, Vocabulary {
    /// Filed by the unit, waiting for the community to confirm it.
    case offered
    /// Confirmed, with something left to draw.
    case available
    /// Confirmed, nothing left to draw.
    case exhausted
    /// Taken back by the unit; nothing more can be drawn or pledged.
    case withdrawn

    public static let fieldName = "resource_status"

    public var chineseName: String {
        switch self {
        case .offered: "已申报"
        case .available: "可用"
        case .exhausted: "已用完"
        case .withdrawn: "已撤回"
        }
    }

    public var englishName: String { rawValue }

    /// The status after the ledger changed and `remaining` is left.
    ///
    /// Available and exhausted follow the remaining quantity; offered and withdrawn are
    /// decisions of people and do not change with the ledger.
    ///
    /// - Parameter remaining: What the ledger has left.
    public func following(remaining: Int64) -> ResourceStatus {
        switch self {
        case .available, .exhausted: remaining > 0 ? .available : .exhausted
        case .offered, .withdrawn: self
        }
    }
}
