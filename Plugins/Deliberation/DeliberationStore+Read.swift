import Foundation
import Postgres
public import Registry
public import RegistryStore

extension DeliberationStore {
    /// Cases, newest first: all, at a step, of a kind, or only the open ones.
    public static func cases(
        step: String? = nil, kind: String? = nil, openOnly: Bool = false, limit: Int = 100, in tx: TenantTransaction
    ) async throws -> [DeliberationCase] {
        _ = try await Self.enabledSettings(tx)
        var filter: SQL = ""
        if let step { filter.append(" AND c.step = \(step)") }
        if let kind { filter.append(" AND c.kind = \(kind)") }
        if openOnly { filter.append(" AND c.closed_on IS NULL") }
        filter.append(" ORDER BY c.opened_on DESC, c.id DESC LIMIT \(min(max(1, limit), 1000))")
        return try await Self.cases(tx, where: filter)
    }

    /// A case with its rounds, residents' names masked.
    public static func show(_ id: Int64, in tx: TenantTransaction) async throws -> DeliberationDetail {
        _ = try await Self.enabledSettings(tx)
        return try await Self.detail(id, tx)
    }

    /// Open cases by step, in the order of the district's steps (then any step it no longer names).
    public static func openByStep(in tx: TenantTransaction) async throws -> [NamedCount] {
        let procedure = try await Self.procedure(tx)
        let rows = try await tx.connection.query("""
            SELECT step, count(*) AS n FROM deliberation_case WHERE tenant_id = \(tx.tenantID) AND closed_on IS NULL GROUP BY step
            """)
        return Self.ordered(try rows.map { NamedCount(name: try $0.decode(String.self, "step"), count: try $0.decode(Int.self, "n")) },
                            by: procedure.steps)
    }

    /// Published results, newest first, as the public reads them: no names, no internal notes.
    public static func publishedResults(limit: Int = 100, in tx: TenantTransaction) async throws -> [PublishedResult] {
        _ = try await Self.enabledSettings(tx)
        return try await Self.cases(tx, where: " AND c.published ORDER BY c.published_on DESC, c.id DESC LIMIT \(min(max(1, limit), 1000))").map { c in
            PublishedResult(caseID: c.id, placeName: c.placeName, kind: c.kind, title: c.title, result: c.result!, split: c.split,
                            publicText: c.publicText ?? "", publishedOn: c.publishedOn!)
        }
    }

    /// The report section for a period (cases opened on `from`…`to`).
    public static func summary(from: CivilDate, to: CivilDate, in tx: TenantTransaction) async throws -> DeliberationSummary {
        try await Self.summary(from: from, to: to, settings: try await Self.enabledSettings(tx), tx)
    }

    static func summary(from: CivilDate, to: CivilDate, settings: ModuleSettings, _ tx: TenantTransaction) async throws -> DeliberationSummary {
        let procedure = Procedure(settings)
        let period: SQL = "c.tenant_id = \(tx.tenantID) AND c.opened_on BETWEEN \(from.description)::date AND \(to.description)::date"
        var totals: SQL = """
            SELECT count(*) AS cases, count(*) FILTER (WHERE c.closed_on IS NOT NULL) AS closed,
                   count(*) FILTER (WHERE c.result = 'settled') AS settled, count(*) FILTER (WHERE c.published) AS published,
                   count(c.demand_id) AS demands, coalesce(sum(r.n), 0)::bigint AS rounds, coalesce(max(r.n), 0)::bigint AS max_rounds
            FROM deliberation_case c
            -- grouped, not a LATERAL join ON true: Citus on PostgreSQL 15 refuses an outer join
            -- with a constant condition
            LEFT JOIN (SELECT r.case_id, count(*) AS n FROM deliberation_round r WHERE r.tenant_id = \(tx.tenantID) GROUP BY r.case_id) r
                ON r.case_id = c.id
            WHERE
            """
        totals.append(" ")
        totals.append(period)
        let row = try await tx.connection.query(totals)[0]
        var kinds: SQL = "SELECT c.kind AS name, count(*) AS n FROM deliberation_case c WHERE "
        kinds.append(period)
        kinds.append(" GROUP BY c.kind")
        var steps: SQL = "SELECT c.step AS name, count(*) AS n FROM deliberation_case c WHERE "
        steps.append(period)
        steps.append(" AND c.closed_on IS NULL GROUP BY c.step")
        let counts = { (rows: QueryResult) in try rows.map { NamedCount(name: try $0.decode(String.self, "name"), count: try $0.decode(Int.self, "n")) } }
        return DeliberationSummary(
            localName: settings.text("local_name") ?? "协商议事", from: from, to: to, cases: try row.decode(Int.self, "cases"),
            byKind: Self.ordered(try counts(try await tx.connection.query(kinds)), by: procedure.kinds),
            byStep: Self.ordered(try counts(try await tx.connection.query(steps)), by: procedure.steps),
            closed: try row.decode(Int.self, "closed"), rounds: try row.decode(Int.self, "rounds"),
            maxRounds: try row.decode(Int.self, "max_rounds"), settled: try row.decode(Int.self, "settled"),
            published: try row.decode(Int.self, "published"), demands: try row.decode(Int.self, "demands"))
    }

    // MARK: - Reading

    /// Counts in the district's order of `names` (each listed, zero when none), then any other names.
    static func ordered(_ counts: [NamedCount], by names: [String]) -> [NamedCount] {
        let found = Dictionary(counts.map { ($0.name, $0.count) }, uniquingKeysWith: +)
        return names.map { NamedCount(name: $0, count: found[$0] ?? 0) }
            + counts.filter { !names.contains($0.name) }.sorted { $0.name < $1.name }
    }

    static func listed(_ id: Int64, _ tx: TenantTransaction) async throws -> DeliberationCase {
        try await Self.cases(tx, where: " AND c.id = \(id)")[0]
    }

    static func detail(_ id: Int64, _ tx: TenantTransaction) async throws -> DeliberationDetail {
        guard let listed = try await Self.cases(tx, where: " AND c.id = \(id)").first else {
            throw RegistryStoreError.notFound(kind: "deliberation case 协商议题", key: "\(id)")
        }
        let rounds = try await tx.connection.query("""
            SELECT r.id, r.number, r.held_on::text AS held_on, r.note FROM deliberation_round r
            WHERE r.tenant_id = \(tx.tenantID) AND r.case_id = \(id) ORDER BY r.number
            """)
        let attendance = try await tx.connection.query("""
            SELECT a.round_id, a.role, a.attendees, a.names, a.position FROM deliberation_attendance a
            JOIN deliberation_round r ON r.tenant_id = a.tenant_id AND r.id = a.round_id
            WHERE a.tenant_id = \(tx.tenantID) AND r.case_id = \(id) ORDER BY a.id
            """)
        var byRound: [Int64: [RoundAttendance]] = [:]
        for row in attendance {
            byRound[try row.decode(Int64.self, "round_id"), default: []].append(RoundAttendance(
                role: try row.decode(String.self, "role"), attendees: try row.decode(Int.self, "attendees"),
                names: try row.decode([String].self, "names").map { (try? PersonalName($0))?.masked ?? "*" },
                position: try row.decode(String?.self, "position")))
        }
        return DeliberationDetail(deliberationCase: listed, rounds: try rounds.map { row in
            DeliberationRound(number: try row.decode(Int.self, "number"), heldOn: try CivilDate(try row.decode(String.self, "held_on")),
                              note: try row.decode(String?.self, "note"), attendance: byRound[try row.decode(Int64.self, "id")] ?? [])
        })
    }

    /// Cases with their place, round count and demand; `filter` continues the WHERE clause over `c`.
    static func cases(_ tx: TenantTransaction, where filter: SQL) async throws -> [DeliberationCase] {
        var sql: SQL = """
            SELECT c.id, o.code, o.name AS place, c.kind, c.title, c.step, c.opened_on::text AS opened_on, c.closed_on::text AS closed_on,
                   (SELECT count(*) FROM deliberation_round r WHERE r.tenant_id = \(tx.tenantID) AND r.case_id = c.id) AS rounds,
                   c.result, c.agreement, c.split_parties, c.split_basis_points, c.published, c.public_text,
                   c.published_on::text AS published_on, c.demand_id, d.external_id AS demand
            FROM deliberation_case c
            JOIN module_org_unit o ON o.tenant_id = c.tenant_id AND o.id = c.org_unit_id
            LEFT JOIN module_demand d ON d.tenant_id = c.tenant_id AND d.id = c.demand_id
            WHERE c.tenant_id = \(tx.tenantID)
            """
        sql.append(filter)
        return try await tx.connection.query(sql).map { row in
            let parties = try row.decode([String]?.self, "split_parties"), points = try row.decode([Int]?.self, "split_basis_points")
            return DeliberationCase(
                id: try row.decode(Int64.self, "id"), placeCode: try row.decode(String.self, "code"), placeName: try row.decode(String.self, "place"),
                kind: try row.decode(String.self, "kind"), title: try row.decode(String.self, "title"), step: try row.decode(String.self, "step"),
                openedOn: try CivilDate(try row.decode(String.self, "opened_on")), closedOn: try row.decode(String?.self, "closed_on").map(CivilDate.init),
                rounds: try row.decode(Int.self, "rounds"), result: try row.decode(String?.self, "result").flatMap(CaseResult.init(rawValue:)),
                agreement: try row.decode(String?.self, "agreement"),
                split: parties.map { parties in CostSplit(zip(parties, points ?? []).map { CostShare(party: $0, basisPoints: $1) }) },
                published: try row.decode(Bool.self, "published"), publicText: try row.decode(String?.self, "public_text"),
                publishedOn: try row.decode(String?.self, "published_on").map(CivilDate.init),
                demandID: try row.decode(Int64?.self, "demand_id").map { DemandID($0) }, demandExternalID: try row.decode(String?.self, "demand"))
        }
    }
}
