/// The eligible arcs of one category, stored column by column: for each arc the resource,
/// the demand, and one amount per named cost term.
///
/// A category can have hundreds of thousands of arcs, so the table keeps flat arrays rather
/// than an array of structs each holding its own `[CostTerm]` (one heap allocation per arc).
/// The term names are stored once; ``terms(at:)`` rebuilds an arc's terms on demand.
/// Resources and demands are given by their position in the category's
/// ``CategoryProblem/resources`` and ``CategoryProblem/demands``.
///
/// ```swift
/// var arcs = ArcTable(termNames: ["distance", "contract"])
/// arcs.append(resource: 0, demand: 2, amounts: [250, -100])
/// arcs.cost(at: 0)    // 150
/// arcs.terms(at: 0)   // [distance 250, contract -100]
/// ```
public struct ArcTable: Sendable, Hashable, Codable {
    /// The names of the cost terms, in column order.
    public private(set) var termNames: [String]
    /// Each arc's resource (a position in the category's resources).
    public private(set) var resources: [Int32] = []
    /// Each arc's demand (a position in the category's demands).
    public private(set) var demands: [Int32] = []
    /// The term amounts, arc by arc: arc `k`'s amounts are
    /// `amounts[k * termNames.count ..< (k + 1) * termNames.count]`.
    public private(set) var amounts: [Int64] = []

    /// Makes an empty table.
    ///
    /// - Parameter termNames: The names of the cost terms every arc carries, e.g.
    ///   `["distance", "contract", "unit_cost"]`; at least one.
    public init(termNames: [String] = ["cost"]) {
        precondition(!termNames.isEmpty, "an arc table needs at least one cost term")
        self.termNames = termNames
    }

    /// Makes a table from whole columns (a bulk load: no per-arc call).
    ///
    /// - Parameters:
    ///   - termNames: The names of the cost terms; at least one.
    ///   - resources: Each arc's resource position.
    ///   - demands: Each arc's demand position, as many as `resources`.
    ///   - amounts: `termNames.count` amounts per arc, arc by arc.
    public init(termNames: [String], resources: [Int32], demands: [Int32], amounts: [Int64]) {
        precondition(!termNames.isEmpty, "an arc table needs at least one cost term")
        precondition(resources.count == demands.count && amounts.count == resources.count * termNames.count,
                     "columns of different lengths")
        self.termNames = termNames
        self.resources = resources
        self.demands = demands
        self.amounts = amounts
    }

    /// The number of arcs.
    public var count: Int { resources.count }

    /// Reserves room for `count` arcs.
    public mutating func reserveCapacity(_ count: Int) {
        resources.reserveCapacity(count)
        demands.reserveCapacity(count)
        amounts.reserveCapacity(count * termNames.count)
    }

    /// Adds an arc whose cost has one term (the table must have exactly one term).
    ///
    /// - Parameters:
    ///   - resource: The resource's position in the category's resources.
    ///   - demand: The demand's position in the category's demands.
    ///   - cost: The single term's amount.
    public mutating func append(resource: Int, demand: Int, cost: Int64) {
        precondition(termNames.count == 1, "this table has \(termNames.count) cost terms; pass amounts:")
        resources.append(Int32(truncatingIfNeeded: resource))
        demands.append(Int32(truncatingIfNeeded: demand))
        amounts.append(cost)
    }

    /// Adds an arc.
    ///
    /// - Parameters:
    ///   - resource: The resource's position in the category's resources.
    ///   - demand: The demand's position in the category's demands.
    ///   - amounts: One amount per term, in ``termNames`` order.
    public mutating func append(resource: Int, demand: Int, amounts: some Collection<Int64>) {
        precondition(amounts.count == termNames.count, "expected \(termNames.count) term amounts, got \(amounts.count)")
        // Positions outside Int32 are kept as -1 so that validation reports them rather than
        // silently aliasing another row.
        resources.append(Int32(exactly: resource) ?? -1)
        demands.append(Int32(exactly: demand) ?? -1)
        self.amounts.append(contentsOf: amounts)
    }

    /// The cost of arc `index`: the sum of its terms (wrapping; validation rejects sums
    /// outside the engine's limits before they are used).
    public func cost(at index: Int) -> Int64 {
        let width = termNames.count
        var sum: Int64 = 0
        for column in 0..<width { sum &+= amounts[index * width + column] }
        return sum
    }

    /// The named terms of arc `index`.
    public func terms(at index: Int) -> [CostTerm] {
        let width = termNames.count
        return termNames.indices.map { CostTerm(name: termNames[$0], amount: amounts[index * width + $0]) }
    }

    /// Adds a term column, e.g. one a plug-in module contributes.
    ///
    /// - Parameters:
    ///   - name: The new term's name.
    ///   - amount: Its amount for arc `k`, given `k`.
    public mutating func addTerm(named name: String, amount: (Int) throws -> Int64) rethrows {
        let width = termNames.count
        var widened = [Int64]()
        widened.reserveCapacity(count * (width + 1))
        for arc in 0..<count {
            widened.append(contentsOf: amounts[arc * width ..< (arc + 1) * width])
            widened.append(try amount(arc))
        }
        termNames.append(name)
        amounts = widened
    }

    /// Removes the arcs at the given positions (ascending, no repeats), keeping the others' order.
    mutating func remove(sortedPositions positions: [Int]) {
        guard !positions.isEmpty else { return }
        let width = termNames.count
        var keep = 0, next = 0
        for arc in 0..<count {
            if next < positions.count && positions[next] == arc {
                next += 1
                continue
            }
            resources[keep] = resources[arc]
            demands[keep] = demands[arc]
            for column in 0..<width { amounts[keep * width + column] = amounts[arc * width + column] }
            keep += 1
        }
        resources.removeLast(count - keep)
        demands.removeLast(demands.count - keep)
        amounts.removeLast(amounts.count - keep * width)
    }
}
