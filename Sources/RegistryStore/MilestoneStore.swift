public import Foundation
import Postgres
import Registry
public import SpreadsheetCSV

/// The milestones (里程碑) of the project list as a list of their own, moved whole by
/// `govreg import milestones` and `govreg export milestones`. Day-to-day work adds and
/// reaches them through ``ProjectStore``.
public struct MilestoneStore: Sendable {
    public let database: RegistryDatabase

    public init(database: RegistryDatabase) { self.database = database }

    /// Every milestone, ordered by project external id, then as they were added.
    public func exportRows(tenant: UUID, actor: String) async throws -> [MilestoneImportRow] {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
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
    }

    /// The milestones of disclosed projects.
    public func disclosures(tenant: UUID, actor: String) async throws -> [MilestoneDisclosure] {
        try await database.withTenant(tenant, actor: actor, readOnly: true) { tx in
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
    }

    /// Imports milestones all or nothing, matched by project and title: a new one is added,
    /// a stored one takes the file's planned day and, when the file gives one, the day it
    /// was reached (a blank day never un-reaches it). Projects in any status take them, so
    /// that history loads.
    ///
    /// - Throws: ``ImportRejected`` with every problem (unknown project, a title twice for
    ///   one project); nothing was written.
    public func importRows(
        _ rows: [MilestoneImportRow], issues: IssueList = IssueList(), tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            var issues = issues
            let projects = try await HistoryProject.locked(rows.map(\.projectExternalID), tx)
            var seen: [String: Int] = [:]
            var plan: [(row: MilestoneImportRow, project: Int64)] = []
            for row in rows {
                let key = row.projectExternalID + "\u{1F}" + row.title
                if let first = seen[key] {
                    issues.append(ImportIssue(line: row.line, column: "title", value: row.title, reason: "同一项目的里程碑重复 the project has this milestone on line \(first) already"))
                }
                seen[key] = seen[key] ?? row.line
                guard let project = projects[row.projectExternalID] else {
                    issues.append(HistoryProject.missing(row.projectExternalID, line: row.line)); continue
                }
                plan.append((row, project.id))
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            for (row, project) in plan { summary.count(try await Self.upsert(row, project: project, tx)) }
            return summary
        }
    }

    /// Updates the project's first milestone of that title, or adds it.
    private static func upsert(_ row: MilestoneImportRow, project: Int64, _ tx: TenantTransaction) async throws -> ListRowOutcome {
        let tenant = tx.tenantID, due = row.dueOn?.description, done = row.doneOn?.description
        let stored = try await tx.connection.query("""
            SELECT id FROM project_milestone WHERE tenant_id = \(tenant) AND project_id = \(project) AND title = \(row.title)
            ORDER BY id LIMIT 1
            """).first
        guard let stored else {
            try await tx.connection.execute("""
                INSERT INTO project_milestone (tenant_id, project_id, title, due_on, done_on)
                VALUES (\(tenant), \(project), \(row.title), \(due)::date, \(done)::date)
                """)
            return .inserted
        }
        let updated = try await tx.connection.execute("""
            UPDATE project_milestone SET due_on = \(due)::date, done_on = coalesce(\(done)::date, done_on)
            WHERE tenant_id = \(tenant) AND id = \(try stored.decode(Int64.self, "id"))
              AND (due_on, done_on) IS DISTINCT FROM (\(due)::date, coalesce(\(done)::date, done_on))
            """)
        return updated > 0 ? .updated : .unchanged
    }
}
