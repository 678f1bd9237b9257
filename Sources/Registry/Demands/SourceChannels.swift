/// The source channels a build of govreg knows, with their names: the core's
/// (``SourceChannel/known``) and those its modules contribute (``IntakeChannel``), as the
/// catalogue gathers them (``ModuleCatalogue/sourceChannels``).
///
/// What reads or shows a channel by name (an import file's `来源渠道` column, the report's
/// breakdown, an export in Chinese) asks this rather than the core's list, so that a module's
/// channel is read and named like the core's.
///
/// ```swift
/// let channels = catalogue.sourceChannels
/// channels.chineseName(of: try SourceChannel("bench_talk"))   // "板凳会" with BenchTalk shipped
/// ```
public struct SourceChannels: Sendable {
    /// A channel and its names.
    public struct Entry: Sendable, Hashable {
        public var channel: SourceChannel
        public var chineseName: String
        public var englishName: String
    }

    /// The core's channels, then the modules', in the catalogue's order.
    public let entries: [Entry]
    private let byCode: [String: Entry]

    /// The core's channels only (what a caller without a catalogue knows).
    public static let core = SourceChannels(modules: [])

    /// The core's channels and `modules`' (a module's channel never renames a core one).
    public init(modules: [IntakeChannel]) {
        var entries = SourceChannel.known.map { Entry(channel: $0, chineseName: $0.chineseName, englishName: $0.englishName) }
        for intake in modules where !entries.contains(where: { $0.channel == intake.channel }) {
            entries.append(Entry(channel: intake.channel, chineseName: intake.chineseName, englishName: intake.englishName))
        }
        self.entries = entries
        byCode = Dictionary(entries.map { ($0.channel.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the channel is the core's or a shipped module's.
    public func contains(_ channel: SourceChannel) -> Bool { byCode[channel.rawValue] != nil }

    /// The Chinese name, or the code of a channel nothing here names (data of a module no
    /// longer shipped).
    public func chineseName(of channel: SourceChannel) -> String { byCode[channel.rawValue]?.chineseName ?? channel.rawValue }

    /// The English name, or the code.
    public func englishName(of channel: SourceChannel) -> String { byCode[channel.rawValue]?.englishName ?? channel.rawValue }
}
