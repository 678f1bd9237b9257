import APISchema
import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// `/v1/tenants/{tenant}/accounts` and tokens: a district admin manages the district's own
/// accounts. Row-level security keeps the statements inside the tenant as well.
enum AccountRoutes {
    static let accountSchema = Schema.object([
        ("id", .integer()), ("tenant_id", .string(format: "uuid")), ("tenant", .string()), ("login", .string()),
        ("display_name", .string()), ("role", .string(values: AccountRole.allCases.map(\.rawValue))),
        ("org_code", .string()), ("status", .string(values: ["active", "disabled"])),
        ("created_at", .string(format: "date-time")), ("row_version", .integer()),
    ])
    static let tokenSchema = Schema.object([
        ("id", .integer()), ("account_id", .integer()), ("login", .string()), ("prefix", .string()), ("label", .string()),
        ("created_at", .string(format: "date-time")), ("expires_at", .string(format: "date-time")),
        ("revoked_at", .string(format: "date-time")), ("last_used_at", .string(format: "date-time")),
    ])

    static let eventSchema = Schema.object([
        ("id", .integer()), ("tenant", .string()), ("login", .string()), ("token_id", .integer()),
        ("action", .string(values: AccountEvent.Action.allCases.map(\.rawValue))), ("actor", .string()),
        ("at", .string(format: "date-time")),
    ])

    struct NewAccount: Decodable {
        var login: AccountLogin
        var displayName: String
        var role: AccountRole
        var orgCode: String?
        enum CodingKeys: String, CodingKey { case login, displayName = "display_name", role, orgCode = "org_code" }
    }

    struct NewToken: Decodable {
        var label: String?
        var days: Int?
    }

    static let routes: [APIRoute] = [
        APIRoute(.get, "/v1/tenants/{tenant}/accounts", .tenantAdmin, tag: "accounts", summary: "账号列表 List the district's accounts",
                 response: .object([("items", .array(accountSchema))])) { call in
            try await call.read { tx in try .json(["items": try await AccountStore.list(in: tx)]) }
        },
        APIRoute(.post, "/v1/tenants/{tenant}/accounts", .tenantAdmin, tag: "accounts",
                 summary: "创建账号 Create an account (district admin, community staff or viewer)",
                 body: .object([
                     ("login", .string(maxLength: 64, pattern: AccountLogin.pattern)), ("display_name", .string(maxLength: 100)),
                     ("role", .string(values: ["district_admin", "community_staff", "viewer"])),
                     ("org_code", .string(description: "Community staff only: the org unit whose subtree they write in")),
                 ], required: ["login", "display_name", "role"]),
                 success: .created, response: accountSchema, idempotent: true) { call in
            let input = try call.decode(NewAccount.self)
            return try await call.write { tx in
                let account = try await AccountStore.create(
                    AccountDraft(login: input.login, displayName: input.displayName, role: input.role, orgCode: input.orgCode), in: tx)
                return try .json(account, status: .created, version: account.rowVersion,
                                 location: "/v1/tenants/\(call.parameter("tenant"))/accounts/\(account.id)")
            }
        },
        APIRoute(.post, "/v1/tenants/{tenant}/accounts/{id}/disable", .tenantAdmin, tag: "accounts",
                 summary: "停用账号（令牌随即失效）Disable an account; its tokens stop working", response: accountSchema) { call in
            let id = try call.id("id")
            return try await call.write { tx in
                let account = try await AccountStore.disable(id, in: tx)
                return try .json(account, version: account.rowVersion)
            }
        },
        APIRoute(.get, "/v1/tenants/{tenant}/accounts/{id}/tokens", .tenantAdmin, tag: "accounts",
                 summary: "账号的令牌（不含密文）An account's tokens (never their secrets)",
                 response: .object([("items", .array(tokenSchema))])) { call in
            let id = try call.id("id")
            return try await call.read { tx in
                _ = try await AccountStore.get(id, in: tx)
                return try .json(["items": try await AccountStore.tokens(of: id, in: tx)])
            }
        },
        // Not idempotent on purpose: the stored answer would hold the secret.
        APIRoute(.post, "/v1/tenants/{tenant}/accounts/{id}/tokens", .tenantAdmin, tag: "accounts",
                 summary: "签发令牌（密文只显示这一次）Issue a token; its secret is shown this once",
                 body: .object([("label", .string(maxLength: 100)),
                                ("days", .integer(minimum: 1, maximum: Int64(AccountStore.longestTokenLifetime), description: "Lifetime, 90 by default"))]),
                 bodyOptional: true, success: .created, response: .object([("token", tokenSchema), ("secret", .string())])) { call in
            let id = try call.id("id")
            let input = call.body.isEmpty ? NewToken() : try call.decode(NewToken.self)
            let caller = try call.account
            return try await call.write { tx in
                // A district admin may not mint a token that acts as another district admin.
                let target = try await AccountStore.get(id, in: tx)
                if !AccountStore.mayIssueCredential(by: caller.role, callerID: caller.accountID, for: target) {
                    throw APIProblem.forbidden("区县管理员只能为自己及工作人员、只读账号签发令牌 a district admin issues tokens for themselves, staff and viewers only")
                }
                return try .json(try await AccountStore.issueToken(for: id, label: input.label, days: input.days ?? AccountStore.defaultTokenLifetime, in: tx),
                          status: .created)
            }
        },
        APIRoute(.get, "/v1/tenants/{tenant}/accounts/{id}/events", .tenantAdmin, tag: "accounts",
                 summary: "账号记录 Who created or disabled the account and issued or revoked its tokens, newest first",
                 query: [.init(name: "limit", schema: .integer(minimum: 1, maximum: 200), description: "At most this many (100)")],
                 response: .object([("items", .array(eventSchema))])) { call in
            let id = try call.id("id")
            let limit = try call.integer("limit", in: 1...200, default: 100)
            return try await call.read { tx in
                _ = try await AccountStore.get(id, in: tx)
                return try .json(["items": try await AccountStore.events(of: id, limit: limit, in: tx)])
            }
        },
        APIRoute(.delete, "/v1/tenants/{tenant}/tokens/{id}", .tenantAdmin, tag: "accounts", summary: "吊销令牌 Revoke a token",
                 response: tokenSchema) { call in
            let id = try call.id("id")
            return try await call.write { tx in try .json(try await AccountStore.revokeToken(id, in: tx)) }
        },
    ]
}
