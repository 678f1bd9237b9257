import Foundation
import Hummingbird
import Registry
import RegistryStore

/// The district's accounts and API tokens (admins only): who may sign in, with which role and
/// area; new accounts, a one-time password to hand over, disabling; tokens issued (the secret
/// shown once) and revoked. The same store functions as the API's account routes.
enum AccountPages {
    static let routes = [
        ConsoleRoute(.get, "/accounts", .tenantAdmin) { try await show($0) },
        ConsoleRoute(.post, "/accounts", .tenantAdmin, create),
        ConsoleRoute(.post, "/accounts/password", .tenantAdmin, password),
        ConsoleRoute(.post, "/accounts/disable", .tenantAdmin, disable),
        ConsoleRoute(.post, "/accounts/tokens", .tenantAdmin, issue),
        ConsoleRoute(.post, "/tokens/revoke", .tenantAdmin, revoke),
    ]

    /// `shown`: a secret to show once (a new password or token), with whose it is.
    static func show(_ visit: Visit, typed: FormValues? = nil, errors: [String: String] = [:], shown: ConsolePage.Section? = nil) async throws -> Response {
        let w = visit.words
        let (accounts, tokens) = try await visit.read { tx in
            (try await AccountStore.list(in: tx), try await AccountStore.tokens(of: nil, in: tx))
        }
        var people = ConsolePage.Section(w("账号", "Accounts"))
        people.table = .init(
            columns: [w("登录名", "Login"), w("姓名", "Name"), w("角色", "Role"), w("负责范围", "Area"), w("状态", "Status")],
            rows: accounts.map { a in
                ConsolePage.Row(cells: [.init(a.login.rawValue), .init(a.displayName), .init(w(a.role.chineseName, a.role.rawValue)),
                                        .init(a.orgCode ?? w("全区县", "whole district")),
                                        .init(a.status == "active" ? w("启用", "active") : w("停用", "disabled"))])
            },
            emptyText: w("无", "None"))
        let active = accounts.filter { $0.status == "active" }
        let choices = active.map { ("\($0.id)", "\($0.login.rawValue) \($0.displayName)") }
        var password = ConsolePage.Form(action: visit.href("accounts/password"), submit: w("生成一次性密码", "Make a one-time password"),
                                        csrf: visit.csrf, quiet: true, inline: true, id: "account-password")
        password.fields = [.select("account", w("账号", "Account"), choices, value: nil)]
        var disable = ConsolePage.Form(action: visit.href("accounts/disable"), submit: w("停用账号", "Disable the account"),
                                       csrf: visit.csrf, quiet: true, inline: true, id: "account-disable")
        disable.fields = [.select("account", w("账号", "Account"), choices.filter { $0.0 != "\(visit.account.accountID)" }, value: nil)]
        var token = ConsolePage.Form(action: visit.href("accounts/tokens"), submit: w("签发令牌", "Issue a token"),
                                     csrf: visit.csrf, quiet: true, inline: true, id: "token-issue")
        token.fields = [
            .select("account", w("账号", "Account"), choices, value: nil),
            .init(name: "label", label: w("用途", "Label")),
            .init(name: "days", label: w("有效天数", "Days"), kind: .number, value: "\(AccountStore.defaultTokenLifetime)", inputMode: "numeric"),
        ]
        people.forms = [password, disable, token]

        var create = ConsolePage.Section(w("新账号", "A new account"))
        var form = ConsolePage.Form(action: visit.href("accounts"), submit: w("创建", "Create"), csrf: visit.csrf, id: "account-create")
        form.fields = [
            .init(name: "login", label: w("登录名", "Login"), value: typed?["login"] ?? "", hint: w("3–64 个小写字母、数字或 . _ @ -", "3–64 lower-case letters, digits or . _ @ -"), required: true),
            .init(name: "display_name", label: w("姓名", "Name"), value: typed?["display_name"] ?? "", required: true),
            .select("role", w("角色", "Role"), AccountRole.allCases.filter(\.isTenantRole).map { ($0.rawValue, w($0.chineseName, $0.rawValue)) },
                    value: typed?["role"] ?? AccountRole.communityStaff.rawValue),
            .init(name: "org_code", label: w("负责的组织编码（社区工作人员）", "Org unit code (community staff)"), value: typed?["org_code"] ?? ""),
        ]
        form.mark(errors)
        create.forms = [form]

        var keys = ConsolePage.Section(w("接口令牌", "API tokens"))
        keys.table = .init(
            columns: [w("编号", "No."), w("账号", "Account"), w("前缀", "Prefix"), w("用途", "Label"), w("到期", "Expires"), w("状态", "Status")],
            rows: tokens.map { t in
                ConsolePage.Row(cells: [.init("\(t.id)"), .init(t.login.rawValue), .init(t.prefix + "…"), .init(t.label ?? ""), .init(ConsoleFormat.time(t.expiresAt)),
                                        .init(t.revokedAt == nil ? w("有效", "live") : w("已吊销", "revoked"))])
            },
            emptyText: w("无", "None"))
        let live = tokens.filter { $0.revokedAt == nil }
        if !live.isEmpty {
            var revoke = ConsolePage.Form(action: visit.href("tokens/revoke"), submit: w("吊销", "Revoke"), csrf: visit.csrf, quiet: true, inline: true, id: "token-revoke")
            revoke.fields = [.select("token", w("令牌", "Token"), live.map { ("\($0.id)", "\($0.id) \($0.login.rawValue) \($0.prefix)…") }, value: nil)]
            keys.forms = [revoke]
        }
        var page = ConsolePage(w("账号与令牌", "Accounts and tokens"), sections: (shown.map { [$0] } ?? []) + [people, create, keys])
        if !errors.isEmpty { page.error = w("未创建：请更正标出的栏目", "Not created: correct the marked fields") }
        return visit.render(page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func create(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let f = visit.form
        let login: AccountLogin
        do { login = try AccountLogin(f["login"] ?? "") } catch let error as RegistryError {
            return try await show(visit, typed: f, errors: ["login": w(error.chineseMessage, error.englishMessage)])
        }
        guard let role = f["role"].flatMap({ AccountRole(rawValue: $0) }), role.isTenantRole else {
            return try await show(visit, typed: f, errors: ["role": w("请选择角色", "Choose a role")])
        }
        do {
            let account = try await visit.write { tx in
                try await AccountStore.create(AccountDraft(login: login, displayName: f["display_name"] ?? "", role: role,
                                                           orgCode: role == .communityStaff ? f["org_code"] : nil), in: tx)
            }
            return visit.redirect(visit.href("accounts"), notice: w("已创建账号 \(account.login)，请为其生成一次性密码", "Created \(account.login); make a one-time password for it"))
        } catch RegistryStoreError.invalid(let field, let reason) {
            return try await show(visit, typed: f, errors: [field: reason])
        } catch RegistryStoreError.conflict(let message) {
            return try await show(visit, typed: f, errors: ["login": message])
        } catch RegistryStoreError.notFound {
            return try await show(visit, typed: f, errors: ["org_code": w("没有这个组织编码", "no org unit with this code")])
        }
    }

    /// A one-time password for an account of the district, shown once on the page that answers.
    static func password(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let id = try account(visit)
        let password = ConsolePassword.generated()
        let hash = try await ConsolePassword.hash(password)
        let (done, record) = try await visit.write { tx in
            let target = try await AccountStore.get(id, in: tx)
            try requireMayIssue(visit, for: target)
            return (try await AccountStore.setPassword(id, hash: hash, in: tx), target)
        }
        guard done else { throw ConsoleRefusal(.notFound, w("没有这个启用的账号", "No such active account")) }
        var shown = ConsolePage.Section(w("一次性密码（只显示这一次）", "One-time password (shown only now)"))
        shown.facts = [.init(name: w("账号", "Account"), value: record.login.rawValue), .init(name: w("密码", "Password"), value: password)]
        shown.text = w("请当面或通过安全渠道交给本人；其原有登录已退出。", "Hand it over in person or by a safe channel; the account's sessions were ended.")
        return try await show(visit, shown: shown)
    }

    static func disable(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let id = try account(visit)
        guard id != visit.account.accountID else { throw ConsoleRefusal(.unprocessableContent, w("不能停用自己的账号", "You cannot disable your own account")) }
        let record = try await visit.write { tx in try await AccountStore.disable(id, in: tx) }
        return visit.redirect(visit.href("accounts"), notice: w("已停用 \(record.login)", "Disabled \(record.login)"))
    }

    static func issue(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let id = try account(visit)
        // The lifetime's limits are the store's (it refuses 0 or 400 days with the reason).
        let days = visit.form["days"].map { Int($0) ?? 0 } ?? AccountStore.defaultTokenLifetime
        let issued = try await visit.write { tx in
            try requireMayIssue(visit, for: try await AccountStore.get(id, in: tx))
            return try await AccountStore.issueToken(for: id, label: visit.form["label"], days: days, in: tx)
        }
        var shown = ConsolePage.Section(w("新令牌（只显示这一次）", "New token (shown only now)"))
        shown.facts = [.init(name: w("账号", "Account"), value: issued.token.login.rawValue), .init(name: w("令牌", "Token"), value: issued.secret),
                       .init(name: w("到期", "Expires"), value: ConsoleFormat.time(issued.token.expiresAt))]
        shown.text = w("用于 Authorization: Bearer …；系统只保存其摘要。", "For Authorization: Bearer …; only its digest is stored.")
        return try await show(visit, shown: shown)
    }

    static func revoke(_ visit: Visit) async throws -> Response {
        let w = visit.words
        guard let id = visit.form["token"].flatMap(Int64.init) else { throw ConsoleRefusal(.unprocessableContent, w("请选择令牌", "Choose a token")) }
        let token = try await visit.write { tx in try await AccountStore.revokeToken(id, in: tx) }
        return visit.redirect(visit.href("accounts"), notice: w("已吊销令牌 \(token.id)", "Revoked token \(token.id)"))
    }

    /// The API's rule: a district admin mints credentials for themselves, staff and viewers only.
    private static func requireMayIssue(_ visit: Visit, for target: AccountRecord) throws {
        guard AccountStore.mayIssueCredential(by: visit.account.role, callerID: visit.account.accountID, for: target) else {
            throw ConsoleRefusal(.forbidden, visit.words("区县管理员只能为自己及工作人员、只读账号签发令牌或密码",
                                                         "A district admin issues tokens and passwords for themselves, staff and viewers only"))
        }
    }

    private static func account(_ visit: Visit) throws -> Int64 {
        guard let id = visit.form["account"].flatMap(Int64.init), id > 0 else {
            throw ConsoleRefusal(.unprocessableContent, visit.words("请选择账号", "Choose an account"))
        }
        return id
    }
}
