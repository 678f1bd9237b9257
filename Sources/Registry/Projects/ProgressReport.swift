public import Foundation

/// A progress report on a project (每季度汇报): the day, how far along it is, a note and
/// optional links to photos or documents.
///
/// ```swift
/// let report = try ProgressReport(on: try CivilDate("2024-06-30"), percentage: 60, note: "路基完成")
/// ```
public struct ProgressReport: Hashable, Sendable, Codable {
    /// The day of the report.
    public let on: CivilDate
    /// How far along the work is, 0 to 100.
    public let percentage: Int
    /// What was done.
    public let note: String?
    /// Links to photos or documents.
    public let attachments: [URL]

    /// Checks and makes a report.
    ///
    /// - Parameters:
    ///   - on: The day of the report.
    ///   - percentage: 0 to 100.
    ///   - note: What was done, at most 2000 characters.
    ///   - attachments: Links to photos or documents.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `percentage` or `note`).
    public init(on: CivilDate, percentage: Int, note: String? = nil, attachments: [URL] = []) throws {
        guard (0...100).contains(percentage) else {
            throw RegistryError.invalid(
                "percentage",
                chinese: "进度须为 0–100，收到 \(percentage)",
                english: "progress must be 0–100 percent, got \(percentage)"
            )
        }
        self.on = on
        self.percentage = percentage
        self.note = try optionalText(note, field: "note", limit: DemandWorkflow.maximumTextLength)
        self.attachments = attachments
    }

    private enum CodingKeys: String, CodingKey {
        case on, percentage, note, attachments
    }

    /// Decodes a report and validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let on = try container.decode(CivilDate.self, forKey: .on)
        let percentage = try container.decode(Int.self, forKey: .percentage)
        let note = try container.decodeIfPresent(String.self, forKey: .note)
        let attachments = try container.decodeIfPresent([URL].self, forKey: .attachments) ?? []
        do {
            try self.init(on: on, percentage: percentage, note: note, attachments: attachments)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .percentage, in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes the report.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(on, forKey: .on)
        try container.encode(percentage, forKey: .percentage)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(attachments, forKey: .attachments)
    }
}
