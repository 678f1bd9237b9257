import Foundation
import Postgres
import Registry

extension ProjectStore {
    /// Moves a demand along with its project, by the domain's rules (`DemandWorkflow`), and
    /// records the event. A move to resolved records the level the demand was settled at
    /// (its escalation level); a move back to accepted clears it.
    ///
    /// The event is public when residents' view of the demand changes (the domain's
    /// suggestion), so the disclosed history shows "in progress" and "done".
    ///
    /// The event is dated now, or on `day` when the move happened earlier (a project file's
    /// start or completion day, a completion recorded late): midnight UTC of that day, never
    /// before the demand was raised or its last event, nor after now, so its history stays in order and the
    /// quarterly report counts the move in the quarter it happened.
    ///
    /// - Throws: ``RegistryError`` `illegalTransition`, naming the demand's state and the
    ///   allowed ones.
    static func moveDemand(
        _ demand: ProjectLockedDemand, to target: DemandState, note: String, on day: CivilDate? = nil, _ tx: TenantTransaction
    ) async throws {
        let event = try DemandWorkflow.transition(
            of: DemandID(demand.id), from: demand.state, to: target, actor: try ActorID(tx.actor), at: Date(), note: note,
            visibility: DemandWorkflow.suggestedVisibility(from: demand.state, to: target))
        let tenant = tx.tenantID
        try await tx.connection.execute("""
            UPDATE demand SET state = \(target.rawValue),
                settled_level = CASE WHEN \(target.rawValue) = 'resolved' THEN escalation_level WHEN \(target.rawValue) = 'accepted' THEN NULL ELSE settled_level END,
                updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tenant) AND id = \(demand.id)
            """)
        // The moment is read first, not by subqueries in the INSERT, which Citus plans only as
        // an INSERT … SELECT through the coordinator, refused under row-level security.
        let at = try await Self.eventMoment(day, demand: demand.id, tx)
        try await tx.connection.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, note, visibility)
            VALUES (\(tenant), \(demand.id), 'transition', \(event.from.rawValue), \(event.to.rawValue), \(event.actor.rawValue),
                    coalesce(\(at), now()), \(event.note), \(event.visibility.rawValue))
            """)
        try await tx.emit([.demandTransitioned(event.demand, from: event.from, to: event.to)])
    }

    /// The district's midnight of `day` kept between the demand's raising or last event and
    /// now; nil without a day (the event is then stamped now()).
    static func eventMoment(_ day: CivilDate?, demand: Int64, _ tx: TenantTransaction) async throws -> Date? {
        guard let day else { return nil }
        return try await tx.connection.query("""
            SELECT LEAST(now(), GREATEST(\(SQL.districtMidnight(day, in: tx.timeZone)),
                (SELECT max(e.at) FROM demand_event e WHERE e.tenant_id = \(tx.tenantID) AND e.demand_id = \(demand)),
                (SELECT d.filed_at FROM demand d WHERE d.tenant_id = \(tx.tenantID) AND d.id = \(demand)))) AS at
            """)[0].decode(Date.self, "at")
    }

    /// The demands a project serves, locked, that are in `state`.
    static func demands(of project: Int64, in state: DemandState, _ tx: TenantTransaction) async throws -> [ProjectLockedDemand] {
        try await tx.connection.query("""
            SELECT d.id, d.external_id, d.state FROM demand d
            JOIN project_demand pd ON pd.tenant_id = d.tenant_id AND pd.demand_id = d.id
            WHERE d.tenant_id = \(tx.tenantID) AND pd.project_id = \(project) AND d.state = \(state.rawValue)
            ORDER BY d.id FOR UPDATE OF d
            """).map { row in
            ProjectLockedDemand(
                id: try row.decode(Int64.self, "id"), externalID: try row.decode(String?.self, "external_id"),
                state: try DemandState(parsing: try row.decode(String.self, "state")))
        }
    }
}
