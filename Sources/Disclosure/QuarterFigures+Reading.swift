public import Registry
import Foundation
public import RegistryStore
import Postgres

extension QuarterFigures {
    /// The quarter's figures by area, as the report counts them but without its breakdowns,
    /// the previous quarter, the trend or the modules' sections: what a dashboard shows at a
    /// glance. Read it in a repeatable-read transaction.
    public static func glance(quarter: Quarter, in tx: TenantTransaction) async throws -> QuarterFigures {
        let places = try await ReportPlaces.read(in: tx)
        let projects = try await readProjects([Window(quarter, tx.timeZone)], tx)
        return try await read(quarter: quarter, breakdowns: false, places: places, projects: projects[0], in: tx)
    }

    /// Counts the quarter's figures in `tx`, exactly as ``FigureDefinition/all`` describes them.
    ///
    /// Run it in a repeatable-read transaction so that every query sees the same lists.
    ///
    /// - Parameters:
    ///   - breakdowns: Whether to count the district's breakdowns (channels, categories,
    ///     resources) too; the previous quarter beside a report does without them.
    ///   - places: The district's streets and communities, read once for both quarters.
    ///   - projects: The project figures, counted for both quarters in one pass.
    static func read(
        quarter: Quarter, breakdowns: Bool, places: ReportPlaces, projects: [AreaKey: ProjectFigures], in tx: TenantTransaction
    ) async throws -> QuarterFigures {
        let window = Window(quarter, tx.timeZone)
        var byArea: [AreaKey: AreaFigures] = [:]
        func figures(_ key: AreaKey) -> AreaFigures {
            byArea[key] ?? AreaFigures(area: places.area(key))
        }
        for (key, demands) in try await readDemands(window, tx) {
            var area = figures(key)
            area.demands = demands
            byArea[key] = area
        }
        for (key, projects) in projects {
            var area = figures(key)
            area.projects = projects
            byArea[key] = area
        }
        for (key, duty) in try await readDuty(window, tx) {
            var area = figures(key)
            area.duty = duty
            byArea[key] = area
        }
        let district = byArea[.district] ?? AreaFigures(area: places.area(.district))
        let areas = byArea.filter { $0.key != .district }.sorted { places.order($0.key) < places.order($1.key) }.map(\.value)
        let shares: (channels: [Share], categories: [Share]) = breakdowns ? try await readBreakdowns(window, tx) : ([], [])
        return QuarterFigures(
            quarter: quarter, district: district, areas: areas, receivedByChannel: shares.channels, receivedByCategory: shares.categories,
            resources: breakdowns ? try await readResources(window, tx) : [], fundsDrawnFen: try await readFundsDrawn(window, tx),
            matching: try await readMatching(window, tx))
    }
}

/// The quarter's bounds as SQL: instants at midnight in the district's zone (its days), and days.
struct Window {
    let start: SQL
    let end: SQL
    let firstDay: SQL
    let lastDay: SQL

    init(_ quarter: Quarter, _ zone: String) {
        start = SQL.districtMidnight(quarter.firstDay, in: zone)
        end = SQL.districtMidnight(quarter.dayAfter, in: zone)
        firstDay = "\(quarter.firstDay.description)::date"
        lastDay = "\(quarter.lastDay.description)::date"
    }
}

/// Which area a row of a grouped query is: the district, a street, or a community in a street.
enum AreaKey: Hashable {
    case district
    case street(Int64)
    case community(Int64)
}

extension QuarterFigures {
    /// Each org unit's street and community: the ancestors (or itself) of those kinds, from its
    /// path. Small (one row per org unit), so the big queries join it by hash.
    /// (Each table names the district by its parameter: a function such as current_tenant_id()
    /// is no value Citus can route by.)
    static func areaOfOrgUnit(tenant: UUID) -> SQL {
        """
        SELECT o.id AS org_unit_id,
               max(a.id) FILTER (WHERE a.kind IN ('street', 'town')) AS street_id,
               max(a.id) FILTER (WHERE a.kind IN ('community', 'village')) AS community_id
        FROM org_unit o
        JOIN org_unit a ON a.tenant_id = \(tenant) AND a.id = ANY (string_to_array(btrim(o.path, '/'), '/')::bigint[])
        WHERE o.tenant_id = \(tenant)
        GROUP BY o.id
        """
    }

    /// Each demand's first transition after the quarter's end (`x`: `from_state`,
    /// `to_state`): with the demand's stored state, all that its state at the end takes (see
    /// ``stateAtEnd``). Only events after the end are read, which for a report made soon
    /// after its quarter are few.
    ///
    /// - Parameter raisedFrom: Only demands raised from this moment (and before the end) are
    ///   of interest: the quarter's start for its own demands, nil for every earlier one.
    static func firstAfter(_ w: Window, _ tx: TenantTransaction, raisedFrom: SQL? = nil) -> SQL {
        let since: SQL = raisedFrom.map { start -> SQL in "r.filed_at >= \(start)" } ?? "true"
        return """
        SELECT DISTINCT ON (e.demand_id) e.demand_id, e.from_state, e.to_state
        FROM demand_event e
        JOIN demand r ON r.tenant_id = e.tenant_id AND r.id = e.demand_id
        WHERE e.tenant_id = \(tx.tenantID) AND e.kind = 'transition' AND e.at >= \(w.end)
          AND r.filed_at < \(w.end) AND \(since)
        ORDER BY e.demand_id, e.at, e.id
        """
    }

    /// A demand's state at the quarter's end (``FigureDefinition/demandRules``), from `d` (the
    /// demand) and `x` (``firstAfter(_:_:)``). The state a transition leaves is the one the
    /// transition before it made, and every transition is recorded with the state it sets, so
    /// "the state the first transition after the end left, else the stored state" is "the
    /// last transition's before the end, else the stored state". A draft withdrawn before
    /// anyone filed it was never received (it stays a draft); a demand raised in time but
    /// submitted only after the end counts as submitted. `tenant` is the district of `d`.
    static func stateAtEnd(tenant: UUID) -> SQL {
        """
        CASE WHEN x.from_state = 'draft' AND x.to_state = 'withdrawn' THEN 'draft'
             WHEN x.from_state = 'draft' THEN 'submitted'
             WHEN x.from_state IS NOT NULL THEN x.from_state
             WHEN d.state = 'withdrawn' AND EXISTS (
                 SELECT 1 FROM demand_event w WHERE w.tenant_id = \(tenant) AND w.demand_id = d.id
                   AND w.from_state = 'draft' AND w.to_state = 'withdrawn') THEN 'draft'
             ELSE d.state END
        """
    }

    /// The row's area from the `g` (GROUPING) column and the two ids.
    static func areaKey(_ row: Row) throws -> AreaKey? {
        switch try row.decode(Int.self, "g") {
        case 3: return .district
        case 1:
            return try row.decode(Int64?.self, "street_id").map(AreaKey.street)
        default:
            return try row.decode(Int64?.self, "community_id").map(AreaKey.community)
        }
    }

    /// The demand figures of the district, each street and each community. With `cohortOnly`,
    /// only the quarter's own demands are read (what the trend needs), and `openAtEnd` is 0.
    static func readDemands(_ w: Window, _ tx: TenantTransaction, cohortOnly: Bool = false) async throws -> [AreaKey: DemandFigures] {
        let t = tx.tenantID
        let scope: SQL = cohortOnly ? "d.filed_at >= \(w.start) AND d.filed_at < \(w.end)" : "d.filed_at < \(w.end)"
        let rows = try await tx.connection.query("""
            WITH area AS (\(areaOfOrgUnit(tenant: tx.tenantID))),
            x AS (\(firstAfter(w, tx, raisedFrom: cohortOnly ? w.start : nil))),
            resolution AS (
                -- the last move to resolved before the end, of the quarter's own demands (the median's base)
                SELECT e.demand_id, max(e.at) AS at
                FROM demand_event e
                WHERE e.tenant_id = \(t) AND e.kind = 'transition' AND e.to_state = 'resolved' AND e.at < \(w.end)
                  AND e.demand_id IN (SELECT id FROM demand WHERE tenant_id = \(t) AND filed_at >= \(w.start) AND filed_at < \(w.end))
                GROUP BY e.demand_id
            ),
            d AS (
                SELECT \(stateAtEnd(tenant: t)) AS s, d.filed_at >= \(w.start) AS q,
                       d.rating, d.settled_level, r.at - d.filed_at AS took, a.street_id, a.community_id
                FROM demand d
                LEFT JOIN x ON x.demand_id = d.id
                LEFT JOIN resolution r ON r.demand_id = d.id
                LEFT JOIN area a ON a.org_unit_id = d.org_unit_id
                WHERE d.tenant_id = \(t) AND \(scope)
            )
            SELECT GROUPING(street_id, community_id) AS g, street_id, community_id,
                   count(*) FILTER (WHERE q) AS received,
                   count(*) FILTER (WHERE q AND s IN ('accepted', 'matched', 'in_project', 'resolved', 'rated')) AS taken_up,
                   count(*) FILTER (WHERE q AND s = 'rejected') AS rejected,
                   count(*) FILTER (WHERE q AND s = 'merged') AS merged,
                   count(*) FILTER (WHERE q AND s = 'withdrawn') AS withdrawn,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated', 'rejected', 'merged', 'withdrawn')) AS closed,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated')) AS resolved,
                   count(*) FILTER (WHERE q AND s = 'rated') AS rated,
                   count(*) FILTER (WHERE q AND s = 'rated' AND rating >= 4) AS satisfied,
                   count(*) FILTER (WHERE s IN ('submitted', 'accepted', 'matched', 'in_project')) AS open_at_end,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated') AND took IS NOT NULL) AS with_duration,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM took) / 86400)
                       FILTER (WHERE q AND s IN ('resolved', 'rated') AND took IS NOT NULL) AS median_days,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated') AND settled_level = 'grid') AS at_grid,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated') AND settled_level = 'community') AS at_community,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated') AND settled_level = 'street') AS at_street,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated') AND settled_level = 'district') AS at_district,
                   count(*) FILTER (WHERE q AND s IN ('resolved', 'rated') AND settled_level IS NULL) AS unrecorded
            FROM d
            WHERE s <> 'draft'
            GROUP BY GROUPING SETS ((), (street_id), (street_id, community_id))
            """)
        var result: [AreaKey: DemandFigures] = [:]
        for row in rows {
            guard let key = try areaKey(row) else { continue }
            var f = DemandFigures()
            f.received = try row.decode(Int.self, "received")
            f.takenUp = try row.decode(Int.self, "taken_up")
            f.rejected = try row.decode(Int.self, "rejected")
            f.merged = try row.decode(Int.self, "merged")
            f.withdrawn = try row.decode(Int.self, "withdrawn")
            f.closed = try row.decode(Int.self, "closed")
            f.resolved = try row.decode(Int.self, "resolved")
            f.rated = try row.decode(Int.self, "rated")
            f.satisfied = try row.decode(Int.self, "satisfied")
            f.openAtEnd = try row.decode(Int.self, "open_at_end")
            f.resolvedWithDuration = try row.decode(Int.self, "with_duration")
            f.medianDaysToResolve = try row.decode(Double?.self, "median_days")
            f.settledAtGrid = try row.decode(Int.self, "at_grid")
            f.settledAtCommunity = try row.decode(Int.self, "at_community")
            f.settledAtStreet = try row.decode(Int.self, "at_street")
            f.settledAtDistrict = try row.decode(Int.self, "at_district")
            f.settledUnrecorded = try row.decode(Int.self, "unrecorded")
            result[key] = f
        }
        return result
    }

    /// The project figures of the district, each street and each community, for each of
    /// `windows` in one pass (the report reads its quarter and the one before together).
    static func readProjects(_ windows: [Window], _ tx: TenantTransaction) async throws -> [[AreaKey: ProjectFigures]] {
        let t = tx.tenantID
        var columns: SQL = ""
        for (i, w) in windows.enumerated() {
            let inQuarter: SQL = "BETWEEN \(w.firstDay) AND \(w.lastDay)"
            // Not done by the end: still open, or completed only after it (a project marked done
            // without a completion day counts as done).
            let overdue: SQL = """
                due_on < \(w.lastDay) AND (status NOT IN ('cancelled', 'completed', 'checked')
                    OR status IN ('completed', 'checked') AND completed_on > \(w.lastDay))
                """
            columns = """
                \(columns)
                count(*) FILTER (WHERE started_on \(inQuarter)) AS started_\(unsafeRaw: String(i)),
                count(*) FILTER (WHERE completed_on \(inQuarter)) AS completed_\(unsafeRaw: String(i)),
                count(*) FILTER (WHERE checked_on \(inQuarter)) AS checked_\(unsafeRaw: String(i)),
                count(*) FILTER (WHERE (\(overdue)) AND entered_on <= \(w.lastDay)) AS overdue_\(unsafeRaw: String(i)),
                coalesce(sum(budget_fen) FILTER (WHERE started_on \(inQuarter)), 0)::bigint AS budget_\(unsafeRaw: String(i)),
                count(*) FILTER (WHERE completed_on \(inQuarter) AND rating IS NOT NULL) AS rated_\(unsafeRaw: String(i)),
                coalesce(sum(rating) FILTER (WHERE completed_on \(inQuarter)), 0)::bigint AS rating_sum_\(unsafeRaw: String(i)),
                count(*) FILTER (WHERE completed_on \(inQuarter) AND rating >= 4) AS satisfied_\(unsafeRaw: String(i)),
                """
        }
        // The district counts each project once; an area counts the projects serving its demands.
        let rows = try await tx.connection.query("""
            WITH area AS (\(areaOfOrgUnit(tenant: tx.tenantID))),
            started AS (
                SELECT project_id, min(at) AS at FROM project_event
                WHERE tenant_id = \(t) AND to_status = 'in_progress' GROUP BY project_id
            ),
            p AS (
                SELECT p.id, p.completed_on, p.checked_on, p.rating, p.due_on, p.status, coalesce(p.budget_fen, 0) AS budget_fen,
                       coalesce(p.starts_on, (p.created_at AT TIME ZONE district_time_zone())::date) AS entered_on,
                       coalesce((s.at AT TIME ZONE district_time_zone())::date,
                                CASE WHEN p.status IN ('in_progress', 'completed', 'checked') THEN p.starts_on END) AS started_on
                FROM project p LEFT JOIN started s ON s.project_id = p.id
                WHERE p.tenant_id = \(t)
            ),
            placed AS (
                SELECT DISTINCT pd.project_id, a.street_id, a.community_id
                FROM project_demand pd
                JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
                JOIN area a ON a.org_unit_id = d.org_unit_id
                WHERE pd.tenant_id = \(t)
            ),
            rows AS (
                SELECT 3 AS g, NULL::bigint AS street_id, NULL::bigint AS community_id, p.* FROM p
                UNION ALL
                SELECT 1, x.street_id, NULL, p.* FROM p JOIN (SELECT DISTINCT project_id, street_id FROM placed) x ON x.project_id = p.id
                UNION ALL
                -- placed is distinct by project and community already (a community is in one street)
                SELECT 0, x.street_id, x.community_id, p.* FROM p JOIN placed x ON x.project_id = p.id
            )
            SELECT \(columns) g, street_id, community_id
            FROM rows
            WHERE (g <> 1 OR street_id IS NOT NULL) AND (g <> 0 OR community_id IS NOT NULL)
            GROUP BY g, street_id, community_id
            """)
        var result = Array(repeating: [AreaKey: ProjectFigures](), count: windows.count)
        for row in rows {
            guard let key = try areaKey(row) else { continue }
            for i in windows.indices {
                var f = ProjectFigures()
                f.started = try row.decode(Int.self, "started_\(i)")
                f.completed = try row.decode(Int.self, "completed_\(i)")
                f.checked = try row.decode(Int.self, "checked_\(i)")
                f.overdueAtEnd = try row.decode(Int.self, "overdue_\(i)")
                f.budgetCommittedFen = try row.decode(Int64.self, "budget_\(i)")
                f.rated = try row.decode(Int.self, "rated_\(i)")
                f.ratingSum = try row.decode(Int.self, "rating_sum_\(i)")
                f.satisfied = try row.decode(Int.self, "satisfied_\(i)")
                result[i][key] = f
            }
        }
        return result
    }

    static func readDuty(_ w: Window, _ tx: TenantTransaction) async throws -> [AreaKey: DutyFigures] {
        let t = tx.tenantID
        let rows = try await tx.connection.query("""
            WITH area AS (\(areaOfOrgUnit(tenant: tx.tenantID)))
            SELECT GROUPING(a.street_id, a.community_id) AS g, a.street_id, a.community_id,
                   count(DISTINCT r.person_id) FILTER (WHERE r.registered_on >= \(w.firstDay)) AS members,
                   count(DISTINCT r.unit_id) FILTER (WHERE r.registered_on >= \(w.firstDay)) AS units,
                   count(DISTINCT r.person_id) AS registered
            FROM duty_registration r
            LEFT JOIN area a ON a.org_unit_id = r.community_id
            WHERE r.tenant_id = \(t) AND r.registered_on <= \(w.lastDay)
            GROUP BY GROUPING SETS ((), (a.street_id), (a.street_id, a.community_id))
            """)
        var result: [AreaKey: DutyFigures] = [:]
        for row in rows {
            guard let key = try areaKey(row) else { continue }
            var f = DutyFigures()
            f.membersReported = try row.decode(Int.self, "members")
            f.unitsReported = try row.decode(Int.self, "units")
            f.membersRegistered = try row.decode(Int.self, "registered")
            result[key] = f
        }
        return result
    }
}
