import Foundation

/// A new project as a door hands it in, before the store resolves its references: the
/// demands it serves and what it draws from which resources (the write side of the project
/// list).
///
/// `govreg project create`, the API and the project file build one, and every door's values
/// pass the same ``checked(on:door:)``; the store resolves the unit, the demands and the
/// resources and makes the project in one transaction.
///
/// ```swift
/// let draft = ProjectDraft(title: "幸福路路面修补", responsibleUnit: "U001", demands: ["D00017"],
///                          allocations: [ProjectAllocationRequest(resource: "R0012", quantity: "5000")])
/// let checked = try draft.checked(on: today, door: .api)
/// ```
public struct ProjectDraft: Sendable, Hashable {
    /// The district's own id; without one the project gets `GR-P<id>`.
    public var externalID: String?
    public var title: String
    public var description: String?
    /// The responsible unit's external id (or id).
    public var responsibleUnit: String
    /// The demands served: external ids (or ids). At least one.
    public var demands: [String]
    public var allocations: [ProjectAllocationRequest]
    public var budget: Money?
    public var startsOn: CivilDate?
    public var dueOn: CivilDate?
    public var isPublic: Bool
    public var publishedOn: CivilDate?

    /// Makes a draft.
    public init(
        externalID: String? = nil, title: String, description: String? = nil, responsibleUnit: String, demands: [String],
        allocations: [ProjectAllocationRequest] = [], budget: Money? = nil, startsOn: CivilDate? = nil,
        dueOn: CivilDate? = nil, isPublic: Bool = false, publishedOn: CivilDate? = nil
    ) {
        self.externalID = externalID
        self.title = title
        self.description = description
        self.responsibleUnit = responsibleUnit
        self.demands = demands
        self.allocations = allocations
        self.budget = budget
        self.startsOn = startsOn
        self.dueOn = dueOn
        self.isPublic = isPublic
        self.publishedOn = publishedOn
    }
}

/// "Draw this much from that resource": `R0012:5000`. The quantity is written in the
/// resource's unit (yuan for funds, read as fen), so it is read once the resource is known.
public struct ProjectAllocationRequest: Sendable, Hashable {
    /// The resource's external id (or id).
    public var resource: String
    /// The quantity as written, e.g. `5000` or `1,250.50`.
    public var quantity: String

    public init(resource: String, quantity: String) {
        self.resource = resource
        self.quantity = quantity
    }

    /// Reads `RESOURCE:QTY` (the last `:` or `：` separates them).
    ///
    /// - Returns: nil when either side is missing.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let resource = text[..<colon].trimmingCharacters(in: .whitespaces)
        let quantity = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !resource.isEmpty, !quantity.isEmpty else { return nil }
        self.init(resource: resource, quantity: quantity)
    }
}
