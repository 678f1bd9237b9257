public import Foundation
public import ImportIssues
import Postgres
public import Registry

extension ProjectStore {
    /// Imports projects all or nothing, matched by external id.
    ///
    /// A new project is created with what it moves, as ``create(_:in:)`` would, but
    /// in the status its row gives: its allocations are drawn (not for a cancelled project),
    /// and its demands are taken along to where the project's status puts them (in_project
    /// while planned or in progress, resolved once completed), with events. A progress above
    /// 0 is recorded as a report dated today.
    ///
    /// For a stored project an edited row updates the title, description, unit, budget,
    /// dates and disclosure in place; a status further along planned → in_progress →
    /// completed → checked runs those steps (completing resolves the demands); a higher
    /// progress becomes a report, a planned or running project with `cancelled` and a cancel
    /// reason is cancelled (what it holds goes back), and completion and check days given
    /// for steps taken before correct them (no day after today; a check never before the
    /// completion). The demands and allocations of a stored project cannot change through a
    /// file: cancel it, and create another in a later import (this one checks against what
    /// is stored before it).
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Throws: ``ImportRejected`` with every problem found; nothing was written.
    public static func importRows(
        _ rows: [ProjectImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        try await database.runListImport(tenant: tenant, actor: actor, dryRun: dryRun) { tx in
            let lookups = try await ProjectImportLookups.load(rows, tx)
            let today = try tx.today()
            // The rules are the domain's: one pure check of the rows against what is stored.
            let check = ProjectImportCheck(rows: rows, facts: lookups.facts, today: today)
            var issues = issues
            for problem in check.problems {
                issues.append(ImportIssue(line: problem.line, column: problem.field, value: problem.problem.value, reason: problem.problem.reason))
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            var numbers = try await NumberBlock(.project, count: check.plan.count { $0.stored == nil }, in: tx)
            for step in check.plan {
                let unit = lookups.units[step.row.responsibleUnitExternalID]!
                if let stored = step.stored {
                    summary.count(try await Self.update(stored, id: lookups.projectIDs[step.row.externalID]!, with: step.row, unit: unit, tx))
                } else {
                    let draws = step.draws.map { (lookups.resources[$0.resource]!, $0.amount) }
                    try await Self.insert(step.row, id: numbers.take(), unit: unit, draws: draws, tx)
                    summary.inserted += 1
                }
            }
            return summary
        }
    }

    /// Creates an imported project in its row's status, with what that moves.
    private static func insert(
        _ row: ProjectImportRow, id number: Int64, unit: Int64, draws: [(ProjectLockedResource, Int64)], _ tx: TenantTransaction
    ) async throws {
        let draft = ProjectDraft(
            externalID: row.externalID, title: row.title, description: row.description, responsibleUnit: row.responsibleUnitExternalID,
            demands: row.demandExternalIDs, budget: row.budget, startsOn: row.startsOn, dueOn: row.dueOn, isPublic: row.isPublic,
            publishedOn: row.publishedOn)
        let cancelled = row.status == .cancelled
        let id = try await insertRow(
            draft, id: number, unit: unit, status: row.status, cancelReason: cancelled ? row.cancelReason ?? ProjectImportPlan.importedCancelReason : nil,
            completedOn: row.completedOn, checkedOn: row.checkedOn, tx)
        let demands = try await lockDemands(row.demandExternalIDs, tx)
        try await attach(project: id, demands: demands.map(\.id), tx)
        for (resource, amount) in draws {
            try await allocate(project: id, resource: resource.id, amount: amount, drawn: !cancelled, note: ProjectImportPlan.note, tx)
        }
        for var demand in demands {
            for step in ProjectImportPlan.demandPath(from: demand.state, serving: row.status) ?? [] {
                // The file's days date the moves: taken in when the project started, resolved when it was completed.
                let day = step == .resolved ? row.completedOn : step == .inProject ? row.startsOn : nil
                try await moveDemand(demand, to: step, note: "导入项目「\(row.title)」 imported project", on: day, tx)
                demand.state = step
            }
        }
        if let rating = row.rating { try await applyRating(rating, to: id, tx) }
        if row.progressPercent > 0 {
            try await tx.connection.execute("""
                INSERT INTO project_progress (tenant_id, project_id, reported_on, percent, note, actor)
                VALUES (\(tx.tenantID), \(id), \(try tx.today().description)::date, \(row.progressPercent), \(ProjectImportPlan.note), \(tx.actor))
                """)
            try await tx.connection.execute("""
                UPDATE project SET progress_percent = \(row.progressPercent) WHERE tenant_id = \(tx.tenantID) AND id = \(id)
                """)
        }
    }

    /// Updates a stored project from its row: fields in place, then forward steps and progress.
    private static func update(
        _ stored: ProjectImportFacts.StoredProject, id: Int64, with row: ProjectImportRow, unit: Int64, _ tx: TenantTransaction
    ) async throws -> ListRowOutcome {
        let changed = try await tx.connection.execute("""
            UPDATE project SET title = \(row.title), description = \(row.description), responsible_unit_id = \(unit),
                budget_fen = \(row.budget?.fen), starts_on = \(row.startsOn?.description)::date, due_on = \(row.dueOn?.description)::date,
                is_public = \(row.isPublic), published_on = \(row.publishedOn?.description)::date,
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
              AND (title, description, responsible_unit_id, budget_fen, starts_on, due_on, is_public, published_on)
                  IS DISTINCT FROM (\(row.title), \(row.description), \(unit), \(row.budget?.fen), \(row.startsOn?.description)::date,
                                    \(row.dueOn?.description)::date, \(row.isPublic), \(row.publishedOn?.description)::date)
            """) > 0
        var current = stored.status
        var reported = row.progressPercent <= stored.percent
        func reportIfDue() async throws {
            guard !reported, current == .inProgress else { return }
            try await addReport(id, try ProgressReport(on: try tx.today(), percentage: row.progressPercent, note: ProjectImportPlan.note), tx)
            reported = true
        }
        try await reportIfDue()
        let path = ProjectImportPlan.statusPath(from: stored.status, to: row.status) ?? []
        for step in path {
            let day = step == .completed ? row.completedOn : step == .checked ? row.checkedOn : nil
            try await advance(id, to: step, on: day, note: ProjectImportPlan.note, reason: step == .cancelled ? row.cancelReason : nil, tx)
            current = step
            try await reportIfDue()
        }
        // A day the file gives for a step taken before corrects it; a blank one keeps it.
        let redated = row.completedOn == nil && row.checkedOn == nil ? false : try await tx.connection.execute("""
            UPDATE project SET completed_on = coalesce(\(row.completedOn?.description)::date, completed_on),
                checked_on = coalesce(\(row.checkedOn?.description)::date, checked_on), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id)
              AND (completed_on, checked_on) IS DISTINCT FROM
                  (coalesce(\(row.completedOn?.description)::date, completed_on), coalesce(\(row.checkedOn?.description)::date, checked_on))
            """) > 0
        let rated = stored.rating == nil && row.rating != nil
        if let rating = row.rating, rated { try await applyRating(rating, to: id, tx) }
        return changed || rated || redated || !path.isEmpty || row.progressPercent > stored.percent ? .updated : .unchanged
    }
}
