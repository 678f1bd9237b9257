import Foundation
import Postgres
import Registry

/// The allocations of a run being accepted, with the demands and resources they touch read
/// under row locks: checked for conflicts, then applied set-based (a few statements whatever
/// the number of allocations).
struct MatchingAcceptancePlan {
    struct Allocation {
        var number: Int
        var demand: Int64
        var resource: Int64
        var quantity: Int64
    }

    struct LockedDemand {
        var id: Int64
        var externalID: String?
        var title: String
        var state: DemandState
        var quantity: Int64
        var measureUnit: MeasureUnit
        var dueOn: String?
        /// Disclosed (公示): its project is disclosed too.
        var isPublic: Bool
        var name: String { externalID ?? "#\(id)" }
    }

    struct LockedResource {
        var id: Int64
        var externalID: String?
        var unit: Int64
        var status: ResourceStatus
        var remaining: Int64
        var measureUnit: MeasureUnit
        var name: String { externalID ?? "#\(id)" }
    }

    /// By demand id, then resource id.
    var allocations: [Allocation]
    var demands: [Int64: LockedDemand]
    var resources: [Int64: LockedResource]
    /// How far live projects serve each demand already (a remainder's earlier projects).
    var service: [Int64: DemandService]

    static func load(run: Int64, only: [Int]?, _ tx: TenantTransaction) async throws -> MatchingAcceptancePlan {
        let tenant = tx.tenantID
        var allocations = try await tx.connection.query("""
            SELECT number, demand_id, resource_id, quantity FROM matching_allocation_row
            WHERE tenant_id = \(tenant) AND run_id = \(run) ORDER BY demand_id, resource_id
            """).map { row in
            Allocation(number: try row.decode(at: 0), demand: try row.decode(at: 1), resource: try row.decode(at: 2), quantity: try row.decode(at: 3))
        }
        if let only {
            let wanted = Set(only)
            let missing = wanted.subtracting(allocations.map(\.number)).sorted()
            guard missing.isEmpty else {
                throw RegistryStoreError.invalid(
                    field: "only", reason: "匹配运行 #\(run) 没有这些分配 the run has no allocation \(missing.map { "A\($0)" }.joined(separator: ", "))")
            }
            allocations = allocations.filter { wanted.contains($0.number) }
        }
        guard !allocations.isEmpty else {
            // Nothing to accept is the run's state, not a fault of the request: a conflict.
            throw RegistryStoreError.conflict("匹配运行 #\(run) 没有可接受的分配 the run allocated nothing")
        }
        let demandRows = try await tx.connection.query("""
            SELECT id, external_id, title, state, quantity, measure_unit, due_on::text, is_public FROM demand
            WHERE tenant_id = \(tenant) AND id = ANY(\(Array(Set(allocations.map(\.demand))))) ORDER BY id FOR UPDATE
            """)
        var demands: [Int64: LockedDemand] = [:]
        for row in demandRows {
            let demand = LockedDemand(
                id: try row.decode(at: 0), externalID: try row.decode(at: 1), title: try row.decode(at: 2),
                state: try DemandState(parsing: try row.decode(String.self, at: 3)), quantity: try row.decode(at: 4),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, at: 5)), dueOn: try row.decode(at: 6),
                isPublic: try row.decode(at: 7))
            demands[demand.id] = demand
        }
        let resourceRows = try await tx.connection.query("""
            SELECT id, external_id, unit_id, status, remaining, measure_unit FROM resource
            WHERE tenant_id = \(tenant) AND id = ANY(\(Array(Set(allocations.map(\.resource))))) ORDER BY id FOR UPDATE
            """)
        var resources: [Int64: LockedResource] = [:]
        for row in resourceRows {
            let resource = LockedResource(
                id: try row.decode(at: 0), externalID: try row.decode(at: 1), unit: try row.decode(at: 2),
                status: try ResourceStatus(parsing: try row.decode(String.self, at: 3)), remaining: try row.decode(at: 4),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, at: 5)))
            resources[resource.id] = resource
        }
        // Read after the demands' row locks, so no other acceptance changes what they serve.
        let service = try await DemandStore.service(of: Array(demands.keys), tx)
        return MatchingAcceptancePlan(allocations: allocations, demands: demands, resources: resources, service: service)
    }

    /// Every way the lists have moved away from what these allocations assume, one line each.
    func conflicts() -> [String] {
        var lines: [String] = []
        let byDemand = Dictionary(grouping: allocations, by: \.demand)
        for id in byDemand.keys.sorted() {
            guard let demand = demands[id] else {
                lines.append("需求 demand #\(id) 已不存在 no longer exists")
                continue
            }
            let allocated = byDemand[id]!.reduce(0) { $0 + $1.quantity }
            let unmet = unmet(of: demand)
            if demand.state != .accepted && !(demand.state == .inProject && unmet > 0) {
                lines.append("需求 demand \(demand.name) 现为「\(demand.state.chineseName)」\(demand.state.rawValue), no longer accepted 已不在待匹配清单")
            } else if unmet < allocated {
                lines.append("需求 demand \(demand.name) 待满足 still unmet \(demand.measureUnit.chineseText(unmet)); the run allocated \(demand.measureUnit.chineseText(allocated))")
            }
        }
        let byResource = Dictionary(grouping: allocations, by: \.resource)
        for id in byResource.keys.sorted() {
            guard let resource = resources[id] else {
                lines.append("资源 resource #\(id) 已不存在 no longer exists")
                continue
            }
            let drawn = byResource[id]!.reduce(0) { $0 + $1.quantity }
            if resource.status != .available && resource.status != .exhausted {
                lines.append("资源 resource \(resource.name) 现为「\(resource.status.chineseName)」\(resource.status.rawValue), can no longer be drawn on")
            } else if resource.remaining < drawn {
                lines.append("资源 resource \(resource.name) 剩余 remaining \(resource.measureUnit.chineseText(resource.remaining)) < the run's \(resource.measureUnit.chineseText(drawn)) 容量已降低 capacity lowered")
            }
            for allocation in byResource[id]! where demands[allocation.demand].map({ $0.measureUnit != resource.measureUnit }) == true {
                lines.append("资源 resource \(resource.name) 与需求 demand \(demands[allocation.demand]!.name) 计量单位已不同 units of measure now differ")
            }
        }
        return lines
    }

    /// What no live project serves yet of `demand`: all of an accepted one, the remainder of
    /// one in a project.
    func unmet(of demand: LockedDemand) -> Int64 {
        demand.state == .accepted ? demand.quantity : (service[demand.id] ?? DemandService(quantity: demand.quantity, measureUnit: demand.measureUnit, servedWhole: true)).unmet
    }

    /// What the accepted allocations draw, per unit of measure.
    var drawn: [MeasureUnit: Int64] {
        allocations.reduce(into: [:]) { sums, allocation in
            if let unit = resources[allocation.resource]?.measureUnit { sums[unit, default: 0] += allocation.quantity }
        }
    }
}
