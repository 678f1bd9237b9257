import Foundation
import GovregCommandLine
import Testing

/// The four layers of a setting (flag > environment > file > default) and the errors that
/// name the key and where a bad value came from.
@Suite struct SettingsTests {
    /// A configuration file holding `json`, removed after `body`.
    private func withFile<T>(_ json: String, _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appending(path: "govreg-settings-\(UUID().uuidString.prefix(8)).json").path
        try Data(json.utf8).write(to: URL(filePath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// The message of the ``SettingsError`` `body` throws, or a failure when it throws none.
    private func failure(_ body: () throws -> Settings) -> String {
        do {
            _ = try body()
            Issue.record("no error")
            return ""
        } catch let error as SettingsError {
            return error.description
        } catch {
            Issue.record("not a SettingsError: \(error)")
            return ""
        }
    }

    @Test func eachLayerOutranksTheOnesBelowIt() throws {
        let none = try Settings.read(flags: [:], environment: [:])
        #expect(none[.port] == Settings.Value(text: "8080", source: .defaultValue))
        #expect(none.wholeNumber(.port) == 8080 && none.isOn(.metrics) && !none.isOn(.publicOnly))
        try withFile(#"{"serve": {"port": 7001, "rate": 2.5, "public-only": true}, "database": {"pooler": "Transaction"}}"#) { path in
            let file = try Settings.read(flags: [.configFile: path], environment: [:])
            #expect(file[.port] == Settings.Value(text: "7001", source: .file(path)))
            #expect(file.number(.rate) == 2.5 && file.isOn(.publicOnly) && file.text(.pooler) == "transaction")
            #expect(file.file == path)

            let environment = try Settings.read(flags: [:], environment: ["GOVREG_CONFIG": path, "GOVREG_PORT": "7002"])
            #expect(environment[.port] == Settings.Value(text: "7002", source: .environment("GOVREG_PORT")))
            #expect(environment[.rate].source == .file(path), "the file still gives what the environment does not")

            let flag = try Settings.read(flags: [.configFile: path, .port: "7003"], environment: ["GOVREG_PORT": "7002"])
            #expect(flag[.port] == Settings.Value(text: "7003", source: .flag("--port")))
            #expect(flag.wholeNumber(.port) == 7003)
        }
    }

    @Test func aBlankVariableCountsAsUnset() throws {
        let settings = try Settings.read(flags: [:], environment: ["GOVREG_PORT": "", "GOVREG_DATABASE_URL": " ", "GOVREG_CONFIG": ""])
        #expect(settings[.port].source == .defaultValue && settings.text(.databaseURL) == nil && settings.file == nil)
    }

    @Test func aBadValueNamesTheKeyAndItsSource() throws {
        try withFile(#"{"serve": {"port": "abc"}}"#) { path in
            let message = failure { try Settings.read(flags: [.configFile: path], environment: [:]) }
            #expect(message.contains(#"serve.port = "abc" from \#(path): 不是端口号 not a port (1–65535)"#), "\(message)")
        }
        let environment = failure { try Settings.read(flags: [:], environment: ["GOVREG_PORT": "70000"]) }
        #expect(environment.contains("GOVREG_PORT=70000 (环境变量 environment): 不是端口号 not a port (1–65535)"), "\(environment)")
        let flag = failure { try Settings.read(flags: [.poolSize: "0"], environment: [:]) }
        #expect(flag.hasPrefix("--pool-size 0: 须为整数 not a whole number 1–500"), "\(flag)")
        let word = failure { try Settings.read(flags: [:], environment: ["GOVREG_LOG_FORMAT": "yaml"]) }
        #expect(word.contains("GOVREG_LOG_FORMAT=yaml") && word.contains("text, json"), "\(word)")
        let address = failure { try Settings.read(flags: [.publicURL: "gov.example/public/"], environment: [:]) }
        #expect(address.hasPrefix("--public-url gov.example/public/: 地址无效 not an http(s) address"), "\(address)")
    }

    @Test func aCommandIsStoppedOnlyByTheSettingsItChecks() throws {
        // As `govreg db stop` reads them: a bad serve.* value (say, typed into govreg.env while
        // the service runs) is left out, and the database settings still count.
        let settings = try Settings.read(
            flags: [:], environment: ["GOVREG_POOL_SIZE": "0", "GOVREG_DATA_DIR": "/srv/cluster"],
            checking: { !$0.key.hasPrefix("serve.") })
        #expect(settings[.poolSize].source == .defaultValue)
        #expect(settings.text(.dataDirectory) == "/srv/cluster")
        let bad = failure { try Settings.read(flags: [:], environment: ["GOVREG_POOLER": "bogus"], checking: { !$0.key.hasPrefix("serve.") }) }
        #expect(bad.contains("GOVREG_POOLER=bogus"), "\(bad)")
    }

    @Test func aWrongFileIsNamedWithWhatIsWrong() throws {
        try withFile(#"{"serve": {"prot": 8080}}"#) { path in
            let message = failure { try Settings.read(flags: [.configFile: path], environment: [:]) }
            #expect(message.contains(path) && message.contains("未知的键 unknown key serve.prot"), "\(message)")
        }
        try withFile(#"{"serve": {"port": 8080,}"#) { path in
            let message = failure { try Settings.read(flags: [:], environment: ["GOVREG_CONFIG": path]) }
            #expect(message.contains(path) && message.contains("not valid JSON"), "\(message)")
        }
        try withFile(#"["serve"]"#) { path in
            let message = failure { try Settings.read(flags: [.configFile: path], environment: [:]) }
            #expect(message.contains(path) && message.contains("not a JSON object"), "\(message)")
        }
        try withFile(#"{"actor": "wang.min"}"#) { path in
            let message = failure { try Settings.read(flags: [.configFile: path], environment: [:]) }
            #expect(message.contains(path) && message.contains("actor is not read from a file") && message.contains("GOVREG_ACTOR"), "\(message)")
        }
        try withFile(#"{"serve": {"port": [8080]}}"#) { path in
            let message = failure { try Settings.read(flags: [.configFile: path], environment: [:]) }
            #expect(message.contains("serve.port") && message.contains(path) && message.contains("a list"), "\(message)")
        }
        let missing = "/nonexistent/govreg-\(UUID().uuidString.prefix(8)).json"
        let byFlag = failure { try Settings.read(flags: [.configFile: missing], environment: [:]) }
        #expect(byFlag.contains("\(missing) (--config): 文件不存在 no such file"), "\(byFlag)")
        let byVariable = failure { try Settings.read(flags: [:], environment: ["GOVREG_CONFIG": missing]) }
        #expect(byVariable.contains("\(missing) (GOVREG_CONFIG): 文件不存在 no such file"), "\(byVariable)")
    }

    @Test func everySettingHasItsOwnKeyVariableAndFlag() {
        let catalogue = Setting.catalogue
        #expect(Set(catalogue.map(\.key)).count == catalogue.count)
        #expect(Set(catalogue.map(\.environmentVariable)).count == catalogue.count)
        #expect(catalogue.allSatisfy { $0.environmentVariable.hasPrefix("GOVREG_") })
        let flags = catalogue.compactMap(\.flag)
        #expect(Set(flags).count == flags.count)
        // A default must be a good value of its own setting.
        for setting in catalogue {
            if let value = setting.defaultValue { #expect(setting.problem(with: value) == nil, "\(setting.key)") }
        }
        // serve's variables are GOVREG_ and the flag's name.
        for setting in catalogue where setting.key.hasPrefix("serve.") {
            let name = String(setting.flag?.dropFirst(2) ?? "")
            #expect(setting.environmentVariable == "GOVREG_" + name.uppercased().replacingOccurrences(of: "-", with: "_"))
            #expect(setting.key == "serve." + name)
        }
    }
}
