/// One resource as the engine sees it: a stable id and how much it can still give.
///
/// ```swift
/// let resource = ResourceInput(id: "R000007", capacity: 12)
/// ```
public struct ResourceInput: Sendable, Hashable, Codable {
    /// The stable id (the registry's row id, or a file's text id).
    public var id: MatchID
    /// The capacity still available, 0 or more.
    public var capacity: Int64

    /// Makes a resource.
    ///
    /// - Parameters:
    ///   - id: The stable id.
    ///   - capacity: The capacity still available, 0 or more.
    public init(id: MatchID, capacity: Int64) {
        self.id = id
        self.capacity = capacity
    }
}
