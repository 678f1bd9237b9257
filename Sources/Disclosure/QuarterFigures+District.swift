import Registry
import RegistryStore
import Postgres

/// The breakdowns the report gives for the district as a whole.
extension QuarterFigures {
    /// The received demands (see ``FigureDefinition/received``) by intake channel and by
    /// category, in one pass, largest first.
    static func readBreakdowns(_ w: Window, _ tx: TenantTransaction) async throws -> (channels: [Share], categories: [Share]) {
        let t = tx.tenantID
        var names: [String: String] = [:]
        for row in try await tx.connection.query("SELECT code, name_zh FROM tenant_category WHERE tenant_id = \(t)") {
            names[try row.decode(String.self, "code")] = try row.decode(String.self, "name_zh")
        }
        let rows = try await tx.connection.query("""
            WITH x AS (\(firstAfter(w, tx, raisedFrom: w.start)))
            SELECT GROUPING(d.source_channel) AS by_category, d.source_channel, d.category_code, count(*) AS n
            FROM demand d LEFT JOIN x ON x.demand_id = d.id
            WHERE d.tenant_id = \(t) AND d.filed_at >= \(w.start) AND d.filed_at < \(w.end) AND \(stateAtEnd(tenant: t)) <> 'draft'
            GROUP BY GROUPING SETS ((d.source_channel), (d.category_code))
            ORDER BY n DESC, d.source_channel, d.category_code
            """)
        var channels: [Share] = [], categories: [Share] = []
        for row in rows {
            let n = try row.decode(Int.self, "n")
            if try row.decode(Int.self, "by_category") == 1 {
                let code = try row.decode(String.self, "category_code")
                categories.append(Share(code: code, name: names[code] ?? code, count: n))
            } else {
                let code = try row.decode(String.self, "source_channel")
                // The core's and the shipped modules' names (a module's intake channel names itself).
                let name = (try? SourceChannel(code)).map {
                    tx.modules.sourceChannels.contains($0)
                        ? "\(tx.modules.sourceChannels.chineseName(of: $0)) \(tx.modules.sourceChannels.englishName(of: $0))" : code
                } ?? code
                channels.append(Share(code: code, name: name, count: n))
            }
        }
        return (channels, categories)
    }

    static func readResources(_ w: Window, _ tx: TenantTransaction) async throws -> [ResourceFlow] {
        try await tx.connection.query("""
            SELECT r.kind, r.measure_unit,
                   coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'pledged'), 0)::bigint AS pledged,
                   (coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'drawn'), 0)
                    - coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'returned'), 0))::bigint AS drawn
            FROM resource_ledger l JOIN resource r ON r.tenant_id = l.tenant_id AND r.id = l.resource_id
            WHERE l.tenant_id = \(tx.tenantID) AND l.at >= \(w.start) AND l.at < \(w.end)
            GROUP BY r.kind, r.measure_unit ORDER BY r.kind, r.measure_unit
            """).map { row in
            ResourceFlow(
                kind: try row.decode(String.self, "kind"), measureUnit: try row.decode(String.self, "measure_unit"),
                pledged: try row.decode(Int64.self, "pledged"), drawn: try row.decode(Int64.self, "drawn"))
        }
    }

    static func readFundsDrawn(_ w: Window, _ tx: TenantTransaction) async throws -> Int64 {
        try await tx.connection.query("""
            SELECT coalesce(sum(CASE l.kind WHEN 'drawn' THEN l.quantity ELSE -l.quantity END), 0)::bigint AS fen
            FROM resource_ledger l JOIN resource r ON r.tenant_id = l.tenant_id AND r.id = l.resource_id
            WHERE l.tenant_id = \(tx.tenantID) AND l.kind IN ('drawn', 'returned') AND r.measure_unit = 'yuan'
              AND l.at >= \(w.start) AND l.at < \(w.end)
            """)[0].decode(Int64.self, "fen")
    }

    static func readMatching(_ w: Window, _ tx: TenantTransaction) async throws -> MatchingFigures {
        let row = try await tx.connection.query("""
            SELECT count(*) FILTER (WHERE created_at >= \(w.start) AND created_at < \(w.end)) AS runs,
                   count(*) FILTER (WHERE accepted_at >= \(w.start) AND accepted_at < \(w.end)) AS accepted,
                   coalesce(sum(demands) FILTER (WHERE accepted_at >= \(w.start) AND accepted_at < \(w.end)), 0)::bigint AS offered,
                   coalesce(sum(demands_served) FILTER (WHERE accepted_at >= \(w.start) AND accepted_at < \(w.end)), 0)::bigint AS served,
                   coalesce(sum(demands_served - demands_filled) FILTER (WHERE accepted_at >= \(w.start) AND accepted_at < \(w.end)), 0)::bigint
                       AS partly
            FROM matching_run WHERE tenant_id = \(tx.tenantID)
            """)[0]
        var f = MatchingFigures()
        f.runs = try row.decode(Int.self, "runs")
        f.accepted = try row.decode(Int.self, "accepted")
        f.demandsOffered = try row.decode(Int.self, "offered")
        f.demandsServed = try row.decode(Int.self, "served")
        f.demandsPartlyServed = try row.decode(Int.self, "partly")
        return f
    }
}

/// The streets and communities of the district, for naming and ordering the report's areas.
struct ReportPlaces {
    struct Place {
        var code: String
        var name: String
        var streetID: Int64?
    }

    var places: [Int64: Place]

    static func read(in tx: TenantTransaction) async throws -> ReportPlaces {
        var places: [Int64: Place] = [:]
        for row in try await tx.connection.query("""
            WITH area AS (\(QuarterFigures.areaOfOrgUnit(tenant: tx.tenantID)))
            SELECT o.id, o.code, o.name, a.street_id
            FROM org_unit o JOIN area a ON a.org_unit_id = o.id
            WHERE o.tenant_id = \(tx.tenantID) AND o.kind IN ('street', 'town', 'community', 'village')
            """) {
            places[try row.decode(Int64.self, "id")] = Place(
                code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                streetID: try row.decode(Int64?.self, "street_id"))
        }
        return ReportPlaces(places: places)
    }

    func area(_ key: AreaKey) -> ReportArea {
        switch key {
        case .district: return ReportArea(level: "district", code: "", name: "")
        case .street(let id):
            let place = places[id]
            return ReportArea(level: "street", code: place?.code ?? String(id), name: place?.name ?? "")
        case .community(let id):
            let place = places[id]
            let street = place?.streetID.flatMap { places[$0] }
            return ReportArea(level: "community", code: place?.code ?? String(id), name: place?.name ?? "", streetCode: street?.code)
        }
    }

    /// Streets in code order, each followed by its communities in code order.
    func order(_ key: AreaKey) -> (String, String) {
        switch key {
        case .district: return ("", "")
        case .street(let id): return (places[id]?.code ?? "", "")
        case .community(let id):
            let street = places[id]?.streetID.flatMap { places[$0] }?.code ?? "~"
            return (street, places[id]?.code ?? "")
        }
    }
}
