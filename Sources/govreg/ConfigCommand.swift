import ArgumentParser
import Foundation
import GovregCommandLine

/// `govreg config`: every setting, its value and where it came from, secrets hidden. It takes
/// serve's flags, so `govreg config --port 9000` shows what `govreg serve --port 9000` would
/// use, and it refuses a bad value as serve would.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "配置 Show every setting, its value and where it came from (passwords hidden).",
        discussion: """
            优先级 Precedence: a command-line flag, then its environment variable (GOVREG_…), then the \
            configuration file (--config FILE or GOVREG_CONFIG; JSON such as {"serve": {"port": 8080}, \
            "database": {"url": "…"}}), then the built-in default. With no database URL anywhere, libpq's PG* \
            variables name the database, else govreg runs its embedded cluster. A bad value, an unknown key \
            or an unreadable file stops every command, naming the key and where it came from.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var serve: ServeOptions
    @Option(help: ArgumentHelp("The district, to see which one a command would use.", valueName: "tenant"))
    var tenant: String?
    @Flag(help: "Print it as JSON.")
    var json = false

    /// One line of the listing.
    struct Line: Encodable {
        var key: String
        var value: String?
        var source: String
        var flag: String?
        var environment: String
        /// What no value means (no URL: libpq's PG* variables, else the embedded cluster).
        var unset: String?
        var summary: String
    }

    func settings() throws -> Settings {
        var flags = serve.given
        flags[.migrations] = migrations.migrationsFolder
        flags[.tenant] = tenant
        return try database.settings(adding: flags, checkingServe: true)
    }

    func validate() throws {
        _ = try settings()
    }

    func run() throws {
        let lines = Self.lines(try settings())
        let terminal = Terminal()
        if json {
            try terminal.json(lines)
            return
        }
        terminal.table(
            headers: ["键 key", "值 value", "来源 source"],
            rows: lines.map { [$0.key, $0.value ?? "(\($0.unset ?? "none"))", $0.source] })
        terminal.print("优先级 precedence: flag > environment GOVREG_… > file (--config / GOVREG_CONFIG) > default")
    }

    /// The listing of `settings`, every value as it may be shown.
    static func lines(_ settings: Settings) -> [Line] {
        Setting.catalogue.map { setting in
            let value = settings[setting]
            var text = value.text, source = value.source, unset: String? = nil
            if text == nil {
                (text, source, unset) = fallback(for: setting, in: settings) ?? (nil, value.source, setting.unsetMeaning)
            }
            return Line(
                key: setting.key, value: text.map(setting.shown), source: source.name, flag: setting.flag,
                environment: setting.environmentVariable, unset: unset, summary: setting.summary)
        }
    }

    /// What stands in for a setting nobody gave, where something outside the catalogue
    /// decides: libpq's PG* variables for the database, `govreg use` for the district.
    private static func fallback(for setting: Setting, in settings: Settings) -> (String?, SettingSource, String?)? {
        switch setting {
        case .databaseURL:
            let variables = DatabaseOptions.connectionVariablesSet()
            guard !variables.isEmpty else {
                let folder = settings.text(.dataDirectory) ?? ".govreg"
                return (nil, .defaultValue, "embedded cluster 内置数据库 in \(folder)")
            }
            let environment = ProcessInfo.processInfo.environment
            return (variables.map { "\($0)=\(environment[$0] ?? "")" }.joined(separator: " "), .libpq(variables), nil)
        case .tenant:
            guard let saved = try? DefaultDistrict.saved() else { return nil }
            return (saved, .savedDistrict(DefaultDistrict.configFile.path), nil)
        default:
            return nil
        }
    }
}
