public import Foundation
public import Logging
import Synchronization

/// A swift-log handler writing one JSON object per line (`govreg serve --log-format json`),
/// for log collectors that read JSON lines (journald's `MESSAGE`, Loki, Elasticsearch).
///
/// Each line holds `time` (UTC, milliseconds), `level`, `label`, `message`, then the
/// metadata as fields of their own: the handler's, the metadata provider's and the call's,
/// the call's winning. A metadata key that is one of those four names is written as
/// `metadata.<key>`. JSONEncoder does the escaping, so a message with quotes, newlines or
/// control characters stays one line and one object.
///
/// ```swift
/// LoggingSystem.bootstrap { JSONLogHandler.standardError(label: $0) }
/// Logger(label: "govreg.http").info("request", metadata: ["status": "200"])
/// // {"time":"2026-12-06T20:15:02.118Z","level":"info","label":"govreg.http","message":"request","status":"200"}
/// ```
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let write: @Sendable (Data) -> Void

    /// A handler passing each line (with its newline) to `write`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (Data) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    /// A handler writing to standard error, one whole line per write so lines never interleave.
    public static func standardError(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> JSONLogHandler {
        JSONLogHandler(label: label, metadataProvider: metadataProvider) { line in
            standardErrorLock.withLock { _ in FileHandle.standardError.write(line) }
        }
    }

    private static let standardErrorLock = Mutex(())

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var metadata = metadata
        if let provided = metadataProvider?.get() { metadata.merge(provided) { _, new in new } }
        if let given = event.metadata { metadata.merge(given) { _, new in new } }
        let fields = [("time", JSONLogValue.string(Self.timestamp(Date()))), ("level", .string(event.level.rawValue)),
                      ("label", .string(label)), ("message", .string(event.message.description))]
            + metadata.map { key, value in (Self.reserved.contains(key) ? "metadata.\(key)" : key, JSONLogValue(value)) }.sorted { $0.0 < $1.0 }
        guard var data = try? Self.object(fields) else { return }
        data.append(0x0A)
        write(data)
    }

    /// `2026-12-06T20:15:02.118Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static let reserved: Set<String> = ["time", "level", "label", "message"]

    /// One JSON object with its members in the order given (the fixed fields first, where a
    /// reader looks): each key and value is encoded, and so escaped, by JSONEncoder, which
    /// on its own would put the members in no particular order.
    static func object(_ members: [(String, JSONLogValue)]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        var data = Data("{".utf8)
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(try encoder.encode(key))
            data.append(UInt8(ascii: ":"))
            data.append(try encoder.encode(value))
        }
        data.append(UInt8(ascii: "}"))
        return data
    }
}

/// A metadata value as JSON: strings as strings, numbers and booleans given as
/// `.stringConvertible` as JSON numbers and booleans, lists and dictionaries as arrays and objects.
enum JSONLogValue: Encodable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case array([JSONLogValue])
    case object([String: JSONLogValue])

    init(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let number as any BinaryInteger: self = Int64(exactly: number).map(JSONLogValue.integer) ?? .string(convertible.description)
            case let number as Double where number.isFinite: self = .number(number)
            case let flag as Bool: self = .boolean(flag)
            default: self = .string(convertible.description)
            }
        case .array(let values): self = .array(values.map(JSONLogValue.init))
        case .dictionary(let values): self = .object(values.mapValues(JSONLogValue.init))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .number(let number): try container.encode(number)
        case .boolean(let flag): try container.encode(flag)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        }
    }
}
