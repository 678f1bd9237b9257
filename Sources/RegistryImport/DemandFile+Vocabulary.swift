import Registry

/// Every spelling a file may use for the values of one vocabulary, for a dictionary lookup
/// per cell (rather than a scan of every value's names per cell), and the list of accepted
/// values for the message when a cell matches none.
struct Spellings<Value: Sendable>: Sendable {
    /// Spelling → value; English spellings in lowercase (cells are looked up as written,
    /// then lowercased).
    let values: [String: Value]
    /// `value (中文名)`, for messages.
    let allowed: String

    init(values: [String: Value], allowed: String) {
        self.values = values
        self.allowed = allowed
    }
}

extension Spellings where Value: Vocabulary {
    /// The raw value, the Chinese name and aliases and the English name of each case, plus
    /// `extra` spellings.
    init(_ type: Value.Type, extra: [String: Value] = [:]) {
        var values: [String: Value] = [:]
        for value in Value.allCases {
            values[value.rawValue] = value
            values[value.englishName.lowercased()] = value
            values[value.chineseName] = value
            for alias in value.chineseAliases { values[alias] = value }
        }
        values.merge(extra) { stored, _ in stored }
        let allowed = Value.allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
        self.init(values: values, allowed: allowed)
    }
}

extension DemandFile {
    static let states = Spellings(DemandState.self)
    static let levels = Spellings(EscalationLevel.self)

    /// docs/csv-columns.md names volunteer hours 志愿服务时长; the domain's name is 志愿服务小时.
    static let measureUnits = Spellings(MeasureUnit.self, extra: ["志愿服务时长": .volunteerHours])

    /// Every spelling of the channels `channels` knows: the core's and the shipped modules'.
    static func spellings(of channels: SourceChannels) -> Spellings<SourceChannel> {
        var values: [String: SourceChannel] = [:]
        for entry in channels.entries {
            values[entry.channel.rawValue] = entry.channel
            values[entry.chineseName] = entry.channel
            values[entry.englishName.lowercased()] = entry.channel
        }
        let allowed = channels.entries.map { "\($0.channel.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
        return Spellings(values: values, allowed: allowed)
    }
}
