import Foundation

/// A configuration file: JSON, one object per part, as `govreg config --json` names the keys:
///
/// ```json
/// {"database": {"url": "postgresql://govreg@db.example.org/govreg"},
///  "serve": {"host": "0.0.0.0", "port": 8080, "pool-size": 32}}
/// ```
///
/// Read here rather than by swift-configuration's `FileProvider`: every key must be checked
/// against the catalogue (a misspelt key silently ignored is the worst kind of setting), and a
/// value is kept as the text written, so `"port": 8080` and `"port": "8080"` are the same and
/// a bad one is quoted back as it stands in the file.
enum SettingsFile {
    /// The file's values by setting key (`serve.port`), as text.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - namedBy: What named it (`--config` or `GOVREG_CONFIG`), for the message when it cannot be read.
    /// - Throws: ``SettingsError`` naming the file, and the key when one is wrong.
    static func values(at path: String, namedBy: String) throws -> [Setting: String] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "无法读取 cannot be read (\(Self.reason(error)))" : "文件不存在 no such file"
            throw SettingsError.unreadableFile(path: path, namedBy: namedBy, reason: reason)
        }
        let document: Node
        do {
            document = try JSONDecoder().decode(Node.self, from: data)
        } catch {
            throw SettingsError.malformedFile(path: path, reason: "不是有效的 JSON not valid JSON (\(Self.reason(error)))")
        }
        guard case .object = document else {
            throw SettingsError.malformedFile(path: path, reason: "须为 JSON 对象 not a JSON object {…}")
        }
        var values: [Setting: String] = [:]
        for (key, text) in try document.leaves(path: path) {
            guard let setting = Setting.named(key) else { throw SettingsError.unknownKey(path: path, key: key) }
            guard setting.readFromFile else { throw SettingsError.keyNotForFile(path: path, setting: setting) }
            values[setting] = text
        }
        return values
    }

    /// The last words of a Foundation error, without its type's clutter.
    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" }) ?? context.debugDescription
        }
        return error.localizedDescription
    }

    /// A JSON value, numbers and booleans kept as their text.
    private enum Node: Decodable {
        case object([String: Node])
        case text(String)
        case list
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let truth = try? container.decode(Bool.self) {
                self = .text(truth ? "true" : "false")
            } else if let whole = try? container.decode(Int.self) {
                self = .text(String(whole))
            } else if let number = try? container.decode(Double.self) {
                self = .text(String(number))
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if (try? container.decode([Node].self)) != nil {
                self = .list
            } else {
                self = .object(try container.decode([String: Node].self))
            }
        }

        /// Every value with its dotted key; null counts as absent.
        func leaves(prefix: String = "", path: String) throws -> [(String, String)] {
            switch self {
            case .object(let members):
                return try members.sorted { $0.key < $1.key }.flatMap { key, node in
                    try node.leaves(prefix: prefix.isEmpty ? key : prefix + "." + key, path: path)
                }
            case .text(let text):
                return [(prefix, text)]
            case .null:
                return []
            case .list:
                guard let setting = Setting.named(prefix) else { throw SettingsError.unknownKey(path: path, key: prefix) }
                throw SettingsError.badValue(setting: setting, text: "[…]", source: .file(path), problem: "须为单个值 a list, not one value")
            }
        }
    }
}
