/// The engine's input bounds. They keep every sum the solver forms inside `Int64` (see
/// ``PriorityWeight``); real districts are many orders of magnitude below them.
public enum Limits {
    /// The largest accepted demand quantity or resource capacity (2^40, about 1.1 × 10^12).
    public static let maximumQuantity: Int64 = 1 << 40
    /// The largest accepted absolute value of one cost term or of an arc's total cost (2^40).
    public static let maximumCost: Int64 = 1 << 40
    /// The largest accepted total quantity or total capacity of one category (2^60), so that
    /// `S = Σ priority × quantity ≤ 5 × 2^60` fits in `Int64`.
    public static let maximumTotal: Int64 = 1 << 60
    /// The most demands, resources or arcs one category may have (positions are `Int32`).
    public static let maximumCount = Int(Int32.max) - 1
}
