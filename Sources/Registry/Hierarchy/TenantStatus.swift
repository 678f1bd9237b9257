/// Whether a district's registry is in use.
public enum TenantStatus: String, Vocabulary {
    /// In use.
    case active
    /// Kept for the record: every row stays, nothing can be changed.
    case archived

    public static let fieldName = "tenant_status"

    public var chineseName: String {
        switch self {
        case .active: "使用中"
        case .archived: "已归档"
        }
    }

    public var englishName: String { rawValue }

    /// Whether the tenant's rows are read-only.
    public var isReadOnly: Bool { self == .archived }
}
