import Foundation
import Postgres
import Registry

extension ProjectStore {
    /// A project with its demands, allocations, milestones, progress reports and events.
    static func detail(_ id: Int64, _ tx: TenantTransaction) async throws -> ProjectDetail {
        let tenant = tx.tenantID
        guard let project = try await records(tx, where: " AND p.id = \(id)", limit: 1).first else {
            throw RegistryStoreError.notFound(kind: "project 项目", key: "\(id)")
        }
        let texts = try await tx.connection.query("""
            SELECT description, cancel_reason, rating_comment FROM project WHERE tenant_id = \(tenant) AND id = \(id)
            """)[0]
        let demands = try await tx.connection.query("""
            SELECT d.id, d.external_id, d.title, d.state, d.settled_level FROM project_demand pd
            JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
            WHERE pd.tenant_id = \(tenant) AND pd.project_id = \(id) ORDER BY d.id
            """).map { row in
            ProjectDemandLine(
                id: try row.decode(Int64.self, "id"), externalID: try row.decode(String?.self, "external_id"),
                title: try row.decode(String.self, "title"), state: try DemandState(parsing: try row.decode(String.self, "state")),
                settledLevel: try row.decode(String?.self, "settled_level").map { try EscalationLevel(parsing: $0) })
        }
        let allocations = try await tx.connection.query("""
            SELECT r.id, r.external_id, r.title, r.measure_unit, a.quantity,
                   coalesce((SELECT sum(CASE l.kind WHEN 'drawn' THEN l.quantity ELSE -l.quantity END) FROM resource_ledger l
                             WHERE l.tenant_id = \(tenant) AND l.resource_id = a.resource_id AND l.project_id = a.project_id), 0)::bigint AS held
            FROM project_allocation a JOIN resource r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
            WHERE a.tenant_id = \(tenant) AND a.project_id = \(id) ORDER BY r.id
            """).map { row in
            ProjectAllocationLine(
                resourceID: try row.decode(Int64.self, "id"), resourceExternalID: try row.decode(String?.self, "external_id"),
                title: try row.decode(String.self, "title"), measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                quantity: try row.decode(Int64.self, "quantity"), held: try row.decode(Int64.self, "held"))
        }
        let milestones = try await tx.connection.query("""
            SELECT id, title, due_on::text AS due_on, done_on::text AS done_on FROM project_milestone
            WHERE tenant_id = \(tenant) AND project_id = \(id) ORDER BY due_on NULLS LAST, id
            """).map { row in
            ProjectMilestoneLine(
                id: try row.decode(Int64.self, "id"), title: try row.decode(String.self, "title"),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init), doneOn: try row.decode(String?.self, "done_on").map(CivilDate.init))
        }
        let progress = try await tx.connection.query("""
            SELECT reported_on::text AS reported_on, percent, note, attachments, actor FROM project_progress
            WHERE tenant_id = \(tenant) AND project_id = \(id) ORDER BY reported_on, id
            """).map { row in
            ProjectProgressLine(
                reportedOn: try CivilDate(try row.decode(String.self, "reported_on")), percent: try row.decode(Int.self, "percent"),
                note: try row.decode(String?.self, "note"), attachments: try row.decode([String].self, "attachments"),
                actor: try row.decode(String.self, "actor"))
        }
        let events = try await tx.connection.query("""
            SELECT from_status, to_status, actor, at, note, reason FROM project_event
            WHERE tenant_id = \(tenant) AND project_id = \(id) ORDER BY id
            """).map { row in
            ProjectEventLine(
                from: try ProjectStatus(parsing: try row.decode(String.self, "from_status")),
                to: try ProjectStatus(parsing: try row.decode(String.self, "to_status")),
                actor: try row.decode(String.self, "actor"), at: try row.decode(Date.self, "at"),
                note: try row.decode(String?.self, "note"), reason: try row.decode(String?.self, "reason"))
        }
        return ProjectDetail(
            project: project, description: try texts.decode(String?.self, "description"),
            cancelReason: try texts.decode(String?.self, "cancel_reason"), ratingComment: try texts.decode(String?.self, "rating_comment"),
            demands: demands, allocations: allocations, milestones: milestones, progress: progress, events: events)
    }
}
