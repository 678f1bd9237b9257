/// What an account may do. One role per account; see ``AccessClass`` for what each route asks.
///
/// - `operator`: the platform. Creates and archives tenants and acts in any of them.
/// - `districtAdmin` (区县管理员): everything inside one tenant, its accounts and modules included.
/// - `communityStaff` (社区工作人员): reads the tenant, writes only inside the subtree of the
///   org unit the account is bound to.
/// - `viewer` (只读): reads the tenant.
public enum AccountRole: String, Sendable, Hashable, Codable, CaseIterable {
    case `operator` = "operator"
    case districtAdmin = "district_admin"
    case communityStaff = "community_staff"
    case viewer = "viewer"

    /// The role's name in Chinese, for tables.
    public var chineseName: String {
        switch self {
        case .operator: "平台运维"
        case .districtAdmin: "区县管理员"
        case .communityStaff: "社区工作人员"
        case .viewer: "只读"
        }
    }

    /// Whether the account belongs to one tenant (every role but the operator's).
    public var isTenantRole: Bool { self != .operator }

    /// Whether this role may use a route of `access`. Community staff's subtree limit is
    /// checked separately, against the object written.
    public func permits(_ access: AccessClass) -> Bool {
        switch access {
        case .anyone: true
        case .platform: self == .operator
        case .tenantRead: true
        case .tenantWrite: self != .viewer
        case .tenantAdmin: self == .operator || self == .districtAdmin
        }
    }
}

/// What a route asks of its caller, from least to most.
public enum AccessClass: String, Sendable, Hashable, CaseIterable {
    /// No token needed (health, readiness, the API document).
    case anyone
    /// Operators only (tenants).
    case platform
    /// Any account of the tenant, and operators.
    case tenantRead = "tenant_read"
    /// District admins, operators, and community staff inside their subtree.
    case tenantWrite = "tenant_write"
    /// District admins and operators (accounts, modules, matching, imports).
    case tenantAdmin = "tenant_admin"
}
