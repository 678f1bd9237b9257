import Postgres
import Registry

/// What a project import refers to, read (and locked) once before any row is checked: the
/// units, demands, resources and already stored projects its rows name, by external id.
struct ProjectImportLookups {
    var units: [String: Int64]
    var demands: [String: ProjectLockedDemand]
    /// Demand external id → the stored, not cancelled project that serves it.
    var heldBy: [String: String]
    var resources: [String: ProjectLockedResource]
    /// Project external id → the stored project as its file row would describe it.
    var projects: [String: ProjectImportFacts.StoredProject]
    /// Project external id → its id.
    var projectIDs: [String: Int64]

    /// The same, as the plain values ``ProjectImportCheck`` checks the rows against.
    var facts: ProjectImportFacts {
        ProjectImportFacts(
            units: Set(units.keys), demands: demands.mapValues(\.state), heldBy: heldBy,
            resources: resources.mapValues { .init(status: $0.status, unit: $0.unit, remaining: $0.remaining) },
            projects: projects)
    }

    static func load(_ rows: [ProjectImportRow], _ tx: TenantTransaction) async throws -> ProjectImportLookups {
        let tenant = tx.tenantID
        let units = try await MemberStore.unitIDs(Array(Set(rows.map(\.responsibleUnitExternalID))), tx)
        var demands: [String: ProjectLockedDemand] = [:]
        for row in try await tx.connection.query("""
            SELECT id, external_id, state FROM demand
            WHERE tenant_id = \(tenant) AND external_id = ANY(\(Array(Set(rows.flatMap(\.demandExternalIDs)))))
            ORDER BY id FOR UPDATE
            """) {
            let demand = ProjectLockedDemand(
                id: try row.decode(Int64.self, "id"), externalID: try row.decode(String?.self, "external_id"),
                state: try DemandState(parsing: try row.decode(String.self, "state")))
            demands[demand.externalID ?? ""] = demand
        }
        var heldBy: [String: String] = [:]
        for row in try await tx.connection.query("""
            SELECT d.external_id AS demand, coalesce(p.external_id, '#' || p.id) AS project
            FROM project_demand pd
            JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
            JOIN project p ON p.tenant_id = pd.tenant_id AND p.id = pd.project_id
            WHERE pd.tenant_id = \(tenant) AND p.status <> 'cancelled' AND d.external_id = ANY(\(Array(demands.keys)))
            ORDER BY p.id
            """) {
            let demand = try row.decode(String.self, "demand")
            if heldBy[demand] == nil { heldBy[demand] = try row.decode(String.self, "project") }
        }
        var resources: [String: ProjectLockedResource] = [:]
        for row in try await tx.connection.query("""
            SELECT id, external_id, status, measure_unit, remaining FROM resource
            WHERE tenant_id = \(tenant) AND external_id = ANY(\(Array(Set(rows.flatMap { $0.allocations.map(\.resource) }))))
            ORDER BY id FOR UPDATE
            """) {
            let resource = ProjectLockedResource(
                id: try row.decode(Int64.self, "id"), externalID: try row.decode(String?.self, "external_id"),
                status: try ResourceStatus(parsing: try row.decode(String.self, "status")),
                unit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                remaining: try row.decode(Int64.self, "remaining"))
            resources[resource.externalID ?? ""] = resource
        }
        var projects: [String: ProjectImportFacts.StoredProject] = [:]
        var projectIDs: [String: Int64] = [:]
        for row in try await tx.connection.query("""
            SELECT p.id, p.external_id, p.status, p.progress_percent, p.rating, p.completed_on::text AS completed_on,
                   p.checked_on::text AS checked_on, p.cancel_reason,
                   coalesce((SELECT array_agg(coalesce(d.external_id, d.id::text) ORDER BY d.id) FROM project_demand pd
                             JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                             WHERE pd.tenant_id = \(tenant) AND pd.project_id = p.id), '{}') AS demands,
                   coalesce((SELECT array_agg(coalesce(r.external_id, r.id::text) ORDER BY r.id) FROM project_allocation a
                             JOIN resource r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
                             WHERE a.tenant_id = \(tenant) AND a.project_id = p.id), '{}') AS resources,
                   coalesce((SELECT array_agg(a.quantity ORDER BY a.resource_id) FROM project_allocation a
                             WHERE a.tenant_id = \(tenant) AND a.project_id = p.id), '{}') AS quantities
            FROM project p
            WHERE p.tenant_id = \(tenant) AND p.external_id = ANY(\(rows.map(\.externalID)))
            ORDER BY p.id
            FOR UPDATE OF p
            """) {
            let external = try row.decode(String.self, "external_id")
            projectIDs[external] = try row.decode(Int64.self, "id")
            projects[external] = ProjectImportFacts.StoredProject(
                status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
                percent: try row.decode(Int.self, "progress_percent"),
                rating: try row.decode(Int?.self, "rating"),
                completedOn: try row.decode(String?.self, "completed_on").map(CivilDate.init),
                checkedOn: try row.decode(String?.self, "checked_on").map(CivilDate.init),
                cancelReason: try row.decode(String?.self, "cancel_reason"),
                demands: try row.decode([String].self, "demands"),
                allocations: Dictionary(
                    zip(try row.decode([String].self, "resources"), try row.decode([Int64].self, "quantities")), uniquingKeysWith: +))
        }
        return ProjectImportLookups(units: units, demands: demands, heldBy: heldBy, resources: resources, projects: projects, projectIDs: projectIDs)
    }
}
