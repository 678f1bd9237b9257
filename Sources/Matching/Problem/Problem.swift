/// The input of one matching run: one tenant's categories, each an independent problem.
///
/// ```swift
/// let problem = Problem(categories: [elderlyCare, housingRepair])
/// let solution = try Solver.solve(problem)
/// let fingerprint = problem.fingerprint()   // SHA-256 of the canonical input
/// ```
public struct Problem: Sendable, Hashable, Codable {
    /// The categories, in any order; category codes unique.
    public var categories: [CategoryProblem]

    /// Makes a run's input.
    ///
    /// - Parameter categories: The categories, in any order.
    public init(categories: [CategoryProblem]) {
        self.categories = categories
    }
}
