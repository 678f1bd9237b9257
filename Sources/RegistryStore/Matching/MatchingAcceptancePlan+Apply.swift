import Foundation
import Postgres
import Registry

extension MatchingAcceptancePlan {
    /// Writes the projects, their demand and allocation rows, the ledger draws, the demands'
    /// transitions and events, and links the allocations to their projects. Returns the new
    /// projects' ids and external ids, in demand id order.
    ///
    /// A demand the run serves in part keeps its unmet remainder on the list: its project
    /// records what it serves (`project_demand.served`), the demand's history says what is
    /// still missing, and the next run sees the rest. A remainder taken up by a later run
    /// stays in_project and gains another project.
    func apply(run: Int64, _ tx: TenantTransaction) async throws -> [(id: Int64, externalID: String)] {
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
        // The projects' numbers, one block of the district's counter (migration 0026): the
        // project of demandIDs[i] is first + i, so no row needs reading back to be linked.
        let first = try await tx.connection.query("SELECT govreg_take_numbers('project', \(tenant), \(Int64(demandIDs.count))) AS first")
            .first!.decode(Int64.self, "first")
        let projectIDs = demandIDs.indices.map { first + Int64($0) }
        let projectOf = Dictionary(uniqueKeysWithValues: zip(demandIDs, projectIDs))
        // A project follows its demand's disclosure (公示): residents who see the demand see
        // what is being done about it, from today; unless the district said otherwise
        // (`projects_follow_disclosure`, migration 0028). Its external id is GR-P<id>, as for
        // every project made without one, named in the INSERT (an UPDATE after it rewrote
        // every row and audited it twice); if the district already uses that text for
        // another project, the next free GR-P<id>-2, -3 … (migration 0013). Both are worked
        // out first, so that the rows are plain values (RowsInsert says why).
        let follows = try await tx.connection.query("SELECT projects_follow_disclosure FROM tenant WHERE id = \(tenant)")[0]
            .decode(Bool.self, at: 0)
        let today = try tx.today()
        var externalIDs = projectIDs.map { "GR-P\($0)" }
        let used = Set(try await tx.connection.query("""
            SELECT external_id FROM project WHERE tenant_id = \(tenant) AND external_id = ANY(\(externalIDs))
            """).map { try $0.decode(String.self, at: 0) })
        for index in externalIDs.indices where used.contains(externalIDs[index]) {
            externalIDs[index] = try await tx.connection.query("""
                SELECT govreg_free_external_id('project', \(tenant), \(externalIDs[index]))
                """)[0].decode(String.self, at: 0)
        }
        try await RowsInsert.run("""
            INSERT INTO project (tenant_id, id, external_id, title, description, responsible_unit_id, budget_fen, due_on, status,
                                 is_public, published_on)
            """, rows: demandIDs.indices.map { i in
                let disclose = disclosed[i] && follows
                return """
                    (\(tenant), \(projectIDs[i]), \(externalIDs[i]), \(titles[i]), \(descriptions[i]), \(units[i]), \(budgets[i]),
                     \(dues[i])::date, 'planned', \(disclose), \(disclose ? today.description : nil)::date)
                    """
            }, tx.connection)
        let servedAmounts = demandIDs.map { id in byDemand[id]!.reduce(Int64(0)) { $0 + $1.quantity } }
        try await RowsInsert.run(
            "INSERT INTO project_demand (tenant_id, project_id, demand_id, served)",
            rows: demandIDs.indices.map { i in "(\(tenant), \(projectIDs[i]), \(demandIDs[i]), \(servedAmounts[i]))" }, tx.connection)
        let allocationProjects = allocations.map { projectOf[$0.demand]! }
        try await RowsInsert.run(
            "INSERT INTO project_allocation (tenant_id, project_id, resource_id, quantity)",
            rows: zip(allocationProjects, allocations).map { project, a in "(\(tenant), \(project), \(a.resource), \(a.quantity))" },
            tx.connection)
        // by resource, the order every writer of the ledger takes its resources' locks in
        let draws = zip(allocationProjects, allocations).sorted { $0.1.resource < $1.1.resource }
        let drawNote = "匹配运行 #\(run) 支取 drawn by matching run #\(run)"
        try await RowsInsert.run(
            "INSERT INTO resource_ledger (tenant_id, resource_id, kind, quantity, project_id, note)",
            rows: draws.map { project, a in "(\(tenant), \(a.resource), 'drawn', \(a.quantity), \(project), \(drawNote))" },
            tx.connection)
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
        // By position in demandIDs: looking each demand up by search was quadratic, 7 s for a large run.
        let position = Dictionary(uniqueKeysWithValues: demandIDs.enumerated().map { ($1, $0) })
        let notes = taken.map { id in
            let index = position[id]!
            return "已立项「\(titles[index])」，由\(unitNames[units[index]] ?? "共建单位")承办 taken up by a project; \(unitNames[units[index]] ?? "a unit") does the work"
        }
        try await RowsInsert.run(
            "INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, note, visibility)",
            rows: zip(taken, notes).map { demand, note in
                "(\(tenant), \(demand), 'transition', \(event.from.rawValue), \(event.to.rawValue), \(event.actor.rawValue), \(note), \(event.visibility.rawValue))"
            }, tx.connection)
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
        try await RowsInsert.run(
            "INSERT INTO demand_event (tenant_id, demand_id, kind, actor, note, visibility)",
            rows: zip(remainderDemands, remainderNotes).map { demand, note in
                "(\(tenant), \(demand), 'remainder', \(event.actor.rawValue), \(note), 'internal')"
            }, tx.connection)
        try await tx.emit(taken.map { .demandTransitioned(DemandID($0), from: event.from, to: event.to) })
        try await RowsInsert.run(
            "INSERT INTO matching_acceptance (tenant_id, run_id, number, project_id)",
            rows: zip(allocations, allocationProjects).map { a, project in "(\(tenant), \(run), \(Int32(a.number)), \(project))" },
            tx.connection)
        return zip(projectIDs, externalIDs).map { (id: $0, externalID: $1) }
    }
}
