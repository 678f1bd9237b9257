public import Foundation
public import Registry

/// One project with its demands, allocations, milestones, progress reports and history.
public struct ProjectDetail: Sendable, Encodable {
    public var project: ProjectRecord
    public var description: String?
    public var cancelReason: String?
    public var ratingComment: String?
    public var demands: [ProjectDemandLine]
    public var allocations: [ProjectAllocationLine]
    public var milestones: [ProjectMilestoneLine]
    public var progress: [ProjectProgressLine]
    public var events: [ProjectEventLine]
}

/// A demand a project serves, and where it stands.
public struct ProjectDemandLine: Sendable, Hashable, Codable {
    public var id: Int64
    public var externalID: String?
    public var title: String
    public var state: DemandState
    public var settledLevel: EscalationLevel?
}

/// What a project was allocated of one resource, and what it holds now.
public struct ProjectAllocationLine: Sendable, Hashable, Encodable {
    public var resourceID: Int64
    public var resourceExternalID: String?
    public var title: String
    public var measureUnit: MeasureUnit
    /// In the resource's stored amount (fen for yuan).
    public var quantity: Int64
    /// Drawn minus returned.
    public var held: Int64
}

/// A planned step of a project.
public struct ProjectMilestoneLine: Sendable, Hashable, Codable {
    public var id: Int64
    public var title: String
    public var dueOn: CivilDate?
    public var doneOn: CivilDate?
}

/// A progress report (每季度汇报).
public struct ProjectProgressLine: Sendable, Hashable, Codable {
    public var reportedOn: CivilDate
    public var percent: Int
    public var note: String?
    /// Links to photos or documents.
    public var attachments: [String]
    public var actor: String
}

/// A recorded move of a project's workflow.
public struct ProjectEventLine: Sendable, Hashable, Codable {
    public var from: ProjectStatus
    public var to: ProjectStatus
    public var actor: String
    public var at: Date
    public var note: String?
    public var reason: String?
}

extension ProjectAllocationLine {
    private enum CodingKeys: String, CodingKey { case resourceID, resourceExternalID, title, measureUnit, quantity, held }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(resourceID, forKey: .resourceID)
        try c.encodeIfPresent(resourceExternalID, forKey: .resourceExternalID)
        try c.encode(title, forKey: .title)
        try c.encode(measureUnit, forKey: .measureUnit)
        try c.encode(quantity, in: measureUnit, forKey: .quantity)
        try c.encode(held, in: measureUnit, forKey: .held)
    }
}
