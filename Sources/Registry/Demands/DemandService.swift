/// How far the projects working on a demand serve it: what the rule "a partly served demand
/// keeps its unmet remainder on the list" reads.
///
/// A project made by a matching run serves a measured part of a demand (120 of its 200
/// volunteer hours); a project made by hand serves its demands whole. Cancelled projects
/// serve nothing.
public struct DemandService: Sendable, Hashable {
    /// The demand's quantity, in its unit's stored form.
    public var quantity: Int64
    public var measureUnit: MeasureUnit
    /// What live projects serve of it, measured.
    public var served: Int64
    /// Whether a live project serves it whole (made by hand).
    public var servedWhole: Bool
    /// Live projects still planned or in progress.
    public var openProjects: Int

    public init(quantity: Int64, measureUnit: MeasureUnit, served: Int64 = 0, servedWhole: Bool = false, openProjects: Int = 0) {
        self.quantity = quantity
        self.measureUnit = measureUnit
        self.served = served
        self.servedWhole = servedWhole
        self.openProjects = openProjects
    }

    /// What no project serves yet: matchable need.
    public var unmet: Int64 { servedWhole ? 0 : max(quantity - served, 0) }

    /// Whether the demand is met once its projects are done: nothing unmet and none open.
    /// A demand with an unmet remainder stays in its project (in_project) and on the list.
    public var settles: Bool { unmet == 0 && openProjects == 0 }
}
