import ArgumentParser
public import Foundation

/// The district a command works in when `--tenant` is not given, so that the staff of one
/// district need not type it on every command: `GOVREG_TENANT`, else the district
/// `govreg use` wrote to the config file. The flag comes first, then the variable, then the
/// file; whichever names it, the district is looked up as a `--tenant` is.
public enum DefaultDistrict {
    /// Where a command's district came from.
    public enum Source: Equatable {
        case flag
        case environment
        case file(String)

        /// How a message names it, e.g. in a "no such district" refusal.
        public var name: String {
            switch self {
            case .flag: "--tenant"
            case .environment: "GOVREG_TENANT"
            case .file(let path): "govreg use (\(path))"
            }
        }
    }

    /// What a command needing a district says when none was given, in both languages, with the three ways to give one.
    public static var missing: String {
        """
        未指定区县 no district given. 任选其一 give it any one way:
          --tenant TENANT                这一条命令 for this command
          export GOVREG_TENANT=TENANT    这个终端 for this shell
          govreg use TENANT              以后默认 from now on (saved in \(configFile.path))
        """
    }

    /// The district named by `flag`, `GOVREG_TENANT` or the config file, in that order, and
    /// where it came from; nil when none names one.
    public static func chosen(flag: String?) throws -> (key: String, source: Source)? {
        if let flag { return (flag, .flag) }
        if let variable = environmentValue { return (variable, .environment) }
        if let saved = try saved() { return (saved, .file(configFile.path)) }
        return nil
    }

    /// `GOVREG_TENANT`, unless unset or blank.
    public static var environmentValue: String? {
        guard let value = ProcessInfo.processInfo.environment["GOVREG_TENANT"]?.trimmingCharacters(in: .whitespaces),
              !value.isEmpty else { return nil }
        return value
    }

    /// `$XDG_CONFIG_HOME/govreg/config.json`, else `~/.config/govreg/config.json`, as the XDG
    /// base directories say.
    public static var configFile: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? URL(filePath: $0) : nil }
            ?? URL(filePath: environment["HOME"] ?? NSHomeDirectory()).appending(path: ".config")
        return base.appending(path: "govreg").appending(path: "config.json")
    }

    /// The file's content; only the district for now.
    private struct Config: Codable {
        var tenant: String?
    }

    /// The district `govreg use` saved, if any.
    public static func saved() throws -> String? {
        guard let data = FileManager.default.contents(atPath: configFile.path) else { return nil }
        do {
            return try JSONDecoder().decode(Config.self, from: data).tenant
        } catch {
            throw ValidationError(
                "配置文件无法读取 cannot read \(configFile.path): \(error). "
                    + "修正或清除 fix it, or forget it with `govreg use --clear`")
        }
    }

    /// Saves `slug` as the default district.
    public static func save(_ slug: String) throws {
        let file = configFile
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(Config(tenant: slug)).write(to: file, options: .atomic)
    }

    /// Forgets the default district (the file goes: it holds nothing else); true when there
    /// was one to forget.
    public static func forget() throws -> Bool {
        guard FileManager.default.fileExists(atPath: configFile.path) else { return false }
        try FileManager.default.removeItem(at: configFile)
        return true
    }
}
