/// Why the settings could not be read: each case names the file, the key or the flag, and
/// where a bad value came from, so that the person knows which of the four places to fix.
/// Nothing has started when one is thrown.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// A file named by `--config` or `GOVREG_CONFIG` that is not there or cannot be read.
    case unreadableFile(path: String, namedBy: String, reason: String)
    /// The file is not JSON, or not a JSON object of objects.
    case malformedFile(path: String, reason: String)
    /// A key the catalogue does not know (a typo would otherwise be ignored silently).
    case unknownKey(path: String, key: String)
    /// A key that belongs to a person or a shell, not to a file (``Setting/readFromFile``).
    case keyNotForFile(path: String, setting: Setting)
    /// A value that is not a value of its setting.
    case badValue(setting: Setting, text: String, source: SettingSource, problem: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let namedBy, let reason):
            return "配置文件 configuration file \(path) (\(namedBy)): \(reason)"
        case .malformedFile(let path, let reason):
            return "配置文件 configuration file \(path): \(reason)"
        case .unknownKey(let path, let key):
            let known = Setting.catalogue.filter(\.readFromFile).map(\.key).joined(separator: ", ")
            return "配置文件 configuration file \(path): 未知的键 unknown key \(key) (known: \(known))"
        case .keyNotForFile(let path, let setting):
            let ways = [setting.flag, setting.environmentVariable].compactMap { $0 }.joined(separator: " or ")
            return "配置文件 configuration file \(path): 不从文件读取 \(setting.key) is not read from a file; give it with \(ways)"
        case .badValue(let setting, let text, let source, let problem):
            let shown = setting.shown(text)
            switch source {
            case .flag(let flag): return "\(flag) \(shown): \(problem)"
            case .environment(let variable): return "\(variable)=\(shown) (环境变量 environment): \(problem)"
            case .file(let path): return "\(setting.key) = \"\(shown)\" from \(path): \(problem)"
            case .defaultValue, .savedDistrict, .libpq: return "\(setting.key) = \"\(shown)\": \(problem)"
            }
        }
    }
}
