public import Foundation
public import ImportIssues
import Postgres
import Registry

/// The milestones (里程碑) of the project list as a list of their own, moved whole by
/// `govreg import milestones` and `govreg export milestones`. Day-to-day work adds and
/// reaches them through ``ProjectStore``.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public enum MilestoneStore {
    /// Every milestone, ordered by project external id, then as they were added.
    public static func exportRows(in tx: TenantTransaction) async throws -> [MilestoneImportRow] {
        try await tx.connection.query("""
            SELECT coalesce(p.external_id, p.id::text) AS project, m.title, m.due_on::text AS due_on, m.done_on::text AS done_on
            FROM project_milestone m JOIN project p ON p.tenant_id = m.tenant_id AND p.id = m.project_id
            WHERE m.tenant_id = \(tx.tenantID)
            ORDER BY p.external_id NULLS LAST, p.id, m.id
            """).map { row in
            MilestoneImportRow(
                projectExternalID: try row.decode(String.self, "project"), title: try row.decode(String.self, "title"),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init),
                doneOn: try row.decode(String?.self, "done_on").map(CivilDate.init))
        }
    }

    /// The milestones of disclosed projects.
    public static func disclosures(in tx: TenantTransaction) async throws -> [MilestoneDisclosure] {
        try await tx.connection.query("""
            SELECT pp.title AS project_title, m.title, m.due_on::text AS due_on, m.done_on::text AS done_on
            FROM project_milestone m JOIN public_project pp ON pp.tenant_id = m.tenant_id AND pp.id = m.project_id
            WHERE m.tenant_id = \(tx.tenantID)
            ORDER BY pp.id, m.id
            """).map { row in
            MilestoneDisclosure(
                projectTitle: try row.decode(String.self, "project_title"), title: try row.decode(String.self, "title"),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init),
                doneOn: try row.decode(String?.self, "done_on").map(CivilDate.init))
        }
    }

    /// Imports milestones all or nothing, matched by project and title (the k-th filed
    /// milestone of a title meets the k-th stored one): a new one is added, a stored one
    /// takes the file's planned day and, when the file gives one, the day it was reached (a
    /// blank day never un-reaches it). Projects in any status take them, so that history
    /// loads; no milestone is reached after today.
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Throws: ``ImportRejected`` with every problem (unknown project, a day reached after
    ///   today); nothing was written.
    public static func importRows(
        _ rows: [MilestoneImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            var issues = issues
            let projects = try await HistoryProject.locked(rows.map(\.projectExternalID), tx)
            let today = try tx.today()
            var plan: [(row: MilestoneImportRow, project: Int64)] = []
            for row in rows {
                if let problem = FieldProblem.afterToday(row.doneOn, today: today, field: "done_on") {
                    issues.append(ImportIssue(line: row.line, column: problem.field, value: problem.value, reason: problem.reason))
                }
                guard let project = projects[row.projectExternalID] else {
                    issues.append(HistoryProject.missing(row.projectExternalID, line: row.line)); continue
                }
                plan.append((row, project.id))
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var stored = try await Self.stored(Array(Set(plan.map(\.project))), tx)
            var summary = ImportSummary()
            for (row, project) in plan {
                let key = StoredKey(project: project, title: row.title)
                let match = stored[key]?.first
                if match != nil { stored[key]?.removeFirst() }
                summary.count(try await Self.write(row, project: project, over: match, tx))
            }
            return summary
        }
    }

    private struct StoredKey: Hashable {
        var project: Int64
        var title: String
    }

    /// The ids of the projects' milestones by project and title, oldest first.
    private static func stored(_ projects: [Int64], _ tx: TenantTransaction) async throws -> [StoredKey: [Int64]] {
        var ids: [StoredKey: [Int64]] = [:]
        for row in try await tx.connection.query("""
            SELECT id, project_id, title FROM project_milestone
            WHERE tenant_id = \(tx.tenantID) AND project_id = ANY(\(projects)) ORDER BY id
            """) {
            ids[StoredKey(project: try row.decode(Int64.self, "project_id"), title: try row.decode(String.self, "title")), default: []]
                .append(try row.decode(Int64.self, "id"))
        }
        return ids
    }

    /// Updates the stored milestone `id`, or adds the row's when there is none.
    private static func write(_ row: MilestoneImportRow, project: Int64, over id: Int64?, _ tx: TenantTransaction) async throws -> ListRowOutcome {
        let tenant = tx.tenantID, due = row.dueOn?.description, done = row.doneOn?.description
        guard let id else {
            try await tx.connection.execute("""
                INSERT INTO project_milestone (tenant_id, project_id, title, due_on, done_on)
                VALUES (\(tenant), \(project), \(row.title), \(due)::date, \(done)::date)
                """)
            return .inserted
        }
        let updated = try await tx.connection.execute("""
            UPDATE project_milestone SET due_on = \(due)::date, done_on = coalesce(\(done)::date, done_on)
            WHERE tenant_id = \(tenant) AND id = \(id)
              AND (due_on, done_on) IS DISTINCT FROM (\(due)::date, coalesce(\(done)::date, done_on))
            """)
        return updated > 0 ? .updated : .unchanged
    }
}
