import Foundation
import ImportIssues

// Shared by the imports of units, members, resources and projects (the file is named after
// the first of them, the one the others refer to).

/// Rolls back a dry run: thrown out of the transaction so that nothing it wrote remains,
/// and caught right outside it for the summary.
private struct ListImportDryRun: Error {
    var summary: ImportSummary
}

extension RegistryDatabase {
    /// Runs a list import in one tenant transaction, all or nothing.
    ///
    /// A dry run does all the work, reads the summary and rolls back, so it reports exactly
    /// what a real run would (what it would insert, update or leave alone) and the same
    /// problems, including those only the database finds.
    func runListImport(
        tenant: UUID, actor: String, dryRun: Bool, _ body: (TenantTransaction) async throws -> ImportSummary
    ) async throws -> ImportSummary {
        do {
            return try await withTenant(tenant, actor: actor) { tx in
                let summary = try await body(tx)
                if dryRun { throw ListImportDryRun(summary: summary) }
                return summary
            }
        } catch let rollback as ListImportDryRun {
            return rollback.summary
        }
    }
}

extension ImportSummary {
    /// Counts one row by what its upsert did.
    mutating func count(_ outcome: ListRowOutcome) {
        switch outcome {
        case .inserted: inserted += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// What importing one row did.
enum ListRowOutcome: Sendable {
    case inserted, updated, unchanged

    /// `updated` when anything about the row changed, else `self`.
    func updated(if changed: Bool) -> ListRowOutcome {
        self == .unchanged && changed ? .updated : self
    }
}
