/// A quantity of one resource assigned to a project.
public struct Allocation: Hashable, Sendable, Codable {
    /// The resource drawn on.
    public var resource: ResourceID
    /// How much of it, in the resource's unit.
    public var quantity: Quantity

    /// Makes an allocation.
    public init(resource: ResourceID, quantity: Quantity) {
        self.resource = resource
        self.quantity = quantity
    }
}
