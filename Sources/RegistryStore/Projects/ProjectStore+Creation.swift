import Foundation
import Postgres
import Registry

/// A demand read under a row lock, for a project to take it along.
struct ProjectLockedDemand: Sendable {
    var id: Int64
    var externalID: String?
    var state: DemandState
}

/// A resource read under a row lock, for a project to draw on it.
struct ProjectLockedResource: Sendable {
    var id: Int64
    var externalID: String?
    var status: ResourceStatus
    var unit: MeasureUnit
    var remaining: Int64
}

extension ProjectStore {
    /// Inserts a project with everything it moves (see ``create(_:in:)``); returns its id.
    ///
    /// The draft's own rules (``ProjectDraft/checked(on:door:)``) come first, every problem
    /// at once; what is left here is what only the database knows: the unit, the demands'
    /// states and the resources' status and unit.
    static func insert(_ draft: ProjectDraft, _ tx: TenantTransaction) async throws -> Int64 {
        let actor = try ActorID(tx.actor)
        let draft = try draft.checked(on: try tx.today(), door: .api)
        let unit = try await UnitStore.id(of: draft.responsibleUnit, tx)
        let demands = try await lockDemands(draft.demands, tx)
        for demand in demands {
            // Checked before anything is written, so the refusal names the demand's state.
            _ = try DemandWorkflow.transition(of: DemandID(demand.id), from: demand.state, to: .inProject, actor: actor, at: Date(), visibility: .public)
        }
        let resources = try await lockResources(draft.allocations.map(\.resource), tx)
        var draws: [(resource: ProjectLockedResource, amount: Int64)] = []
        var problems: [FieldProblem] = []
        for request in draft.allocations {
            let resource = resources[request.resource]!
            if let refused = resource.status.notDrawable(field: ProjectDraft.Field.allocations.name, value: request.resource) {
                problems.append(refused)
                continue
            }
            switch request.amount(in: resource.unit) {
            case .success(let amount): draws.append((resource, amount))
            case .failure(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else { throw InvalidFields(problems) }
        let id = try await insertRow(draft, unit: unit, status: .planned, tx)
        try await attach(project: id, demands: demands.map(\.id), tx)
        for draw in draws {
            try await allocate(project: id, resource: draw.resource.id, amount: draw.amount, drawn: true, note: "项目支取 drawn by project \(draft.title)", tx)
        }
        for demand in demands {
            try await moveDemand(demand, to: .inProject, note: "纳入项目「\(draft.title)」 taken into a project", tx)
        }
        return id
    }

    /// Inserts the project row; without an external id the project gets `GR-P<id>`. `id` is
    /// a number from a ``NumberBlock``, or nil for the district's next one.
    static func insertRow(
        _ draft: ProjectDraft, id number: Int64? = nil, unit: Int64, status: ProjectStatus, cancelReason: String? = nil, completedOn: CivilDate? = nil,
        checkedOn: CivilDate? = nil, _ tx: TenantTransaction
    ) async throws -> Int64 {
        let tenant = tx.tenantID
        var number = number
        var externalID = draft.externalID
        if externalID == nil {
            let new = try await NewRowNumber(.project, prefix: "GR-P", number: number, in: tx)
            (number, externalID) = (new.id, new.externalID)
        }
        let id: Int64
        do {
            id = try await tx.connection.query("""
                INSERT INTO project (tenant_id, id, external_id, title, description, responsible_unit_id, budget_fen, starts_on, due_on,
                                     status, cancel_reason, completed_on, checked_on, is_public, published_on)
                VALUES (\(tenant), \(NumberedList.project.id(number, tenant: tenant)), \(externalID), \(draft.title), \(draft.description), \(unit), \(draft.budget?.fen),
                        \(draft.startsOn?.description)::date, \(draft.dueOn?.description)::date, \(status.rawValue), \(cancelReason),
                        \(completedOn?.description)::date, \(checkedOn?.description)::date, \(draft.isPublic), \(draft.publishedOn?.description)::date)
                RETURNING id
                """)[0].decode(Int64.self, "id")
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw RegistryStoreError.conflict("项目编号 \(externalID ?? "") 已存在 a project with this external id already exists")
        }
        return id
    }

    /// Links the project to the demands it serves.
    static func attach(project: Int64, demands: [Int64], _ tx: TenantTransaction) async throws {
        try await RowsInsert.run(
            "INSERT INTO project_demand (tenant_id, project_id, demand_id)",
            rows: demands.map { "(\(tx.tenantID), \(project), \($0))" },
            tail: "ON CONFLICT (tenant_id, project_id, demand_id) DO NOTHING", tx.connection)
    }

    /// Records an allocation and, when `drawn`, draws it from the resource (the database
    /// refuses an overdraw; see ``ResourceStore/insertLedger(resource:kind:quantity:project:note:_:)``).
    static func allocate(project: Int64, resource: Int64, amount: Int64, drawn: Bool, note: String, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            INSERT INTO project_allocation (tenant_id, project_id, resource_id, quantity)
            VALUES (\(tx.tenantID), \(project), \(resource), \(amount))
            """)
        if drawn {
            try await ResourceStore.insertLedger(resource: resource, kind: .drawn, quantity: amount, project: project, note: note, tx)
        }
    }

    /// The demands with these keys (external id, or id), locked, in the order of `keys`.
    static func lockDemands(_ keys: [String], _ tx: TenantTransaction) async throws -> [ProjectLockedDemand] {
        let rows = try await tx.connection.query("""
            SELECT id, external_id, state FROM demand
            WHERE tenant_id = \(tx.tenantID) AND (external_id = ANY(\(keys)) OR id::text = ANY(\(keys)))
            ORDER BY id FOR UPDATE
            """)
        let demands = try rows.map { row in
            ProjectLockedDemand(
                id: try row.decode(Int64.self, "id"), externalID: try row.decode(String?.self, "external_id"),
                state: try DemandState(parsing: try row.decode(String.self, "state")))
        }
        var ordered: [ProjectLockedDemand] = []
        for key in keys {
            guard let demand = demands.first(where: { $0.externalID == key }) ?? demands.first(where: { String($0.id) == key }) else {
                throw RegistryStoreError.notFound(kind: "demand 需求", key: key)
            }
            if !ordered.contains(where: { $0.id == demand.id }) { ordered.append(demand) }
        }
        return ordered
    }

    /// The resources with these keys (external id, or id), locked: key → resource.
    static func lockResources(_ keys: [String], _ tx: TenantTransaction) async throws -> [String: ProjectLockedResource] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await tx.connection.query("""
            SELECT id, external_id, status, measure_unit, remaining FROM resource
            WHERE tenant_id = \(tx.tenantID) AND (external_id = ANY(\(keys)) OR id::text = ANY(\(keys)))
            ORDER BY id FOR UPDATE
            """)
        let resources = try rows.map { row in
            ProjectLockedResource(
                id: try row.decode(Int64.self, "id"), externalID: try row.decode(String?.self, "external_id"),
                status: try ResourceStatus(parsing: try row.decode(String.self, "status")),
                unit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                remaining: try row.decode(Int64.self, "remaining"))
        }
        var byKey: [String: ProjectLockedResource] = [:]
        for key in keys {
            guard let resource = resources.first(where: { $0.externalID == key }) ?? resources.first(where: { String($0.id) == key }) else {
                throw RegistryStoreError.notFound(kind: "resource 资源", key: key)
            }
            byKey[key] = resource
        }
        return byKey
    }
}
