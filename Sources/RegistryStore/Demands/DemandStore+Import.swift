public import Foundation
import ImportIssues
import Postgres
public import Registry

/// What a demand import changed, or would change (`dryRun`).
public struct DemandImportSummary: Sendable, Hashable, Codable {
    /// New demands.
    public var inserted = 0
    /// Stored demands the file changed.
    public var updated = 0
    /// Rows identical to the stored demand.
    public var unchanged = 0
    /// Stored demands for which the file gives another state: left as they are, since a
    /// demand's state changes only through its workflow, which records every move.
    public var statesKept = 0
    /// Whether nothing was written (`--dry-run`): the counts say what would have been.
    public var dryRun = false
    /// The import's record (导入 #N, ``ImportBatch``); nil for a dry run.
    public var importID: Int64?

    /// Makes a summary.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, statesKept: Int = 0, dryRun: Bool = false) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.statesKept = statesKept
        self.dryRun = dryRun
    }
}

/// How far an import has got, for a progress line.
public enum DemandImportProgress: Sendable, Hashable {
    /// Rows checked and streamed into the staging table so far, of about `total`.
    case staged(Int, of: Int)
    /// Resolving categories and org codes.
    case resolving
    /// Writing the demands (one statement; no finer progress).
    case writing
}

extension DemandStore {
    /// The most problems an import reports; further ones are counted.
    public static let issueLimit = 100

    /// Imports demands all or nothing, matched to stored ones by external id.
    ///
    /// The rows stream through `COPY` into a temporary staging table while they are
    /// checked; categories and org codes are then resolved set-based, one
    /// `UPDATE … FROM … WHERE … IS DISTINCT FROM …` writes the changed rows and one
    /// `INSERT … SELECT` the new ones. So importing the same file twice changes nothing,
    /// and an edited file updates its rows in place. A new demand starts in the file's
    /// state (accepted when blank) with no history entry: it carries the import's number and
    /// its file line (the import's one audit record, ``ImportBatch``, says who loaded which
    /// file), and its history starts with its first move. A stored demand keeps its state; a
    /// changed one keeps its per-row audit, which names the import. Modules hear one
    /// ``Registry/CoreEvent/demandsImported(importID:created:updated:)`` for the batch.
    ///
    /// ```swift
    /// var file = DemandFile(data: bytes)
    /// let summary = try await DemandStore.importRows(&file, on: registry, tenant: langao, actor: "cli:root")
    /// ```
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Parameters:
    ///   - rows: The rows; read once, to the end.
    ///   - dryRun: Check everything, references included, and count what would change;
    ///     write nothing.
    ///   - progress: Called as the import advances.
    /// - Returns: What changed.
    /// - Throws: ``ImportRejected`` with every problem, by line, up to ``issueLimit``
    ///   (unknown category or org code, a repeated external id, a state an import cannot
    ///   create, and whatever `rows` found); nothing is then written.
    public static func importRows<Rows: DemandImportRows>(
        _ rows: inout Rows, on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false,
        progress: (DemandImportProgress) -> Void = { _ in }
    ) async throws -> DemandImportSummary {
        do {
            return try await database.withTenant(tenant, actor: actor) { tx in
                let connection = tx.connection
                try await connection.execute(DemandImportStatements.createStaging)
                var rowIssues = IssueList(limit: Self.issueLimit)
                let (staged, refused) = try await Self.stage(
                    &rows, into: connection, today: try tx.today(), channels: tx.modules.sourceChannels, issues: &rowIssues, progress: progress)
                progress(.resolving)
                try await connection.execute("ANALYZE demand_import")
                let unresolved = try await Self.unresolvedReferences(rows, refused: refused, tx)
                let all = Self.merged([rows.issues, rowIssues], unresolved)
                if !all.isEmpty { throw ImportRejected(issues: all) }

                // The record first, so that the rows can name it (a dry run's goes with its rollback).
                let batch = try await ImportBatchStore.begin(
                    list: "demands", origin: rows.origin, rows: staged, options: rows.readingOptions, in: tx)
                try await connection.execute(DemandImportStatements.adoptExportedIDs(tx.tenantID))
                let kept = try await connection.query(DemandImportStatements.statesKept(tx.tenantID))[0].decode(Int.self, "kept")
                progress(.writing)
                let inserted: Int, updated: Int
                let tenant = tx.tenantID, zone = tx.timeZone
                if dryRun {
                    let counts = try await connection.query(DemandImportStatements.wouldUpsert(tenant, zone: zone))[0]
                    (inserted, updated) = (try counts.decode(Int.self, "inserted"), try counts.decode(Int.self, "updated"))
                } else {
                    updated = try await connection.query(DemandImportStatements.updateChanged(tenant, batch: batch, zone: zone))[0].decode(Int.self, "updated")
                    let next = try await connection.query(DemandImportStatements.nextNumber(tenant))[0].decode(Int64.self, "next")
                    inserted = try await connection.query(
                        DemandImportStatements.insertNew(tenant, batch: batch, zone: zone, next: next))[0].decode(Int.self, "inserted")
                    if inserted > 0 { try await connection.execute(DemandImportStatements.takeNumbers(tenant, count: inserted)) }
                }
                var summary = DemandImportSummary(
                    inserted: inserted, updated: updated, unchanged: staged - inserted - updated, statesKept: kept,
                    dryRun: dryRun)
                // Leaving by an error is what rolls the transaction back.
                if dryRun { throw DryRunFinished(summary: summary) }
                try await ImportBatchStore.finish(batch, inserted: inserted, updated: updated, unchanged: summary.unchanged, in: tx)
                summary.importID = batch
                // One event for the batch: a handler reads the rows set-based (``DemandStore/importedDemands(_:in:)``).
                if inserted + updated > 0 {
                    try await tx.emit([.demandsImported(importID: batch, created: inserted, updated: updated)])
                }
                return summary
            }
        } catch let finished as DryRunFinished {
            return finished.summary
        }
    }

    /// The demands an import wrote (``Registry/CoreEvent/demandsImported(importID:created:updated:)``),
    /// with their state and whether that import created them: for an event handler, inside the
    /// import's transaction (later, a created row may have moved on and is no longer told apart).
    public static func importedDemands(_ importID: Int64, in tx: TenantTransaction) async throws
        -> [(id: DemandID, state: DemandState, created: Bool)]
    {
        try await tx.connection.query("""
            SELECT id, state, row_version = 1 AS created FROM demand
            WHERE tenant_id = \(tx.tenantID) AND import_id = \(importID) ORDER BY id
            """).map { row in
            (DemandID(try row.decode(Int64.self, "id")), try DemandState(parsing: try row.decode(String.self, "state")), try row.decode(Bool.self, "created"))
        }
    }

    /// Streams the rows into the staging table; returns how many were staged and the
    /// references of the rows refused on the way (checked with the staged ones). The rows are
    /// checked and encoded on a task of their own (``DemandStagingText``), so that reading
    /// the file overlaps with the server storing what was read.
    private static func stage<Rows: DemandImportRows>(
        _ rows: inout Rows, into connection: Connection, today: CivilDate, channels: SourceChannels, issues: inout IssueList,
        progress: (DemandImportProgress) -> Void
    ) async throws -> (staged: Int, refused: [DemandReference]) {
        let total = rows.recordCount
        let (chunks, producer) = DemandStagingText.start(rows, today: today, channels: channels)
        do {
            var reported = 0
            try await connection.copyIn(DemandImportStatements.copy) { writer in
                for await chunk in chunks {
                    try await writer.write(chunk.bytes)
                    if chunk.staged / 100_000 > reported / 100_000 {
                        progress(.staged(chunk.staged, of: total))
                        reported = chunk.staged
                    }
                }
            }
        } catch {
            producer.cancel()
            _ = await producer.value
            throw error
        }
        let outcome = await producer.value
        rows = outcome.rows
        issues = outcome.issues
        progress(.staged(outcome.staged, of: total))
        return (outcome.staged, outcome.refused)
    }

    /// Categories and org codes of the staged rows that name nothing in the tenant.
    private static func unresolvedReferences<Rows: DemandImportRows>(
        _ rows: Rows, refused: [DemandReference], _ tx: TenantTransaction
    ) async throws -> (issues: [ImportIssue], total: Int) {
        let result = try await tx.connection.query(
            DemandImportStatements.unresolved(tx.tenantID, refused: rows.refusedRowReferences + refused, limit: issueLimit))
        var issues: [ImportIssue] = []
        // A misspelt category is most often one edit away from one of the district's names.
        let vocabulary = result.isEmpty ? [] : try await tx.connection.query("""
            SELECT code, name_zh FROM tenant_category WHERE tenant_id = \(tx.tenantID) ORDER BY code
            """).flatMap { [try $0.decode(String.self, "code"), try $0.decode(String.self, "name_zh")] }
        for row in result {
            let field = try row.decode(String.self, "field")
            let value = try row.decode(String.self, "value")
            let guess = field == "category" ? Misspelling.nearest(to: value, among: vocabulary).map { "；是否为「\($0)」？did you mean \($0)?" } ?? "" : ""
            let reason = field == "category"
                ? "没有这个类别 no such category (code or Chinese name) in this district" + guess
                : "没有这个组织编码 no org unit with this code in this district"
            issues.append(ImportIssue(
                line: try row.decode(Int.self, "line"), column: rows.columnName(field), value: value, reason: reason))
        }
        return (issues, try result.first?.decode(Int.self, "total") ?? 0)
    }

    /// All the problems in line order: the first ``issueLimit`` kept, the rest counted.
    private static func merged(_ lists: [IssueList], _ unresolved: (issues: [ImportIssue], total: Int)) -> IssueList {
        let kept = (lists.flatMap(\.issues) + unresolved.issues).enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        let total = lists.reduce(unresolved.total) { $0 + $1.totalCount }
        var merged = IssueList(limit: issueLimit)
        merged.append(contentsOf: kept.prefix(issueLimit))
        // IssueList only counts past its limit; every list given kept its own first ones,
        // so whatever is left over here lies past the limit and is only to be counted.
        for _ in merged.totalCount..<max(merged.totalCount, total) {
            merged.append(ImportIssue(line: 0, reason: "counted only"))
        }
        return merged
    }
}

/// Ends a dry run's transaction by rolling it back, carrying what it would have done.
private struct DryRunFinished: Error {
    var summary: DemandImportSummary
}
