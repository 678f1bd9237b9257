import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg account …`: API accounts, created by operators at the command line.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "账号 API accounts: operators, district admins, community staff, viewers.",
        subcommands: [Create.self, List.self, Disable.self, Password.self, Events.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account (an operator without --tenant; any other role with it).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "Login: 3–64 lower-case letters, digits or . _ @ -.") var login: String
        @Option(help: "The person's name, e.g. 王敏.") var name: String
        @Option(help: "operator, district_admin, community_staff or viewer.") var role: String
        @Option(help: "The district (slug, division code or id); not for operators.") var tenant: String?
        @Option(help: "Community staff: the org unit code whose subtree they write in.") var org: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard AccountRole(rawValue: role) != nil else {
                throw ValidationError("--role must be one of \(AccountRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do { _ = try AccountLogin(login) } catch { throw ValidationError("\(error)") }
        }

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let draft = AccountDraft(login: try AccountLogin(login), displayName: name, role: AccountRole(rawValue: role)!, orgCode: org)
                let account = try await AccountStore(database: registry).create(draft, tenant: tenantID, actor: commandLineActor)
                if json { try terminal.json(account) } else { AccountCommand.print([account], on: terminal) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts (of one district with --tenant).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Option(help: "Only this district's accounts.") var tenant: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let accounts = try await AccountStore(database: registry).list(tenant: tenantID)
                if json { try terminal.json(accounts) } else { AccountCommand.print(accounts, on: terminal) }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its tokens stop working at once.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "The login.") var login: String
        @Option(help: "The account's district, when several districts have the login.") var tenant: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let account = try await AccountStore(database: registry).disable(try AccountLogin(login), tenant: tenantID, actor: commandLineActor)
                if json { try terminal.json(account) } else { AccountCommand.print([account], on: terminal) }
            }
        }
    }

    /// The id of the district named by `--tenant`, if given.
    static func tenantID(_ key: String?, _ registry: RegistryDatabase) async throws -> UUID? {
        guard let key else { return nil }
        return try await TenantStore(database: registry).find(key).id
    }

    /// `govreg account events [LOGIN] [--tenant T] [--limit N] [--json]`: who did what to accounts and tokens.
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "账号记录 Who created or disabled accounts and issued or revoked tokens, newest first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "Only this account's history.") var login: String?
        @Option(help: "Only this district's accounts.") var tenant: String?
        @Option(help: "At most this many rows.") var limit = 100
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let events = try await AccountStore(database: registry).events(
                    of: try login.map { try AccountLogin($0) }, tenant: tenantID, limit: limit)
                if json { return try terminal.json(events) }
                terminal.table(
                    headers: ["时间 at", "账号 login", "区县 tenant", "事件 action", "令牌 token", "操作人 actor"],
                    rows: events.map { event in
                        [DatabaseCommand.Status.format(event.at), event.login.rawValue, event.tenant ?? "—",
                         "\(event.action.chineseName) \(event.action.rawValue)", event.tokenID.map(String.init) ?? "", event.actor]
                    })
            }
        }
    }

    static func print(_ accounts: [AccountRecord], on terminal: Terminal) {
        terminal.table(
            headers: ["登录名 login", "姓名 name", "角色 role", "区县 tenant", "组织 org", "状态 status"],
            rows: accounts.map { account in
                [account.login.rawValue, account.displayName, "\(account.role.chineseName) \(account.role.rawValue)",
                 account.tenant ?? "—", account.orgCode ?? "—", account.status == "active" ? "启用 active" : "停用 disabled"]
            })
    }
}

/// `govreg token …`: API tokens; a secret is printed once, when issued.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "令牌 API tokens: issue (shown once), list, revoke.",
        subcommands: [Issue.self, List.self, Revoke.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token for an account. The secret is printed once and stored only as a hash.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "The account's login.") var login: String
        @Option(help: "The account's district, when several districts have the login.") var tenant: String?
        @Option(help: "A label to tell tokens apart, e.g. 'console'.") var label: String?
        @Option(help: "Lifetime in days (1–366).") var days = AccountStore.defaultTokenLifetime
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let issued = try await AccountStore(database: registry).issueToken(
                    for: try AccountLogin(login), tenant: tenantID, label: label, days: days, actor: commandLineActor)
                if json {
                    try terminal.json(issued)
                } else {
                    terminal.warn("令牌只显示这一次，请妥善保存 the token is shown this once; keep it safe (expires \(DatabaseCommand.Status.format(issued.token.expiresAt)))")
                    terminal.print(issued.secret)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an account's tokens (prefixes only).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "The account's login.") var login: String
        @Option(help: "The account's district, when several districts have the login.") var tenant: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let tokens = try await AccountStore(database: registry).tokens(of: try AccountLogin(login), tenant: tenantID)
                if json { try terminal.json(tokens) } else { TokenCommand.print(tokens, on: terminal) }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (see `govreg token list`).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "The token's id.") var id: Int64
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let terminal = Terminal()
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let token = try await AccountStore(database: registry).revokeToken(id, actor: commandLineActor)
                if json { try terminal.json(token) } else { TokenCommand.print([token], on: terminal) }
            }
        }
    }

    static func print(_ tokens: [TokenRecord], on terminal: Terminal) {
        terminal.table(
            headers: ["编号 id", "账号 login", "前缀 prefix", "标签 label", "到期 expires", "状态 state"],
            rows: tokens.map { token in
                [String(token.id), token.login.rawValue, token.prefix + "…", token.label ?? "", DatabaseCommand.Status.format(token.expiresAt),
                 token.revokedAt != nil ? "已吊销 revoked" : token.expiresAt < Date() ? "已过期 expired" : "有效 live"]
            })
    }
}
