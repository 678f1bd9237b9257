public import Foundation
public import ImportIssues
import Postgres
import Registry

/// The progress reports (进度报告) behind the project list's percentages as a list of their
/// own, moved whole by `govreg import progress` and `govreg export progress`. Day-to-day
/// reports go through ``ProjectStore/report(_:percent:on:note:attachments:in:)``.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public enum ProgressReportStore {
    /// Every report, ordered by project external id, then by day.
    public static func exportRows(in tx: TenantTransaction) async throws -> [ProgressReportImportRow] {
        try await tx.connection.query("""
            SELECT coalesce(p.external_id, p.id::text) AS project, r.reported_on::text AS reported_on, r.percent, r.note, r.attachments
            FROM project_progress r JOIN project p ON p.tenant_id = r.tenant_id AND p.id = r.project_id
            WHERE r.tenant_id = \(tx.tenantID)
            ORDER BY p.external_id NULLS LAST, p.id, r.reported_on, r.id
            """).map { row in
            ProgressReportImportRow(
                projectExternalID: try row.decode(String.self, "project"),
                reportedOn: try CivilDate(try row.decode(String.self, "reported_on")), percent: try row.decode(Int.self, "percent"),
                note: try row.decode(String?.self, "note"),
                attachments: try row.decode([String].self, "attachments").compactMap { URL(string: $0) })
        }
    }

    /// The reports of disclosed projects: day and percentage only.
    public static func disclosures(in tx: TenantTransaction) async throws -> [ProgressDisclosure] {
        try await tx.connection.query("""
            SELECT pp.title AS project_title, r.reported_on::text AS reported_on, r.percent
            FROM project_progress r JOIN public_project pp ON pp.tenant_id = r.tenant_id AND pp.id = r.project_id
            WHERE r.tenant_id = \(tx.tenantID)
            ORDER BY pp.id, r.reported_on, r.id
            """).map { row in
            ProgressDisclosure(
                projectTitle: try row.decode(String.self, "project_title"),
                reportedOn: try CivilDate(try row.decode(String.self, "reported_on")), percent: try row.decode(Int.self, "percent"))
        }
    }

    /// Imports reports all or nothing, matched by project, day and percentage (the k-th
    /// filed report of a day and percentage meets the k-th stored one): a new one is added,
    /// a stored one takes the file's note and links. A project's history, stored and filed
    /// together, must never go back (a later day with a lower percentage), a planned project
    /// has none, and no report is dated after today. The percentage of each project becomes
    /// its highest report.
    ///
    /// A project file's percentage is stored as a report dated the day of that import with
    /// the note "导入 import": it stands in for reports the project file cannot carry. A
    /// filed report of that day or earlier that reaches its percentage replaces it (counted
    /// as `replaced`). So a project export followed by its progress export loads as the
    /// same history.
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Throws: ``ImportRejected`` with every problem found; nothing was written.
    public static func importRows(
        _ rows: [ProgressReportImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            var issues = issues
            let projects = try await HistoryProject.locked(rows.map(\.projectExternalID), tx)
            let today = try tx.today()
            var byProject: [String: [ProgressReportImportRow]] = [:]
            for row in rows {
                if let problem = FieldProblem.afterToday(row.reportedOn, today: today, field: "reported_on") {
                    issues.append(ImportIssue(line: row.line, column: problem.field, value: problem.value, reason: problem.reason))
                }
                guard let project = projects[row.projectExternalID] else {
                    issues.append(HistoryProject.missing(row.projectExternalID, line: row.line)); continue
                }
                if project.status == .planned {
                    issues.append(ImportIssue(line: row.line, column: "project_external_id", value: row.projectExternalID, reason: "计划中的项目尚无进度 a planned project has no progress yet"))
                    continue
                }
                byProject[row.projectExternalID, default: []].append(row)
            }
            var merges: [(HistoryProject, ProgressMerge)] = []
            for (external, filed) in byProject.sorted(by: { $0.key < $1.key }) {
                let project = projects[external]!
                let merge = ProgressMerge(stored: try await ProgressMerge.stored(project.id, tx), filed: filed, percent: project.percent)
                issues.append(contentsOf: merge.problems)
                merges.append((project, merge))
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            for (project, merge) in merges {
                try await merge.apply(to: project, tx)
                summary.inserted += merge.inserts.count
                summary.updated += merge.updates.count
                summary.unchanged += merge.unchanged
                summary.replaced += merge.standIns.count
            }
            return summary
        }
    }
}
