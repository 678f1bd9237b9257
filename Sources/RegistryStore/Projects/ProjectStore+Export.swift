import Foundation
import Postgres
public import Registry

/// What residents may read of a project: the `public_project` view (public items only), no
/// personal data, no internal notes.
public struct ProjectDisclosure: Sendable, Hashable, Codable {
    public var title: String
    public var responsibleUnitName: String
    public var budget: Money?
    public var startsOn: CivilDate?
    public var dueOn: CivilDate?
    public var status: ProjectStatus
    public var progressPercent: Int
    public var completedOn: CivilDate?
    public var checkedOn: CivilDate?
    public var rating: Int?
    public var publishedOn: CivilDate?
}

extension ProjectStore {
    /// Every project as an import file would give it, ordered by external id, so that an
    /// export imports back into an empty district (with the same units, demands and
    /// resources) as the same list, the residents' rating, the completion and check days and
    /// the cancel reason included. Milestones and the reports behind the percentage are
    /// not carried.
    public static func exportRows(in tx: TenantTransaction) async throws -> [ProjectImportRow] {
        try await tx.connection.query("""
            SELECT p.id, p.external_id, p.title, p.description, coalesce(u.external_id, u.id::text) AS unit, p.budget_fen,
                   p.starts_on::text AS starts_on, p.due_on::text AS due_on, p.status, p.progress_percent, p.is_public,
                   p.published_on::text AS published_on, p.rating, p.rating_comment, p.completed_on::text AS completed_on,
                   p.checked_on::text AS checked_on, p.cancel_reason,
                   coalesce((SELECT array_agg(coalesce(d.external_id, d.id::text) ORDER BY d.id) FROM project_demand pd
                             JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                             WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = p.id), '{}') AS demands,
                   coalesce((SELECT array_agg(coalesce(r.external_id, r.id::text) ORDER BY r.id) FROM project_allocation a
                             JOIN resource r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
                             WHERE a.tenant_id = \(tx.tenantID) AND a.project_id = p.id), '{}') AS resources,
                   coalesce((SELECT array_agg(r.measure_unit ORDER BY r.id) FROM project_allocation a
                             JOIN resource r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
                             WHERE a.tenant_id = \(tx.tenantID) AND a.project_id = p.id), '{}') AS units,
                   coalesce((SELECT array_agg(a.quantity ORDER BY a.resource_id) FROM project_allocation a
                             WHERE a.tenant_id = \(tx.tenantID) AND a.project_id = p.id), '{}') AS quantities
            FROM project p JOIN unit u ON u.tenant_id = p.tenant_id AND u.id = p.responsible_unit_id
            WHERE p.tenant_id = \(tx.tenantID)
            ORDER BY p.external_id NULLS LAST, p.id
            """).map { row in
            let units = try row.decode([String].self, "units").map { try MeasureUnit(parsing: $0) }
            let allocations = zip(zip(try row.decode([String].self, "resources"), units), try row.decode([Int64].self, "quantities"))
                .map { pair, amount in ProjectAllocationRequest(resource: pair.0, quantity: ResourceStore.amountText(amount, in: pair.1)) }
            return ProjectImportRow(
                externalID: try row.decode(String?.self, "external_id") ?? "\(try row.decode(Int64.self, "id"))",
                title: try row.decode(String.self, "title"),
                description: try row.decode(String?.self, "description"),
                responsibleUnitExternalID: try row.decode(String.self, "unit"),
                demandExternalIDs: try row.decode([String].self, "demands"),
                allocations: allocations,
                budget: try row.decode(Int64?.self, "budget_fen").map(Money.init(fen:)),
                startsOn: try row.decode(String?.self, "starts_on").map(CivilDate.init),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init),
                status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
                progressPercent: try row.decode(Int.self, "progress_percent"),
                isPublic: try row.decode(Bool.self, "is_public"),
                publishedOn: try row.decode(String?.self, "published_on").map(CivilDate.init),
                rating: try row.decode(Int?.self, "rating").map { try Rating(score: $0, comment: try row.decode(String?.self, "rating_comment")) },
                completedOn: try row.decode(String?.self, "completed_on").map(CivilDate.init),
                checkedOn: try row.decode(String?.self, "checked_on").map(CivilDate.init),
                cancelReason: try row.decode(String?.self, "cancel_reason"))
        }
    }

    /// The disclosed project list (公示): the `public_project` view.
    public static func disclosures(in tx: TenantTransaction) async throws -> [ProjectDisclosure] {
        try await tx.connection.query("""
            SELECT title, responsible_unit_name, budget_fen, starts_on::text AS starts_on, due_on::text AS due_on, status,
                   progress_percent, completed_on::text AS completed_on, checked_on::text AS checked_on, rating,
                   published_on::text AS published_on
            FROM public_project WHERE tenant_id = \(tx.tenantID) ORDER BY id
            """).map { row in
            ProjectDisclosure(
                title: try row.decode(String.self, "title"),
                responsibleUnitName: try row.decode(String.self, "responsible_unit_name"),
                budget: try row.decode(Int64?.self, "budget_fen").map(Money.init(fen:)),
                startsOn: try row.decode(String?.self, "starts_on").map(CivilDate.init),
                dueOn: try row.decode(String?.self, "due_on").map(CivilDate.init),
                status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
                progressPercent: try row.decode(Int.self, "progress_percent"),
                completedOn: try row.decode(String?.self, "completed_on").map(CivilDate.init),
                checkedOn: try row.decode(String?.self, "checked_on").map(CivilDate.init),
                rating: try row.decode(Int?.self, "rating"),
                publishedOn: try row.decode(String?.self, "published_on").map(CivilDate.init))
        }
    }
}
