import ArgumentParser
import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// `govreg use [TENANT] [--clear]`: the default district, for staff who work in one
/// district and should not type `--tenant` on every command (``DefaultDistrict``).
struct UseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use",
        abstract: "默认区县 Choose the district commands work in without --tenant; with no argument, show it.",
        discussion: """
            A command that works in one district takes it from --tenant, else from GOVREG_TENANT, \
            else from the district saved here (in $XDG_CONFIG_HOME/govreg/config.json, or \
            ~/.config/govreg/config.json). The district is checked when saved and on every use. \
            Example: govreg use langao; govreg demand list; govreg use --clear
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @Argument(help: "The district to save as the default: slug, division code or id.") var tenant: String?
    @Flag(help: "Forget the saved default district.") var clear = false

    func validate() throws {
        if clear, tenant != nil {
            throw ValidationError("给出区县或 --clear，不能同时 give a district or --clear, not both")
        }
    }

    func run() async throws {
        let terminal = Terminal()
        if clear {
            let forgotten = try DefaultDistrict.forget()
            terminal.print(forgotten
                ? "已清除默认区县 the default district is forgotten (\(DefaultDistrict.configFile.path) removed)"
                : "没有保存的默认区县 no default district was saved")
            if let variable = DefaultDistrict.environmentValue {
                terminal.print("注意 note: GOVREG_TENANT=\(variable) still names a district in this shell")
            }
            return
        }
        guard let tenant else { return try show(on: terminal) }
        let district = try await database.withRegistry(terminal: terminal, migrations: migrations) { registry in
            try await TenantStore(database: registry).find(tenant)
        }
        try DefaultDistrict.save(district.slug.rawValue)
        terminal.print("默认区县 default district: \(district.name) \(district.slug) (\(district.divisionCode)), saved in \(DefaultDistrict.configFile.path)")
        if let variable = DefaultDistrict.environmentValue, variable != district.slug.rawValue {
            terminal.print("注意 note: GOVREG_TENANT=\(variable) is set and comes first in this shell")
        }
    }

    /// The default district and where it comes from, without opening the database.
    private func show(on terminal: Terminal) throws {
        guard let chosen = try DefaultDistrict.chosen(flag: nil) else {
            terminal.print("未设默认区县 no default district. 设定 set one with `govreg use TENANT` or GOVREG_TENANT")
            return
        }
        terminal.print("默认区县 default district: \(chosen.key)")
        terminal.print("来自 from: \(chosen.source.name)")
    }
}
