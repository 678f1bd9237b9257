public import Foundation
public import Registry

/// An account as lists and the API show it (never a token).
public struct AccountRecord: Sendable, Hashable, Codable {
    public var id: Int64
    /// The tenant's id and slug; `nil` for operators.
    public var tenantID: UUID?
    public var tenant: String?
    public var login: AccountLogin
    public var displayName: String
    public var role: AccountRole
    /// The org unit whose subtree community staff may write in.
    public var orgCode: String?
    /// `active` or `disabled`.
    public var status: String
    public var createdAt: Date
    public var rowVersion: Int
}

/// A token as lists show it: its prefix, never its secret or hash.
public struct TokenRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var accountID: Int64
    public var login: AccountLogin
    public var prefix: String
    public var label: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?
}

/// A token just issued: the only time its secret is seen.
public struct IssuedToken: Sendable, Hashable, Codable {
    public var token: TokenRecord
    /// The secret for `Authorization: Bearer …`; stored nowhere.
    public var secret: String
}

/// Who presented a live token, as the database vouched for it.
public struct AuthenticatedAccount: Sendable, Hashable {
    public var accountID: Int64
    public var tokenID: Int64
    /// `nil` for operators.
    public var tenantID: UUID?
    public var login: String
    public var role: AccountRole
    /// Community staff's subtree root.
    public var orgUnitID: Int64?

    /// The audit log's name for this caller: `account:<login>` for a district's account,
    /// `operator:<login>` for the platform's (logins are unique only within a district).
    public var actor: String { tenantID == nil ? "operator:\(login)" : "account:\(login)" }

    /// Makes an account (the store and tests build these).
    public init(accountID: Int64, tokenID: Int64, tenantID: UUID?, login: String, role: AccountRole, orgUnitID: Int64?) {
        self.accountID = accountID
        self.tokenID = tokenID
        self.tenantID = tenantID
        self.login = login
        self.role = role
        self.orgUnitID = orgUnitID
    }
}

/// A new account: who, which role, and for community staff, which subtree.
public struct AccountDraft: Sendable, Hashable, Codable {
    public var login: AccountLogin
    public var displayName: String
    public var role: AccountRole
    /// Required for community staff, refused for the other roles.
    public var orgCode: String?

    /// Makes a draft.
    public init(login: AccountLogin, displayName: String, role: AccountRole, orgCode: String? = nil) {
        self.login = login
        self.displayName = displayName
        self.role = role
        self.orgCode = orgCode
    }
}

/// One thing done to an account or one of its tokens, and by whom (migration 0017).
public struct AccountEvent: Sendable, Hashable, Codable {
    /// What was done.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case accountCreated = "account_created"
        case accountDisabled = "account_disabled"
        case tokenIssued = "token_issued"
        case tokenRevoked = "token_revoked"
        /// A console password was set (migration 0034).
        case passwordSet = "password_set"
        /// Too many wrong passwords in a row locked the console sign-in for a while.
        case accountLocked = "account_locked"

        /// The action in Chinese, for tables.
        public var chineseName: String {
            switch self {
            case .accountCreated: "创建账号"
            case .accountDisabled: "停用账号"
            case .tokenIssued: "签发令牌"
            case .tokenRevoked: "吊销令牌"
            case .passwordSet: "设置密码"
            case .accountLocked: "登录锁定"
            }
        }
    }

    public var id: Int64
    /// The account's district; nil for an operator.
    public var tenant: String?
    public var login: AccountLogin
    /// The token, for token actions.
    public var tokenID: Int64?
    public var action: Action
    /// Who did it (`cli:root`, `api:7` …).
    public var actor: String
    public var at: Date
}
