public import ListMatching
public import Registry

/// A module's contribution to matching (a ``Registry/ModuleContribution``): it reads what it
/// needs in the run's snapshot transaction and returns a pure ``ListMatching/MatchingRule``
/// (extra eligibility, extra cost terms) that the run applies to every category.
///
/// Only modules enabled for the tenant take part; a run records their terms by name in every
/// allocation and their exclusions as reasons in the explanations.
public protocol MatchingAdjustment: ModuleContribution {
    /// The rule for this run.
    ///
    /// - Parameters:
    ///   - settings: The tenant's settings for the module.
    ///   - snapshot: The lists the run read.
    ///   - tx: The run's read-only, repeatable-read transaction.
    func prepare(settings: ModuleSettings, snapshot: MatchingSnapshot, in tx: TenantTransaction) async throws -> any MatchingRule
}
