/// A resource that may **not** serve a demand, and why: kept so that explanations can say
/// "R7 was not eligible: outside its service area" instead of silently ignoring it.
///
/// Eligibility rules (category, unit of measure, service area, dates, plug-in modules' rules)
/// run before the engine; each pair a rule rejects can be recorded here with the rule's reason.
/// ``CategoryProblem/excludeArcs(reason:)`` moves arcs here from the arc table. Record the
/// pairs worth explaining (a nearby resource of the same category ruled out by a rule), not
/// every pair of the district: explanations list at most a few per demand anyway.
///
/// ```swift
/// problem.ineligible.append(Ineligibility(resource: 0, demand: 3, reason: "outside service area 服务范围外"))
/// ```
public struct Ineligibility: Sendable, Hashable, Codable {
    /// The resource's position in ``CategoryProblem/resources``.
    public var resource: Int
    /// The demand's position in ``CategoryProblem/demands``.
    public var demand: Int
    /// Why the pair is not eligible, in words for an admin.
    public var reason: String

    /// Records an ineligible pair.
    ///
    /// - Parameters:
    ///   - resource: The resource's position in the category's resources.
    ///   - demand: The demand's position in the category's demands.
    ///   - reason: Why the pair is not eligible.
    public init(resource: Int, demand: Int, reason: String) {
        self.resource = resource
        self.demand = demand
        self.reason = reason
    }
}
