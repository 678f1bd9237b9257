import Foundation
import ImportIssues
import Postgres

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

extension ListRowOutcome {
    /// Writes one row of a list import by its key and says what that did. `existing` reads the
    /// row's id by its key; `upsert` is the `INSERT … ON CONFLICT … DO UPDATE … WHERE <the row
    /// differs> RETURNING id`.
    ///
    /// Two statements, the read first. They were one, the read a CTE beside the insert; Citus
    /// runs a modifying CTE first, as a statement of its own, so the read found the row just
    /// inserted and every new row counted as updated.
    ///
    /// - Throws: ``RegistryStoreError/conflict(_:)`` when neither found nor wrote a row (another
    ///   import inserted the same key meanwhile, unchanged).
    static func upsert(existing: SQL, upsert: SQL, _ tx: TenantTransaction) async throws -> (id: Int64, outcome: ListRowOutcome) {
        let found = try await tx.connection.query(existing).first.map { try $0.decode(Int64.self, at: 0) }
        let written = try await tx.connection.query(upsert).first.map { try $0.decode(Int64.self, at: 0) }
        guard let id = written ?? found else { throw RegistryStoreError.conflict("未能写入 the row was not written") }
        return (id, found == nil ? .inserted : (written == nil ? .unchanged : .updated))
    }
}
