public import Foundation
import Postgres
public import Registry
import Synchronization

/// An API intake (`POST …/demands`) in one statement after its token check: the tenant's
/// settings, lock and status, the `Idempotency-Key`, the subtree of community staff, the
/// filing and the answer stored under the key, all in `govreg_intake` (migration 0033), run
/// as a transaction of its own. Two round trips in all, where it was about a dozen. The
/// transaction is a block (BEGIN and COMMIT sent with the statement, one round trip): on
/// Citus the district's settings reach the workers only inside one.
///
/// Module event handlers run here, inside the transaction of the change: when a module that
/// hears core events is enabled in the district, the statement does nothing and says so, and
/// the same statement then runs inside a transaction of this process, followed by the
/// handlers (``CoreEventHandler``).
///
/// A key's answer is stored as the filed row, which the server encodes: a replay decodes the
/// same row, so it gives the same answer, and a key is never stored without its answer.
public enum DemandIntake {
    /// Who files, and under which key.
    public struct Caller: Sendable {
        public var tenant: UUID
        /// For the audit log and the event (`api:login`).
        public var actor: String
        public var account: Int64
        /// The `Idempotency-Key`, and the hash of the request it is bound to.
        public var key: String?
        public var requestHash: Data?
        /// The org unit community staff are bound to: they file only under it.
        public var subtreeRoot: Int64?

        public init(tenant: UUID, actor: String, account: Int64, key: String?, requestHash: Data?, subtreeRoot: Int64?) {
            self.tenant = tenant
            self.actor = actor
            self.account = account
            self.key = key
            self.requestHash = requestHash
            self.subtreeRoot = subtreeRoot
        }
    }

    /// What the intake came to.
    public enum Outcome: Sendable {
        /// Filed now.
        case filed(DemandDetail)
        /// The key's demand, filed by an earlier attempt; nothing written.
        case replayed(DemandDetail)
        /// The answer another path stored under the key; nothing written.
        case answered(IdempotencyKeys.StoredAnswer)

        /// A retry answered from what its key holds.
        var isReplay: Bool {
            if case .filed = self { return false }
            return true
        }
    }

    /// Community staff filing outside the subtree of their org unit; nothing was written.
    public struct OutsideSubtree: Error, Sendable {}

    /// Files `draft` (submitted, or a draft) for `caller`.
    ///
    /// - Throws: ``InvalidFields`` (the draft's rules, an unknown category or org code);
    ///   ``OutsideSubtree``; ``RegistryStoreError`` (`tenantNotFound`, `tenantArchived`, a
    ///   `conflict` for a key used for another request or a taken external id, `notFound`
    ///   for an unknown reporter).
    public static func file(_ draft: DemandDraft, submit: Bool, by caller: Caller, on database: RegistryDatabase) async throws -> Outcome {
        var zone = database.districtZones[caller.tenant]
        for _ in 0..<2 {
            let checked = try await DemandFiling.checked(draft, today: try CivilDate.today(in: zone), channels: database.modules.sourceChannels) {
                try await references(draft, caller, database)
            }
            let visibility = try DemandFiling.firstMove(actor: caller.actor)
            let statement = Self.statement(checked, submit: submit, visibility: visibility, zone: zone, caller: caller, listeners: listeners(database))
            let row = try await run(checked, caller, database) { try await database.tenantPool.queryInTransaction(statement)[0] }
            switch try row.decode(String.self, "outcome") {
            case "zone_changed":
                // The dates were checked in another zone than the district's: check them again.
                zone = try row.decode(String.self, "time_zone")
                database.districtZones[caller.tenant] = zone
                continue
            case "listeners":
                return try await withHandlers(checked, submit: submit, visibility: visibility, zone: zone, caller, database)
            default:
                let outcome = try outcome(row, caller, draft: checked, database)
                if outcome.isReplay { database.figures.intakeReplayed() }
                return outcome
            }
        }
        throw RegistryStoreError.conflict("区县时区正在变更，请重试 the district's time zone is changing; retry")
    }

    /// The same statement inside a transaction, followed by the handlers of the enabled modules.
    private static func withHandlers(
        _ draft: DemandDraft, submit: Bool, visibility: EventVisibility, zone: String, _ caller: Caller, _ database: RegistryDatabase
    ) async throws -> Outcome {
        try await database.withTenant(caller.tenant, actor: caller.actor) { tx in
            let statement = Self.statement(draft, submit: submit, visibility: visibility, zone: tx.timeZone, caller: caller, listeners: [])
            let row = try await run(draft, caller, database) { try await tx.connection.query(statement)[0] }
            guard try row.decode(String.self, "outcome") != "zone_changed" else {
                throw RegistryStoreError.conflict("区县时区正在变更，请重试 the district's time zone is changing; retry")
            }
            let outcome = try outcome(row, caller, draft: draft, database)
            if outcome.isReplay { database.figures.intakeReplayed() }
            if case .filed(let detail) = outcome, submit {
                try await tx.emit([.demandTransitioned(detail.demand.id, from: .draft, to: .submitted)])
            }
            return outcome
        }
    }

    /// Runs the statement, turning PostgreSQL's refusals into the store's.
    private static func run(_ draft: DemandDraft, _ caller: Caller, _ database: RegistryDatabase, _ body: () async throws -> Row) async throws -> Row {
        do {
            return try await body()
        } catch let error as PostgresError {
            switch error.sqlState {
            case "GR403": throw OutsideSubtree()
            case "GR422":
                throw DemandFiling.unresolved(draft, problems: try await references(draft, caller, database))
            default: throw DemandFiling.refusal(error, draft: draft) ?? error
            }
        }
    }

    private static func outcome(_ row: Row, _ caller: Caller, draft: DemandDraft, _ database: RegistryDatabase) throws -> Outcome {
        switch try row.decode(String.self, "outcome") {
        case "filed": return .filed(try DemandFiling.detail(row, tenant: caller.tenant))
        case "replayed": return .replayed(try DemandFiling.detail(row, tenant: caller.tenant))
        case "answered":
            let headers = (try? JSONDecoder().decode([String: String].self, from: Data((try row.decode(String?.self, "response_headers") ?? "{}").utf8))) ?? [:]
            return .answered(IdempotencyKeys.StoredAnswer(
                status: Int(try row.decode(Int16.self, "status_code")), headers: headers, body: try row.decode(Data.self, "response_body")))
        case "key_used": throw RegistryStoreError.conflict("Idempotency-Key 已用于另一个请求 this key was used for a different request")
        case "archived": throw RegistryStoreError.tenantArchived(caller.tenant.uuidString)
        default: throw RegistryStoreError.tenantNotFound(caller.tenant.uuidString)
        }
    }

    /// The category and org code problems of `draft`, read in a transaction of their own.
    private static func references(_ draft: DemandDraft, _ caller: Caller, _ database: RegistryDatabase) async throws -> [FieldProblem] {
        try await database.withTenant(caller.tenant, actor: caller.actor, readOnly: true) { tx in
            try await DemandStore.referenceProblems(category: draft.category, orgCode: draft.orgCode, externalID: nil, in: tx)
        }
    }

    /// The modules shipped that hear core events (whether a district enabled one is for the
    /// statement to find out).
    private static func listeners(_ database: RegistryDatabase) -> [String] {
        database.modules.modules.filter { module in module.contributions.contains { $0 is any CoreEventHandler } }.map(\.id.rawValue)
    }

    private static func statement(
        _ draft: DemandDraft, submit: Bool, visibility: EventVisibility, zone: String, caller: Caller, listeners: [String]
    ) -> SQL {
        // The request's label is set first (the lateral join runs the intake after it), so
        // pg_stat_activity shows whose intake this is while it runs; it ends with the statement.
        let label = TransactionLabel.current.map(TransactionLabel.fitted)
        return """
        SELECT i.outcome, i.time_zone, i.status_code, i.response_headers, i.response_body, (i.filed).*
        FROM (SELECT set_config('application_name', coalesce(\(label)::text, current_setting('application_name')), true) AS name OFFSET 0) AS named
        CROSS JOIN LATERAL (
            SELECT * FROM govreg_intake(\(caller.tenant), \(caller.actor), \(RegistryDatabase.tenantLockKey(caller.tenant)), \(zone), \(listeners)::text[],
                \(caller.account), \(caller.key), \(caller.requestHash)::bytea, \(IdempotencyKeys.lifetime)::interval, \(caller.subtreeRoot)::bigint,
                \(DemandFiling.arguments(draft, submit: submit)), NULL::text, \(visibility.rawValue))
            WHERE named.name IS NOT NULL OFFSET 0) i
        """
    }
}

/// The time zone of each district as this process last saw it, so that an intake checks its
/// dates before its one statement; the statement says when a district's zone has changed.
public final class DistrictZones: Sendable {
    private let zones = Mutex<[UUID: String]>([:])

    public init() {}

    /// The zone last seen, or the default (Asia/Shanghai).
    public subscript(tenant: UUID) -> String {
        get { zones.withLock { $0[tenant] } ?? TenantSettings().timeZone }
        set { zones.withLock { $0[tenant] = newValue } }
    }
}
