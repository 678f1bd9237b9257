import ArgumentParser
import GovregCommandLine

/// `govreg version`: which govreg this is, for a bug report or an upgrade check.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "版本 Show govreg's version, the git commit it was built from, the migrations built in and the libpq it uses.")
    @Flag(help: "Print it as JSON.")
    var json = false

    func run() throws {
        let report = try GovregVersion.report()
        let terminal = Terminal()
        if json {
            try terminal.json(report)
            return
        }
        terminal.print("govreg \(report.version)")
        terminal.print("提交 commit: \(report.commit)")
        terminal.print("迁移 migration head: \(report.migrationHead.joined(separator: ", "))")
        terminal.print("libpq: \(report.libpq)")
    }
}
