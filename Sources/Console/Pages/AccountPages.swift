import Hummingbird
import Registry
import RegistryStore

/// The district's accounts and API tokens (admins only): who may sign in, with which role
/// and area, and which tokens are live. Tokens show their prefix, never a secret.
enum AccountPages {
    static let routes = [ConsoleRoute(.get, "/accounts", .tenantAdmin, show)]

    static func show(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let (accounts, tokens) = try await visit.read { tx in
            (try await AccountStore.list(in: tx), try await AccountStore.tokens(of: nil, in: tx))
        }
        var people = ConsolePage.Section(w("账号", "Accounts"))
        people.table = .init(
            columns: [w("登录名", "Login"), w("姓名", "Name"), w("角色", "Role"), w("负责范围", "Area"), w("状态", "Status")],
            rows: accounts.map { a in
                ConsolePage.Row(cells: [.init(a.login.rawValue), .init(a.displayName), .init(w(a.role.chineseName, a.role.rawValue)),
                              .init(a.orgCode ?? w("全区县", "whole district")), .init(a.status == "active" ? w("启用", "active") : w("停用", "disabled"))])
            },
            emptyText: w("无", "None"))
        people.text = w("密码由运维用 govreg account password 设置。", "Operators set passwords with govreg account password.")
        var keys = ConsolePage.Section(w("接口令牌", "API tokens"))
        keys.table = .init(
            columns: [w("账号", "Account"), w("前缀", "Prefix"), w("用途", "Label"), w("到期", "Expires"), w("状态", "Status")],
            rows: tokens.map { t in
                ConsolePage.Row(cells: [.init(t.login.rawValue), .init(t.prefix + "…"), .init(t.label ?? ""), .init(ConsoleFormat.time(t.expiresAt)),
                              .init(t.revokedAt == nil ? w("有效", "live") : w("已吊销", "revoked"))])
            },
            emptyText: w("无", "None"))
        return visit.render(ConsolePage(w("账号与令牌", "Accounts and tokens"), sections: [people, keys]))
    }
}
