import Configuration
public import Foundation
import Synchronization

/// Where a setting's value came from.
public enum SettingSource: Sendable, Equatable {
    /// A flag on the command line, e.g. `--port`.
    case flag(String)
    /// An environment variable, e.g. `GOVREG_PORT`.
    case environment(String)
    /// The configuration file at this path.
    case file(String)
    /// The built-in default.
    case defaultValue
    /// The district `govreg use` saved in this file (``DefaultDistrict``).
    case savedDistrict(String)
    /// libpq's own PG* variables, which name the database when no URL does.
    case libpq([String])

    /// How `govreg config` names it.
    public var name: String {
        switch self {
        case .flag(let flag): "flag \(flag)"
        case .environment(let variable): "environment \(variable)"
        case .file(let path): "file \(path)"
        case .defaultValue: "default"
        case .savedDistrict(let path): "govreg use (\(path))"
        case .libpq(let variables): "libpq \(variables.joined(separator: " "))"
        }
    }
}

/// The settings of this run of govreg: every setting of the ``Setting/catalogue`` with its
/// value and where it came from, read through swift-configuration with the sources in order
/// of precedence: command-line flag, environment variable, configuration file (`--config`
/// or `GOVREG_CONFIG`), built-in default. Every value is checked when read.
///
/// ```swift
/// let settings = try Settings.read(flags: [.port: "9000"])
/// settings.wholeNumber(.port)   // 9000
/// settings[.port].source        // .flag("--port")
/// ```
public struct Settings: Sendable {
    /// A setting's value (nil: none, see ``Setting/unsetMeaning``) and where it came from.
    public struct Value: Sendable, Equatable {
        public var text: String?
        public var source: SettingSource

        public init(text: String?, source: SettingSource) {
            self.text = text
            self.source = source
        }
    }

    private var values: [Setting: Value]
    /// The configuration file read, if any.
    public let file: String?

    public subscript(setting: Setting) -> Value {
        values[setting] ?? Value(text: setting.defaultValue, source: .defaultValue)
    }

    /// Reads every setting.
    ///
    /// - Parameters:
    ///   - flags: The flags given on the command line, as typed, by setting.
    ///   - environment: The process's environment (a blank variable counts as unset).
    /// - Returns: The settings, each value checked.
    /// - Throws: ``SettingsError`` naming the file, the key or the flag, and the source of a bad value.
    ///   - checks: The settings whose bad values stop this command (default: all). A value
    ///     this command does not check, and is bad, is left out as if unset.
    public static func read(
        flags: [Setting: String], environment: [String: String] = ProcessInfo.processInfo.environment,
        checking checks: (Setting) -> Bool = { _ in true }
    ) throws -> Settings {
        let environment = environment.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        let named: (path: String, by: String)? = flags[.configFile].map { ($0, "--config") }
            ?? environment[Setting.configFile.environmentVariable].map { ($0, Setting.configFile.environmentVariable) }
        let file = named?.path
        let fileValues = try named.map { try SettingsFile.values(at: $0.path, namedBy: $0.by) } ?? [:]
        // The order of the providers is the order of precedence; the recorder learns which
        // of them answered each key.
        let recorder = AnswerRecorder()
        let reader = ConfigReader(
            providers: [
                InMemoryProvider(name: "flags", values: configValues(flags)),
                KeyMappingProvider(
                    upstream: EnvironmentVariablesProvider(
                        environmentVariables: environment,
                        secretsSpecifier: .specific(Set(Setting.catalogue.filter { $0.isSecret }.map(\.environmentVariable)))),
                    keyMapper: { key in AbsoluteConfigKey([Setting.named(key.components.joined(separator: "."))?.environmentVariable ?? "GOVREG_"]) }),
                InMemoryProvider(name: "file", values: configValues(fileValues)),
            ],
            accessReporter: recorder)
        var values: [Setting: Value] = [:]
        for setting in Setting.catalogue {
            let key = ConfigKey(setting.key.split(separator: ".").map(String.init))
            guard let text = reader.string(forKey: key, isSecret: setting.isSecret),
                  let answered = recorder.answered(setting.key) else { continue }
            let source: SettingSource = switch answered {
            case 0: .flag(setting.flag ?? setting.key)
            case 1: .environment(setting.environmentVariable)
            default: .file(file ?? "")
            }
            if let problem = setting.problem(with: text) {
                guard checks(setting) else { continue }
                throw SettingsError.badValue(setting: setting, text: text, source: source, problem: problem)
            }
            if case .choice = setting.kind { values[setting] = Value(text: text.lowercased(), source: source) }
            else { values[setting] = Value(text: text, source: source) }
        }
        return Settings(values: values, file: file)
    }

    private static func configValues(_ texts: [Setting: String]) -> [AbsoluteConfigKey: ConfigValue] {
        Dictionary(uniqueKeysWithValues: texts.map { setting, text in
            (AbsoluteConfigKey(setting.key.split(separator: ".").map(String.init)), ConfigValue(.string(text), isSecret: setting.isSecret))
        })
    }
}

extension Settings {
    /// The value as text, nil when the setting has none.
    public func text(_ setting: Setting) -> String? { self[setting].text }

    /// A ``Setting/Kind/port`` or ``Setting/Kind/wholeNumber(_:)`` setting's value (checked when read).
    public func wholeNumber(_ setting: Setting) -> Int { text(setting).flatMap { Int($0) } ?? 0 }

    /// A ``Setting/Kind/positiveNumber`` setting's value (checked when read).
    public func number(_ setting: Setting) -> Double { text(setting).flatMap { Double($0) } ?? 0 }

    /// A ``Setting/Kind/boolean`` setting's value (checked when read).
    public func isOn(_ setting: Setting) -> Bool { text(setting).flatMap(Setting.truth) ?? false }
}

/// Learns, for each key read, the index of the provider that gave its value: the
/// configuration reader reports every access, with each provider's answer in order.
private final class AnswerRecorder: AccessReporter {
    private let answers = Mutex<[String: Int]>([:])

    func report(_ event: AccessEvent) {
        let index = event.providerResults.firstIndex { (try? $0.result.get().value) != nil }
        let key = event.metadata.key.components.joined(separator: ".")
        answers.withLock { $0[key] = index }
    }

    func answered(_ key: String) -> Int? {
        answers.withLock { $0[key] }
    }
}
