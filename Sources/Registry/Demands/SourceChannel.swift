/// How a demand reached the registry: a door-to-door visit, a grid worker's report, a bench
/// talk, the 12345 hotline …
///
/// An open set, not an enum: plug-in modules add their own intake channels (a mediation
/// room, a round-table meeting), and the core must store and show those without knowing
/// them. A channel is a validated snake_case code; the channels every district has are
/// the static members, with names in both languages. A module's channel shows its code
/// until the module supplies names for it.
///
/// A module contributes its channels (``IntakeChannel``, with their names), and the core reads
/// them from the catalogue (``SourceChannels``): the bench talk's `bench_talk` is the
/// BenchTalk module's, not the core's.
///
/// ```swift
/// let channel = SourceChannel.gridReport
/// channel.rawValue      // "grid_report"
/// channel.chineseName   // "网格上报"
/// let custom = try SourceChannel("round_table")
/// ```
public struct SourceChannel: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The longest accepted code.
    public static let maximumLength = 63
    /// The shape of a code, as the database's CHECK has it (migration 0007): two to 63
    /// characters.
    public static let codePattern = "^[a-z][a-z0-9_]{1,62}$"

    /// The code as stored, e.g. `door_to_door`.
    public let rawValue: String

    /// Checks and wraps a channel code.
    ///
    /// - Parameter code: Lowercase ASCII letters, digits and underscores, starting with a
    ///   letter, 2 to 63 characters (a module's codes look like the core's).
    /// - Throws: ``RegistryError`` (`invalidValue`, field `source_channel`).
    public init(_ code: String) throws {
        let bytes = Array(code.utf8)
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard (2...Self.maximumLength).contains(bytes.count), isLetter(bytes[0]),
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
        else {
            throw RegistryError.invalid(
                "source_channel",
                chinese: "来源渠道代码「\(code)」须以小写字母开头，只含小写字母、数字和下划线",
                english: "source channel '\(code)' must be lowercase letters, digits and underscores, starting with a letter"
            )
        }
        rawValue = code
    }

    private init(known code: String) {
        rawValue = code
    }

    /// 入户走访: staff or party members visiting households.
    public static let doorToDoor = SourceChannel(known: "door_to_door")
    /// 网格上报: reported by a grid worker.
    public static let gridReport = SourceChannel(known: "grid_report")
    /// 12345热线: the government service hotline.
    public static let hotline12345 = SourceChannel(known: "hotline_12345")
    /// 网上: an online form or mini-program.
    public static let online = SourceChannel(known: "online")
    /// 网上报事: a residents' reporting app or a hotline's system, through Open311 GeoReport v2.
    public static let open311 = SourceChannel(known: "open311")
    /// 其他: anything else.
    public static let other = SourceChannel(known: "other")

    /// The channels of the core, which every district has, in display order.
    public static let known: [SourceChannel] = [
        .doorToDoor, .gridReport, .hotline12345, .online, .open311, .other,
    ]

    private static let names: [String: (chinese: String, english: String)] = [
        "door_to_door": ("入户走访", "door-to-door visit"),
        "grid_report": ("网格上报", "grid report"),
        "hotline_12345": ("12345热线", "12345 hotline"),
        "online": ("网上", "online"),
        "open311": ("网上报事", "Open311 report"),
        "other": ("其他", "other"),
    ]

    /// Whether this is one of the ``known`` channels.
    public var isKnown: Bool { Self.names[rawValue] != nil }

    /// The Chinese name of a known channel; a module's channel shows its code.
    public var chineseName: String { Self.names[rawValue]?.chinese ?? rawValue }

    /// The English name of a known channel; a module's channel shows its code.
    public var englishName: String { Self.names[rawValue]?.english ?? rawValue }

    /// Decodes and validates a bare code.
    public init(from decoder: any Decoder) throws {
        self = try decodeValidated(from: decoder) { try SourceChannel($0) }
    }

    /// Encodes the bare code.
    public func encode(to encoder: any Encoder) throws {
        try encodeText(rawValue, to: encoder)
    }

    /// The code.
    public var description: String { rawValue }
}
