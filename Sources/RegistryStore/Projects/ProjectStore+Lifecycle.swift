import Foundation
import Postgres
public import Registry

extension ProjectStore {
    /// planned → in_progress: work starts.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition` (naming the current status and the
    ///   allowed ones) from any other status.
    @discardableResult
    public static func start(_ key: String, note: String? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        try await moving(key, to: .inProgress, note: note, in: tx)
    }

    /// in_progress → completed: the work is done. Its demands move in_project → resolved
    /// (with events), each recording the level it was settled at, in the same transaction;
    /// a demand with part still unmet, or another project still open, stays in_project.
    ///
    /// - Parameter on: The day it was completed (default: today in China).
    @discardableResult
    public static func complete(_ key: String, on date: CivilDate? = nil, note: String? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        try await moving(key, to: .completed, on: date, note: note, in: tx)
    }

    /// completed → checked (验收): inspected and accepted.
    ///
    /// - Parameter on: The day of the check (default: today in China).
    @discardableResult
    public static func check(_ key: String, on date: CivilDate? = nil, note: String? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        try await moving(key, to: .checked, on: date, note: note, in: tx)
    }

    /// planned or in_progress → cancelled, with a reason. In the same transaction what the
    /// project holds of each resource is given back (`returned` ledger lines) and its demands
    /// go back on the list (in_project → accepted, with events).
    ///
    /// - Throws: ``RegistryError`` `reasonRequired` without a reason, `illegalTransition`
    ///   from completed, checked or cancelled.
    @discardableResult
    public static func cancel(_ key: String, reason: String, note: String? = nil, in tx: TenantTransaction) async throws -> ProjectDetail {
        try await moving(key, to: .cancelled, note: note, reason: reason, in: tx)
    }

    private static func moving(
        _ key: String, to target: ProjectStatus, on date: CivilDate? = nil, note: String?, reason: String? = nil, in tx: TenantTransaction
    ) async throws -> ProjectDetail {
        let id = try await Self.id(of: key, tx)
        try await Self.advance(id, to: target, on: date, note: note, reason: reason, tx)
        return try await Self.detail(id, tx)
    }

    /// Moves a project one step of its workflow, with everything that step moves along.
    static func advance(_ id: Int64, to target: ProjectStatus, on date: CivilDate?, note: String?, reason: String?, _ tx: TenantTransaction) async throws {
        var (project, title) = try await domainProject(id, tx)
        let event = try project.transition(to: target, actor: try ActorID(tx.actor), at: Date(), note: note, reason: reason)
        let day = try pastDay(date, tx).description
        let tenant = tx.tenantID
        try await tx.connection.execute("""
            UPDATE project SET status = \(target.rawValue), cancel_reason = \(project.cancellationReason),
                completed_on = CASE WHEN \(target.rawValue) = 'completed' THEN \(day)::date ELSE completed_on END,
                checked_on = CASE WHEN \(target.rawValue) = 'checked' THEN \(day)::date ELSE checked_on END,
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tenant) AND id = \(id)
            """)
        try await tx.connection.execute("""
            INSERT INTO project_event (tenant_id, project_id, from_status, to_status, actor, note, reason)
            VALUES (\(tenant), \(id), \(event.from.rawValue), \(event.to.rawValue), \(event.actor.rawValue), \(event.note), \(event.reason))
            """)
        switch target {
        case .completed:
            // Done is 100%: a completed project never reads 40% on the public site. The
            // completion is a progress report of its own (the percentage is always its
            // reports' highest), dated the completion day, or the last report's day when that
            // is later (a completion recorded late), so reports never go back in day order.
            // Read first, written as values: an INSERT … SELECT into a table with an identity
            // column is no statement Citus sends to one shard (RowsInsert says more).
            let completion = try await tx.connection.query("""
                SELECT GREATEST(\(day)::date, (SELECT max(r.reported_on) FROM project_progress r WHERE r.tenant_id = \(tenant) AND r.project_id = \(id)))::text AS day
                FROM project WHERE tenant_id = \(tenant) AND id = \(id) AND progress_percent < 100
                """).first
            if let completion {
                try await tx.connection.execute("""
                    INSERT INTO project_progress (tenant_id, project_id, reported_on, percent, note, actor)
                    VALUES (\(tenant), \(id), \(try completion.decode(String.self, "day"))::date, 100, '完工 completed', \(tx.actor))
                    """)
            }
            try await tx.connection.execute("UPDATE project SET progress_percent = 100 WHERE tenant_id = \(tenant) AND id = \(id)")
            // A demand is resolved when nothing of it is unmet and no other project still works
            // on it (DemandService.settles); otherwise it stays in its project, on the list.
            let held = try await demands(of: id, in: .inProject, tx)
            let service = try await DemandStore.service(of: held.map(\.id), tx)
            for demand in held {
                if let served = service[demand.id], !served.settles {
                    try await DemandStore.recordRemainder(demand.id, note: "项目「\(title)」完工；" + Self.stillOpen(served), tx)
                } else {
                    try await moveDemand(demand, to: .resolved, note: "项目「\(title)」完工 project completed", on: date, tx)
                }
            }
            try await tx.emit([.projectCompleted(projectID: id)])
        case .cancelled:
            // Demands are locked before resources, the order every other writer (project
            // creation, matching acceptance) takes, so that two of them cannot deadlock.
            let held = try await demands(of: id, in: .inProject, tx)
            try await returnHoldings(of: id, title: title, tx)
            let service = try await DemandStore.service(of: held.map(\.id), tx)
            for demand in held {
                // Another live project still serves it: it stays in project, its remainder grown.
                if let served = service[demand.id], served.servedWhole || served.served > 0 {
                    try await DemandStore.recordRemainder(demand.id, note: "项目「\(title)」已取消；" + Self.stillOpen(served), tx)
                } else {
                    try await moveDemand(demand, to: .accepted, note: "项目「\(title)」已取消，需求重新列入清单 project cancelled; back on the list", tx)
                }
            }
        case .planned, .inProgress, .checked:
            break
        }
    }

    /// Why a demand stays in its project: what is unmet, and how many projects are open.
    static func stillOpen(_ service: DemandService) -> String {
        var parts: [String] = []
        let unmet = service.measureUnit.chineseText(service.unmet)
        if service.unmet > 0 { parts.append("尚缺 \(unmet)，仍在需求清单 \(unmet) still unmet, on the list") }
        if service.openProjects > 0 { parts.append("另有 \(service.openProjects) 个项目在办 \(service.openProjects) other project(s) open") }
        return parts.joined(separator: "；")
    }

    /// Gives back everything the project still holds (drawn minus returned) of each resource.
    private static func returnHoldings(of project: Int64, title: String, _ tx: TenantTransaction) async throws {
        let holdings = try await tx.connection.query("""
            SELECT resource_id, sum(CASE kind WHEN 'drawn' THEN quantity ELSE -quantity END)::bigint AS held
            FROM resource_ledger WHERE tenant_id = \(tx.tenantID) AND project_id = \(project)
            GROUP BY resource_id ORDER BY resource_id
            """)
        for row in holdings {
            let held = try row.decode(Int64.self, "held")
            guard held > 0 else { continue }
            try await ResourceStore.insertLedger(
                resource: try row.decode(Int64.self, "resource_id"), kind: .returned, quantity: held, project: project,
                note: "项目「\(title)」取消退回 returned: project cancelled", tx)
        }
    }

    /// The project as the domain sees it (status, progress, rating), locked, and its title.
    static func domainProject(_ id: Int64, _ tx: TenantTransaction) async throws -> (Project, String) {
        let tenant = tx.tenantID
        guard let row = try await tx.connection.query("""
            SELECT title, responsible_unit_id, status, cancel_reason, rating, rating_comment
            FROM project WHERE tenant_id = \(tenant) AND id = \(id) FOR UPDATE
            """).first else { throw RegistryStoreError.notFound(kind: "project 项目", key: "\(id)") }
        let progress = try await tx.connection.query("""
            SELECT reported_on::text AS reported_on, percent, note, attachments FROM project_progress
            WHERE tenant_id = \(tenant) AND project_id = \(id) ORDER BY reported_on, id
            """).map { report in
            try ProgressReport(
                on: try CivilDate(try report.decode(String.self, "reported_on")), percentage: try report.decode(Int.self, "percent"),
                note: try report.decode(String?.self, "note"),
                attachments: try report.decode([String].self, "attachments").compactMap { URL(string: $0) })
        }
        let title = try row.decode(String.self, "title")
        let project = try Project(
            tenant: tenant, id: ProjectID(id), title: title, demands: [],
            responsibleUnit: UnitID(try row.decode(Int64.self, "responsible_unit_id")),
            status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
            cancellationReason: try row.decode(String?.self, "cancel_reason"), progress: progress,
            rating: try row.decode(Int?.self, "rating").map { try Rating(score: $0, comment: try row.decode(String?.self, "rating_comment")) })
        return (project, title)
    }


    /// The day something happened: `date`, or today; never a day still to come (a report
    /// dated ahead would hold every later report below it).
    ///
    /// - Throws: ``InvalidFields`` for a day after today (``FieldProblem/afterToday(_:today:field:named:)``).
    static func pastDay(_ date: CivilDate?, _ tx: TenantTransaction) throws -> CivilDate {
        let today = try tx.today()
        guard let date else { return today }
        if let problem = FieldProblem.afterToday(date, today: today, field: "on") { throw InvalidFields([problem]) }
        return date
    }
}
