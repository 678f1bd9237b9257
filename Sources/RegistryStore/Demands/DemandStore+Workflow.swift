import Foundation
import Postgres
public import Registry

extension DemandStore {
    /// Moves a demand along its workflow and records the event, in one transaction.
    ///
    /// The row is read `FOR UPDATE`, so two concurrent moves of one demand are taken one
    /// after the other and the second is checked against the state the first left. The
    /// rules are the domain's (``Demand/transition(to:actor:at:note:reason:mergedInto:rating:visibility:)``):
    /// a refused move changes nothing and its message names the current state and the
    /// allowed ones.
    ///
    /// ```swift
    /// try await registry.withTenant(langao, actor: "cli:root") { tx in
    ///     try await DemandStore.transition(7, to: .rejected, reason: "属于住建部门职责", visibility: .internal, in: tx)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - id: The demand.
    ///   - target: The state to move to.
    ///   - note: Shown to residents when `visibility` is public.
    ///   - reason: Required to reject; internal.
    ///   - mergedInto: The demand that carries it on, to merge; of the same tenant.
    ///   - rating: The resident's rating, to mark it rated.
    ///   - visibility: Whether residents see the event.
    ///   - expectedVersion: If given, the move is refused unless the demand is still at
    ///     this ``DemandDetail/rowVersion`` (optimistic locking for forms).
    /// - Returns: The recorded event.
    /// - Throws: ``RegistryError`` for a move the workflow refuses;
    ///   ``RegistryStoreError/notFound(kind:key:)`` for an unknown demand or merge target;
    ///   `.conflict` when `expectedVersion` is stale.
    @discardableResult
    public static func transition(
        _ id: DemandID, to target: DemandState, note: String? = nil, reason: String? = nil,
        mergedInto: DemandID? = nil, rating: Rating? = nil, visibility: EventVisibility, expectedVersion: Int? = nil,
        in tx: TenantTransaction
    ) async throws -> DemandEvent {
        let actorID = try ActorID(tx.actor)
        if let mergedInto { try await Self.lockMergeTarget(mergedInto, of: id, tx) }
        var (demand, now) = try await Self.lock(id, expectedVersion: expectedVersion, tx)
        let from = demand.state
        let event = try demand.transition(
            to: target, actor: actorID, at: now, note: note, reason: reason, mergedInto: mergedInto,
            rating: rating, visibility: visibility)
        // Projects own these moves (create, complete, cancel), so that no project ever holds a
        // demand that is back on the list, and no demand is in a project that does not exist.
        // A demand that a file loaded as in_project with no live project may still be moved out.
        if DemandWorkflow.isProjectMove(from: from, to: target),
           target == .inProject ? true : try await Self.isHeldByLiveProject(id, tx) {
            throw RegistryError(
                .illegalTransition, field: "to",
                chinese: "需求随项目纳入或离开「纳入项目」：请创建项目，或将其项目完工、取消（当前为「\(from.chineseName)」）",
                english: "a demand enters and leaves in_project with its project: create the project, or complete or cancel it (the demand is \(from.rawValue))")
        }
        try await tx.connection.execute("""
            UPDATE demand SET state = \(demand.state.rawValue), settled_level = \(demand.settledLevel?.rawValue),
                merged_into = \(demand.mergedInto?.rawValue), rating = \(demand.rating?.score),
                rating_comment = \(demand.rating?.comment), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id.rawValue)
            """)
        try await Self.record(event, tx)
        return event
    }

    /// Whether a planned or running project serves the demand.
    static func isHeldByLiveProject(_ id: DemandID, _ tx: TenantTransaction) async throws -> Bool {
        try await tx.connection.query("""
            SELECT EXISTS (
                SELECT 1 FROM project_demand pd JOIN project p ON p.tenant_id = pd.tenant_id AND p.id = pd.project_id
                WHERE pd.tenant_id = \(tx.tenantID) AND pd.demand_id = \(id.rawValue) AND p.status IN ('planned', 'in_progress')
            ) AS held
            """)[0].decode(Bool.self, "held")
    }

    /// Hands a demand up the ladder (吹哨) and records who did it and why.
    ///
    /// Upward only and only while the demand is open, as ``Demand/escalate(to:actor:reason:at:)``
    /// rules. The event is internal: residents see statuses, not the ladder.
    ///
    /// - Parameters:
    ///   - id: The demand.
    ///   - level: The level to hand it to; above the current one.
    ///   - reason: Why the current level cannot settle it; required.
    /// - Returns: The recorded escalation.
    /// - Throws: ``RegistryError`` (`escalationNotUpward`, `reasonRequired`,
    ///   `notAllowedInState`); ``RegistryStoreError/notFound(kind:key:)``.
    @discardableResult
    public static func escalate(_ id: DemandID, to level: EscalationLevel, reason: String, in tx: TenantTransaction) async throws -> Escalation {
        let actorID = try ActorID(tx.actor)
        var (demand, now) = try await Self.lock(id, expectedVersion: nil, tx)
        let escalation = try demand.escalate(to: level, actor: actorID, reason: reason, at: now)
        try await tx.connection.execute("""
            UPDATE demand SET escalation_level = \(escalation.to.rawValue), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tx.tenantID) AND id = \(id.rawValue)
            """)
        try await tx.connection.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, from_level, to_level, actor, at, reason, visibility)
            VALUES (\(tx.tenantID), \(id.rawValue), 'escalation', \(escalation.from.rawValue), \(escalation.to.rawValue),
                    \(escalation.actor.rawValue), \(escalation.at), \(escalation.reason), 'internal')
            """)
        try await tx.emit([.demandEscalated(id, to: escalation.to)])
        return escalation
    }

    /// Reads a demand for change, locking its row until the transaction ends, with the
    /// transaction's time (the one clock every event of the transaction uses).
    static func lock(
        _ id: DemandID, expectedVersion: Int?, _ tx: TenantTransaction
    ) async throws -> (Demand, Date) {
        let rows = try await tx.connection.query("""
            SELECT \(unsafeRaw: demandColumns), now() AS now FROM demand d
            WHERE d.tenant_id = \(tx.tenantID) AND d.id = \(id.rawValue)
            FOR UPDATE
            """)
        guard let row = rows.first else { throw notFound(id) }
        if let expectedVersion {
            let version = try row.decode(Int.self, "row_version")
            guard version == expectedVersion else {
                throw RegistryStoreError.staleVersion(kind: "demand", key: "\(id)", current: version, expected: expectedVersion)
            }
        }
        return (try demand(row, tenant: tx.tenantID), try row.decode(Date.self, "now"))
    }

    /// Locks the demand and its merge target together, in id order (two merges of A into B
    /// and B into A must not both commit, nor deadlock), and refuses a target that is not
    /// itself on the list: merging into a draft or a closed demand would close the need with
    /// nothing carrying it on.
    static func lockMergeTarget(_ target: DemandID, of id: DemandID, _ tx: TenantTransaction) async throws {
        let rows = try await tx.connection.query("""
            SELECT id, state FROM demand
            WHERE tenant_id = \(tx.tenantID) AND id IN (\(id.rawValue), \(target.rawValue))
            ORDER BY id FOR UPDATE
            """)
        guard let row = try rows.first(where: { try $0.decode(Int64.self, "id") == target.rawValue }) else {
            throw notFound(target)
        }
        let state = try row.decode(String.self, "state")
        if ["draft", "merged", "rejected", "withdrawn"].contains(state) {
            let name = (try? DemandState(parsing: state)).map { "\($0.chineseName) \($0.rawValue)" } ?? state
            throw RegistryStoreError.conflict("合并目标 \(target.rawValue) 不在清单上 the merge target is \(name), not on the list")
        }
    }
}
