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
            var issues = issues
            var demandStates = lookups.demands.mapValues(\.state)
            var claimedBy: [String: String] = [:]
            var remaining = lookups.resources.mapValues(\.remaining)
            var seen: [String: Int] = [:]
            var plans: [(row: ProjectImportRow, unit: Int64, draws: [(ProjectLockedResource, Int64)])] = []
            let today = try Self.today()
            for row in rows {
                func issue(_ column: String, _ value: String?, _ reason: String) {
                    issues.append(ImportIssue(line: row.line, column: column, value: value, reason: reason))
                }
                for (column, day) in [("completed_on", row.completedOn), ("checked_on", row.checkedOn)] {
                    if let day, day > today { issues.append(.dayAfterToday(day, column: column, line: row.line)) }
                }
                if let first = seen[row.externalID] { issue("external_id", row.externalID, "编号重复 duplicate external id (first on line \(first))") }
                seen[row.externalID] = seen[row.externalID] ?? row.line
                let unit = lookups.units[row.responsibleUnitExternalID]
                if unit == nil { issue("responsible_unit_external_id", row.responsibleUnitExternalID, "没有这个单位 no such unit") }
                var draws: [(ProjectLockedResource, Int64)] = []
                for request in row.allocations {
                    guard let resource = lookups.resources[request.resource] else {
                        issue("allocations", request.resource, "没有这个资源 no such resource"); continue
                    }
                    if draws.contains(where: { $0.0.id == resource.id }) { issue("allocations", request.resource, "同一资源重复分配 allocated twice") }
                    do { draws.append((resource, try ResourceStore.amount(request.quantity, in: resource.unit))) } catch {
                        issue("allocations", "\(request.resource):\(request.quantity)", "\(error)")
                    }
                }
                if let rating = row.rating, row.status != .completed, row.status != .checked {
                    issue("rating", "\(rating.score)", "只有已完工或已验收的项目才能评价 only a completed or checked project can be rated")
                }
                if let stored = lookups.projects[row.externalID] {
                    if let score = stored.rating, row.rating?.score != score {
                        issue("rating", row.rating.map { "\($0.score)" } ?? "", "评价不能更改：已评 \(score) 分 a rating is never changed; it is \(score)")
                    }
                    let wanted = Dictionary(draws.map { ($0.0.externalID ?? "", $0.1) }, uniquingKeysWith: +)
                    if Set(row.demandExternalIDs) != Set(stored.demands) {
                        issue("demand_external_ids", row.demandExternalIDs.joined(separator: ";"), "已有项目的需求不能通过导入更改（原为 \(stored.demands.joined(separator: ";"))） the demands of a stored project cannot change through import")
                    }
                    if wanted != stored.allocations {
                        issue("allocations", row.allocations.map { "\($0.resource):\($0.quantity)" }.joined(separator: ";"), "已有项目的资源分配不能通过导入更改；请取消后重建 the allocations of a stored project cannot change through import; cancel it and create a new one")
                    }
                    let path = ProjectImportPlan.statusPath(from: stored.status, to: row.status)
                    if path == nil {
                        issue("status", row.status.rawValue, "项目当前为「\(stored.status.chineseName)」，不能改为「\(row.status.chineseName)」 the project is \(stored.status.rawValue) and cannot move to \(row.status.rawValue)")
                    } else if path == [.cancelled], row.cancelReason == nil {
                        issue("cancel_reason", nil, "取消项目须填写取消原因 a cancellation needs its reason")
                    }
                    if stored.status == .cancelled, let reason = row.cancelReason, reason != stored.cancelReason {
                        issue("cancel_reason", reason, "取消原因不能更改 the cancel reason is never changed")
                    }
                    if let path, row.completedOn == nil || row.checkedOn == nil {
                        // The days the project will have: the file's, else the step's (today), else the stored ones.
                        let completed = row.completedOn ?? (path.contains(.completed) ? today : stored.completedOn)
                        let checked = row.checkedOn ?? (path.contains(.checked) ? today : stored.checkedOn)
                        if let completed, let checked, checked < completed {
                            issue("checked_on", checked.description, "验收日期早于完工日期 \(completed) the check is before the completion on \(completed)")
                        }
                    }
                    if row.progressPercent < stored.percent {
                        issue("progress_percent", "\(row.progressPercent)", "进度不能倒退：当前为 \(stored.percent)% progress cannot go back from \(stored.percent)%")
                    } else if row.progressPercent > stored.percent, path == [.cancelled] {
                        issue("progress_percent", "\(row.progressPercent)", "取消项目时不能再汇报进度 a project being cancelled reports no progress")
                    } else if row.progressPercent > stored.percent, let path, stored.status != .inProgress, !path.contains(.inProgress) {
                        issue("progress_percent", "\(row.progressPercent)", "只有实施中的项目才能汇报进度 progress is reported only while a project is in progress")
                    }
                } else {
                    if row.status == .planned, row.progressPercent > 0 {
                        issue("progress_percent", "\(row.progressPercent)", "计划中的项目尚无进度 a planned project has no progress yet")
                    }
                    for external in row.demandExternalIDs {
                        guard let demand = lookups.demands[external], let state = demandStates[external] else {
                            issue("demand_external_ids", external, "没有这个需求 no such demand"); continue
                        }
                        // One demand, one live project: a second would claim the need twice.
                        if row.status != .cancelled, let holder = lookups.heldBy[external] ?? claimedBy[external] {
                            issue("demand_external_ids", external, "需求已由项目 \(holder) 承接 the demand is already served by project \(holder)"); continue
                        }
                        if row.status != .cancelled { claimedBy[external] = row.externalID }
                        guard let path = ProjectImportPlan.demandPath(from: state, serving: row.status) else {
                            issue("demand_external_ids", external, "需求当前为「\(state.chineseName)」，不能纳入项目 the demand is \(state.rawValue); projects take accepted or matched demands"); continue
                        }
                        demandStates[external] = path.last ?? demand.state
                    }
                    if row.status != .cancelled {
                        for (resource, amount) in draws {
                            let left = remaining[resource.externalID ?? ""] ?? 0
                            let zh = resource.unit.chineseText, en = resource.unit.englishText
                            if resource.status == .offered || resource.status == .withdrawn {
                                issue("allocations", resource.externalID, "资源为「\(resource.status.chineseName)」，不能支取 the resource is \(resource.status.rawValue) and cannot be drawn on")
                            } else if amount > left {
                                issue("allocations", resource.externalID, "资源剩余不足：剩余 \(zh(left))，本次支取 \(zh(amount)) not enough remaining: \(en(left)) left, \(en(amount)) requested")
                            }
                            remaining[resource.externalID ?? ""] = left - amount
                        }
                    }
                }
                if let unit { plans.append((row, unit, draws)) }
            }
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            var summary = ImportSummary()
            for plan in plans {
                if let stored = lookups.projects[plan.row.externalID] {
                    summary.count(try await Self.update(stored, with: plan.row, unit: plan.unit, tx))
                } else {
                    try await Self.insert(plan.row, unit: plan.unit, draws: plan.draws, tx)
                    summary.inserted += 1
                }
            }
            return summary
        }
    }

    /// Creates an imported project in its row's status, with what that moves.
    private static func insert(_ row: ProjectImportRow, unit: Int64, draws: [(ProjectLockedResource, Int64)], _ tx: TenantTransaction) async throws {
        let draft = ProjectDraft(
            externalID: row.externalID, title: row.title, description: row.description, responsibleUnit: row.responsibleUnitExternalID,
            demands: row.demandExternalIDs, budget: row.budget, startsOn: row.startsOn, dueOn: row.dueOn, isPublic: row.isPublic,
            publishedOn: row.publishedOn)
        let cancelled = row.status == .cancelled
        let id = try await insertRow(
            draft, unit: unit, status: row.status, cancelReason: cancelled ? row.cancelReason ?? ProjectImportPlan.importedCancelReason : nil,
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
                VALUES (\(tx.tenantID), \(id), \(try today().description)::date, \(row.progressPercent), \(ProjectImportPlan.note), \(tx.actor))
                """)
            try await tx.connection.execute("""
                UPDATE project SET progress_percent = \(row.progressPercent) WHERE tenant_id = \(tx.tenantID) AND id = \(id)
                """)
        }
    }

    /// Updates a stored project from its row: fields in place, then forward steps and progress.
    private static func update(_ stored: ProjectImportLookups.StoredProject, with row: ProjectImportRow, unit: Int64, _ tx: TenantTransaction) async throws -> ListRowOutcome {
        let changed = try await tx.connection.execute("""
            UPDATE project SET title = \(row.title), description = \(row.description), responsible_unit_id = \(unit),
                budget_fen = \(row.budget?.fen), starts_on = \(row.startsOn?.description)::date, due_on = \(row.dueOn?.description)::date,
                is_public = \(row.isPublic), published_on = \(row.publishedOn?.description)::date,
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(stored.id)
              AND (title, description, responsible_unit_id, budget_fen, starts_on, due_on, is_public, published_on)
                  IS DISTINCT FROM (\(row.title), \(row.description), \(unit), \(row.budget?.fen), \(row.startsOn?.description)::date,
                                    \(row.dueOn?.description)::date, \(row.isPublic), \(row.publishedOn?.description)::date)
            """) > 0
        var current = stored.status
        var reported = row.progressPercent <= stored.percent
        func reportIfDue() async throws {
            guard !reported, current == .inProgress else { return }
            try await addReport(stored.id, try ProgressReport(on: try today(), percentage: row.progressPercent, note: ProjectImportPlan.note), tx)
            reported = true
        }
        try await reportIfDue()
        let path = ProjectImportPlan.statusPath(from: stored.status, to: row.status) ?? []
        for step in path {
            let day = step == .completed ? row.completedOn : step == .checked ? row.checkedOn : nil
            try await advance(stored.id, to: step, on: day, note: ProjectImportPlan.note, reason: step == .cancelled ? row.cancelReason : nil, tx)
            current = step
            try await reportIfDue()
        }
        // A day the file gives for a step taken before corrects it; a blank one keeps it.
        let redated = row.completedOn == nil && row.checkedOn == nil ? false : try await tx.connection.execute("""
            UPDATE project SET completed_on = coalesce(\(row.completedOn?.description)::date, completed_on),
                checked_on = coalesce(\(row.checkedOn?.description)::date, checked_on), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(stored.id)
              AND (completed_on, checked_on) IS DISTINCT FROM
                  (coalesce(\(row.completedOn?.description)::date, completed_on), coalesce(\(row.checkedOn?.description)::date, checked_on))
            """) > 0
        let rated = stored.rating == nil && row.rating != nil
        if let rating = row.rating, rated { try await applyRating(rating, to: stored.id, tx) }
        return changed || rated || redated || !path.isEmpty || row.progressPercent > stored.percent ? .updated : .unchanged
    }
}
