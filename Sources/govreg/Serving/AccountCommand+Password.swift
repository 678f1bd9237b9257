import ArgumentParser
import Console
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

extension AccountCommand {
    /// `govreg account password LOGIN`: sets the console password of a district's account.
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "设置控制台密码 Set an account's console password (bcrypt); ends its sessions and lifts a lock-out.",
            discussion: """
                The password is asked for twice on a terminal (not shown), read from the first line of \
                standard input with --password-stdin, or made up with --generate (printed once). It needs \
                at least \(ConsolePassword.minimumLength) characters and at most \(ConsolePassword.maximumBytes) bytes; \
                only its bcrypt hash is stored.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var migrations: MigrationOptions
        @Argument(help: "The login.") var login: String
        @Option(help: "The account's district, when several districts have the login.") var tenant: String?
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Flag(help: "Make up a random password and print it once.") var generate = false

        func validate() throws {
            if passwordStdin && generate { throw ValidationError("--password-stdin and --generate exclude each other") }
            if !passwordStdin && !generate && isatty(STDIN_FILENO) == 0 {
                throw ValidationError("no terminal to ask on: give --password-stdin or --generate")
            }
        }

        func run() async throws {
            let terminal = Terminal()
            let password: String
            if generate {
                password = ConsolePassword.generated()
            } else if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            } else {
                let first = String(cString: getpass("新密码 New password: "))
                let second = String(cString: getpass("再输入一次 Again: "))
                guard first == second else { throw ValidationError("两次输入不一致 the two entries differ") }
                password = first
            }
            if let problem = ConsolePassword.problem(password, login: login) { throw ValidationError(problem) }
            let hash = try await ConsolePassword.hash(password)
            try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
                let tenantID = try await AccountCommand.tenantID(tenant, registry)
                let account = try await AccountStore(database: registry).setPassword(try AccountLogin(login), tenant: tenantID, hash: hash, actor: commandLineActor)
                if generate { terminal.print(password) }
                terminal.warn("已设置 \(account.login) 的控制台密码 set the console password of \(account.login) (\(account.tenant ?? ""))")
            }
        }
    }
}
