/// Why the store refused. Messages carry Chinese first, English beside it.
public enum RegistryStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case tenantNotFound(String)
    case tenantArchived(String)
    case notFound(kind: String, key: String)
    case conflict(String)
    /// An optimistic write found the row at another version than the writer read.
    case staleVersion(kind: String, key: String, current: Int, expected: Int)
    case invalid(field: String, reason: String)
    /// The application role would not be held by row-level security.
    case unsafeApplicationRole(String)

    public var description: String {
        switch self {
        case .tenantNotFound(let key): "没有这个区县 no such tenant: \(key)"
        case .tenantArchived(let key): "区县已归档，只读 tenant \(key) is archived and read-only"
        case .notFound(let kind, let key): "找不到 not found: \(kind) \(key)"
        case .conflict(let message): "冲突 conflict: \(message)"
        case .staleVersion(let kind, let key, let current, let expected):
            "已被他人修改 \(kind) \(key) was changed meanwhile (version \(current), not \(expected)); read it again"
        case .invalid(let field, let reason): "无效 invalid \(field): \(reason)"
        case .unsafeApplicationRole(let reason):
            "应用角色不安全，拒绝运行 refusing to run: the application role \(reason), so row-level security would not isolate tenants"
        }
    }
}
