import ArgumentParser
import Foundation
import GovregCommandLine
import Registry

/// The process's entry: the shipped modules are registered once, then the command runs.
@main
enum GovregMain {
    static func main() async {
        do {
            ModuleRegistry.bootstrap(try ShippedModules.catalogue())
        } catch {
            FileHandle.standardError.write(Data("govreg: \(error)\n".utf8))
            exit(70)
        }
        await Govreg.main()
    }
}

/// The `govreg` command: a thin shell over the library targets.
struct Govreg: AsyncParsableCommand {
    /// The core's commands, then each shipped module's (``ModuleCommands``): read when the
    /// command line is parsed, after the modules are registered.
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "govreg",
        abstract: "govreg — 三张清单 the three lists (demand 需求, resource 资源, project 项目) for district governance.",
        discussion: """
            With no database configured (--database-url, GOVREG_DATABASE_URL, database.url in the \
            configuration file of --config or GOVREG_CONFIG, or the PG* variables), govreg runs its own \
            PostgreSQL in ./.govreg (see `govreg db start`); `govreg config` shows every setting and where it came from. A command working in one \
            district takes it from --tenant, else GOVREG_TENANT, else the default `govreg use` saved.
            """,
        version: GovregVersion.summary,
        subcommands: [DemoCommand.self, DatabaseCommand.self, TenantCommand.self, UseCommand.self, OrgCommand.self, CategoryCommand.self, DemandCommand.self, UnitCommand.self, ResourceCommand.self, ProjectCommand.self, ImportCommand.self, ExportCommand.self, AuditCommand.self, MatchCommand.self, ModuleCommand.self, ReportCommand.self, PublishCommand.self, NoticeCommand.self, AccountCommand.self, TokenCommand.self, Open311Command.self, ServeCommand.self, BackupCommand.self, RestoreCommand.self, VersionCommand.self, ConfigCommand.self]
            + ModuleCommands.all(in: ModuleRegistry.catalogue)
    ) }
}
