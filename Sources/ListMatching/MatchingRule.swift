public import Matching

/// An extra eligibility rule or cost term a plug-in module adds to matching, already loaded
/// with what it needs (see `MatchingAdjustment` in RegistryStore, which prepares it).
///
/// It runs on each category after the district's own rules, through the engine's seams:
/// ``Matching/CategoryProblem/excludeArcs(reason:)`` for eligibility (the reason reaches the
/// explanations) and ``Matching/CategoryProblem/addCostTerm(named:amount:)`` for a cost term
/// (named in every allocation's terms).
public protocol MatchingRule: Sendable {
    /// Adjusts one category's problem.
    ///
    /// - Parameters:
    ///   - problem: The category, with ids that are the snapshot's row ids.
    ///   - snapshot: The lists the run read.
    func apply(to problem: inout CategoryProblem, snapshot: MatchingSnapshot) throws
}
