import Foundation
import Postgres
import Registry

extension MatchingAcceptancePlan {
    /// Writes the projects, their demand and allocation rows, the ledger draws, the demands'
    /// transitions and events, and links the allocations to their projects. Returns the new
    /// projects' external ids, by demand id.
    ///
    /// A demand the run serves in part keeps its unmet remainder on the list: its project
    /// records what it serves (`project_demand.served`), the demand's history says what is
    /// still missing, and the next run sees the rest. A remainder taken up by a later run
    /// stays in_project and gains another project.
    func apply(run: Int64, _ tx: TenantTransaction) async throws -> [String] {
        let tenant = tx.tenantID
        let byDemand = Dictionary(grouping: allocations, by: \.demand)
        let demandIDs = byDemand.keys.sorted()
        let taken = demandIDs.filter { demands[$0]!.state == .accepted }
        // The domain's rule, checked once: these demands are accepted (conflicts() saw to it);
        // the others are remainders, already in a project.
        let event = try DemandWorkflow.transition(
            of: DemandID(demandIDs[0]), from: .accepted, to: .inProject, actor: try ActorID(tx.actor), at: Date(),
            note: "匹配运行 #\(run) 接受，纳入项目 accepted from matching run #\(run) into a project",
            visibility: DemandWorkflow.suggestedVisibility(from: .accepted, to: .inProject))

        var titles: [String] = [], descriptions: [String] = [], units: [Int64] = [], budgets: [Int64?] = [], dues: [String?] = []
        var disclosed: [Bool] = []
        for id in demandIDs {
            let demand = demands[id]!, parts = byDemand[id]!
            // The unit giving most (over all its resources) is responsible; ties go to the lower unit id.
            let byUnit = parts.reduce(into: [Int64: Int64]()) { sums, part in sums[resources[part.resource]!.unit, default: 0] += part.quantity }
            let lead = byUnit.min { ($1.value, $0.key) < ($0.value, $1.key) }!.key
            let served = parts.reduce(0) { $0 + $1.quantity }
            let left = unmet(of: demand) - served
            titles.append(demand.title)
            descriptions.append(
                "由匹配运行 #\(run) 生成 made by matching run #\(run): "
                    + "\(demand.measureUnit.chineseText(served)) / \(demand.measureUnit.chineseText(demand.quantity))"
                    + (left > 0 ? "；尚缺 \(demand.measureUnit.chineseText(left))，仍在需求清单 the rest stays on the demand list" : ""))
            units.append(lead)
            budgets.append(demand.measureUnit == .yuan ? served : nil)
            dues.append(demand.dueOn)
            disclosed.append(demand.isPublic)
        }
        // A project follows its demand's disclosure (公示): residents who see the demand see
        // what is being done about it, from today; unless the district said otherwise
        // (`projects_follow_disclosure`, migration 0028).
        let created = try await tx.connection.query("""
            WITH block AS MATERIALIZED (SELECT govreg_take_numbers('project', \(tenant), \(Int64(demandIDs.count))) AS first),
                 setting AS (SELECT projects_follow_disclosure AS follows FROM tenant WHERE id = \(tenant))
            INSERT INTO project (tenant_id, id, external_id, title, description, responsible_unit_id, budget_fen, due_on, status,
                                 is_public, published_on)
            SELECT \(tenant), block.first + t.position - 1, 'GR-M' || \(run) || '-' || t.demand, t.title, t.description, t.unit,
                   t.budget, t.due::date, 'planned', t.disclosed AND setting.follows,
                   CASE WHEN t.disclosed AND setting.follows THEN \(SQL.day(nil)) END
            FROM unnest(\(demandIDs)::bigint[], \(titles)::text[], \(descriptions)::text[], \(units)::bigint[], \(budgets)::bigint[],
                        \(dues)::text[], \(disclosed)::boolean[]) WITH ORDINALITY
                AS t(demand, title, description, unit, budget, due, disclosed, position),
                 block, setting
            RETURNING id, external_id
            """)
        var projectOf: [Int64: Int64] = [:]
        for row in created {
            let marker = try row.decode(String.self, "external_id")
            projectOf[Int64(marker.split(separator: "-").last!)!] = try row.decode(Int64.self, "id")
        }
        let projectIDs = demandIDs.map { projectOf[$0]! }
        // Projects made without an external id are known as GR-P<id>, as everywhere else.
        let names = try await tx.connection.query("""
            UPDATE project p SET external_id = CASE
                WHEN EXISTS (SELECT 1 FROM project o WHERE o.tenant_id = p.tenant_id AND o.external_id = 'GR-P' || p.id)
                THEN govreg_free_external_id('project', p.tenant_id, 'GR-P' || p.id) ELSE 'GR-P' || p.id END
            WHERE p.tenant_id = \(tenant) AND p.id = ANY(\(projectIDs)) RETURNING p.id, p.external_id
            """)
        let servedAmounts = demandIDs.map { id in byDemand[id]!.reduce(Int64(0)) { $0 + $1.quantity } }
        try await tx.connection.execute("""
            INSERT INTO project_demand (tenant_id, project_id, demand_id, served)
            SELECT \(tenant), t.project, t.demand, t.served
            FROM unnest(\(projectIDs)::bigint[], \(demandIDs)::bigint[], \(servedAmounts)::bigint[]) AS t(project, demand, served)
            """)
        let allocationProjects = allocations.map { projectOf[$0.demand]! }
        try await tx.connection.execute("""
            INSERT INTO project_allocation (tenant_id, project_id, resource_id, quantity)
            SELECT \(tenant), t.project, t.resource, t.quantity
            FROM unnest(\(allocationProjects)::bigint[], \(allocations.map(\.resource))::bigint[], \(allocations.map(\.quantity))::bigint[])
                AS t(project, resource, quantity)
            """)
        try await tx.connection.execute("""
            INSERT INTO resource_ledger (tenant_id, resource_id, kind, quantity, project_id, note)
            SELECT \(tenant), t.resource, 'drawn', t.quantity, t.project, \("匹配运行 #\(run) 支取 drawn by matching run #\(run)")
            FROM unnest(\(allocationProjects)::bigint[], \(allocations.map(\.resource))::bigint[], \(allocations.map(\.quantity))::bigint[])
                AS t(project, resource, quantity)
            ORDER BY t.resource
            """)
        try await tx.connection.execute("""
            UPDATE demand SET state = \(event.to.rawValue), updated_at = now(), row_version = row_version + 1
            WHERE tenant_id = \(tenant) AND id = ANY(\(taken))
            """)
        // The public note says, in plain words, which project takes the demand up and who
        // does the work: what a resident reading the disclosure wants to know.
        var unitNames: [Int64: String] = [:]
        for row in try await tx.connection.query("SELECT id, name FROM unit WHERE tenant_id = \(tenant) AND id = ANY(\(Array(Set(units))))") {
            unitNames[try row.decode(Int64.self, "id")] = try row.decode(String.self, "name")
        }
        let notes = taken.map { id in
            let index = demandIDs.firstIndex(of: id)!
            return "已立项「\(titles[index])」，由\(unitNames[units[index]] ?? "共建单位")承办 taken up by a project; \(unitNames[units[index]] ?? "a unit") does the work"
        }
        try await tx.connection.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, note, visibility)
            SELECT \(tenant), t.demand, 'transition', \(event.from.rawValue), \(event.to.rawValue), \(event.actor.rawValue),
                   t.note, \(event.visibility.rawValue)
            FROM unnest(\(taken)::bigint[], \(notes)::text[]) AS t(demand, note)
            """)
        // What each demand still lacks after this run, in its history (internal).
        var remainderDemands: [Int64] = [], remainderNotes: [String] = []
        for (id, served) in zip(demandIDs, servedAmounts) {
            let demand = demands[id]!, left = unmet(of: demand) - served
            guard demand.state == .inProject || left > 0 else { continue }
            remainderDemands.append(id)
            remainderNotes.append(
                "匹配运行 #\(run) 满足 \(demand.measureUnit.chineseText(served))，"
                    + (left > 0 ? "尚缺 \(demand.measureUnit.chineseText(left))，仍在需求清单 still unmet, on the list"
                                : "余量已满足 the rest is served"))
        }
        try await tx.connection.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, actor, note, visibility)
            SELECT \(tenant), t.demand, 'remainder', \(event.actor.rawValue), t.note, 'internal'
            FROM unnest(\(remainderDemands)::bigint[], \(remainderNotes)::text[]) AS t(demand, note)
            """)
        try await tx.emit(taken.map { .demandTransitioned(DemandID($0), from: event.from, to: event.to) })
        try await tx.connection.execute("""
            INSERT INTO matching_acceptance (tenant_id, run_id, number, project_id)
            SELECT \(tenant), \(run), t.number, t.project
            FROM unnest(\(allocations.map(\.number))::integer[], \(allocationProjects)::bigint[]) AS t(number, project)
            """)
        var external: [Int64: String] = [:]
        for row in names { external[try row.decode(Int64.self, "id")] = try row.decode(String.self, "external_id") }
        return projectIDs.map { external[$0]! }
    }
}
