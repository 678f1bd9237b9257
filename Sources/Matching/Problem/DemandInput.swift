/// One demand as the engine sees it: how much is needed, how urgent it is, and how old.
///
/// ```swift
/// let demand = DemandInput(id: 42, quantity: 3, priority: 5, filed: 1_709_251_200)
/// ```
public struct DemandInput: Sendable, Hashable, Codable {
    /// The stable id (the registry's row id, or a file's text id).
    public var id: MatchID
    /// The quantity needed, at least 1.
    public var quantity: Int64
    /// The priority, 1 (can wait) to 5 (most urgent): the weight of each unit served.
    public var priority: Int
    /// When it was filed, in any increasing unit (seconds, a sequence number); smaller is
    /// older. Among allocations equal in weighted quantity and cost, older demands are served
    /// first; ties in age go by id.
    public var filed: Int64

    /// Makes a demand.
    ///
    /// - Parameters:
    ///   - id: The stable id.
    ///   - quantity: The quantity needed, at least 1.
    ///   - priority: 1 to 5.
    ///   - filed: When it was filed; smaller is older. Defaults to 0 (age then decides nothing).
    public init(id: MatchID, quantity: Int64, priority: Int, filed: Int64 = 0) {
        self.id = id
        self.quantity = quantity
        self.priority = priority
        self.filed = filed
    }
}
