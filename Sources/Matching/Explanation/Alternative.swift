/// A resource that could have served a demand (or was ruled out) but gave it nothing, and why.
///
/// The reasons follow from optimality: a resource with spare capacity that an unfilled demand
/// could use would raise S, so it cannot exist; a resource with spare capacity is unused by a
/// filled demand only if it costs at least as much per unit as what the demand got.
public struct Alternative: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The resource.
    public var resource: MatchID
    /// Its unit cost for this demand (`nil` when the pair was ineligible).
    public var unitCost: Int64?
    /// Why it gave this demand nothing.
    public var reason: Reason

    /// Why an alternative was not used.
    public enum Reason: Sendable, Hashable, Codable {
        /// It had spare capacity, but costs this much more per unit than the dearest unit the
        /// demand got (the demand was filled more cheaply).
        case dearer(by: Int64)
        /// It had spare capacity at the same unit cost; the tie went elsewhere (older demand,
        /// then lower id).
        case tie
        /// Its capacity is used up by these demands (at most three named, by priority, then
        /// age), `others` more not named. A competitor of higher priority outranks this
        /// demand; one of equal or lower priority got it because that was cheaper for the
        /// system as a whole (its own alternatives were dearer or absent).
        case full(competitors: [Competitor], others: Int)
        /// The pair was ruled out by an eligibility rule, for this reason.
        case ineligible(String)
    }

    /// Makes an entry.
    public init(resource: MatchID, unitCost: Int64?, reason: Reason) {
        self.resource = resource
        self.unitCost = unitCost
        self.reason = reason
    }

    /// E.g. `R9 at 400: full — D7 (p5) ×2, D11 (p4) ×1 and 3 more`.
    public var description: String { description(quantity: { String($0) }) }

    /// The description with quantities written by `quantity` (e.g. yuan from fen).
    public func description(quantity: (Int64) -> String) -> String {
        let head = unitCost.map { "\(resource) at \($0)" } ?? "\(resource)"
        switch reason {
        case let .dearer(by: extra): return "\(head): dearer by \(extra) per unit 更贵"
        case .tie: return "\(head): equally cheap; the tie went to an older or lower-id demand 同价"
        case let .full(competitors, others):
            let names = competitors.map { $0.description(quantity: quantity) }.joined(separator: ", ")
            return "\(head): full 已满 — \(names.isEmpty ? "no other demand" : names)\(others > 0 ? " and \(others) more" : "")"
        case let .ineligible(text): return "\(head): not eligible 不符合条件 — \(text)"
        }
    }
}
