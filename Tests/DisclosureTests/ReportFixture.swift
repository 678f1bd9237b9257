import Disclosure
import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore

/// A migrated database with one district (the shared test hierarchy) whose demands and
/// projects the tests write as rows, with the times they choose, and then count again in
/// Swift, independently of the report's SQL.
///
/// ```
/// S1 城关镇 ─ C1 东坡社区 ─ G11, G12
///          └ C2 滨河社区 ─ G21
/// S2 佐龙镇 ─ C3 佐龙社区
/// ```
struct ReportFixture {
    let database: RegistryDatabase
    let tenant: UUID
    let actor = "test:report"
    /// Org unit ids by code.
    let orgIDs: [String: Int64]

    /// Each org code's street and community, as the hierarchy above places them.
    static let placement: [String: (street: String, community: String?)] = [
        "S1": ("S1", nil), "C1": ("S1", "C1"), "G11": ("S1", "C1"), "G12": ("S1", "C1"),
        "C2": ("S1", "C2"), "G21": ("S1", "C2"), "S2": ("S2", nil), "C3": ("S2", "C3"),
    ]

    static func with(modules: ModuleCatalogue = .empty, _ body: (ReportFixture) async throws -> Void) async throws {
        try await TestDatabase.withMigrated { configuration in
            let database = RegistryDatabase(configuration: configuration, modules: modules)
            do {
                let tenant = try await TestDistrict.create("langao", "610925", in: database, actor: "test:report")
                var ids: [String: Int64] = [:]
                for row in try await database.operatorPool.query("SELECT code, id FROM org_unit WHERE tenant_id = \(tenant)") {
                    ids[try row.decode(String.self, "code")] = try row.decode(Int64.self, "id")
                }
                try await body(ReportFixture(database: database, tenant: tenant, orgIDs: ids))
                await database.close()
            } catch {
                await database.close()
                throw error
            }
        }
    }

    /// A demand as the tests seed it: where, when raised, its recorded transitions, and
    /// what its row says now.
    struct SeededDemand {
        var org: String
        var filedAt: Date
        var channel = "grid_report"
        var category = "housing_repair"
        /// (moment, from, to), in order.
        var events: [(Date, String, String)] = []
        var state: String
        var settled: String?
        var rating: Int?
        var mergedInto: Int64?
    }

    /// Writes `demand` (and its events) as the owner; returns its id.
    @discardableResult
    func seed(_ demand: SeededDemand) async throws -> Int64 {
        let id = try await database.operatorPool.query("""
            INSERT INTO demand (tenant_id, id, title, category_code, org_unit_id, source_channel, quantity, measure_unit, state,
                                settled_level, rating, merged_into, filed_at)
            VALUES (\(tenant), govreg_take_numbers('demand', \(tenant), 1), '路灯不亮', \(demand.category), \(orgIDs[demand.org]!), \(demand.channel), 1, 'job', \(demand.state),
                    \(demand.settled), \(demand.rating), \(demand.mergedInto), \(demand.filedAt))
            RETURNING id
            """)[0].decode(Int64.self, "id")
        for (at, from, to) in demand.events {
            try await database.operatorPool.execute("""
                INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, reason, visibility)
                VALUES (\(tenant), \(id), 'transition', \(from), \(to), 'test', \(at), \(to == "rejected" ? "不属于受理范围" : nil), 'internal')
                """)
        }
        return id
    }

    func report(_ quarter: String) async throws -> QuarterlyReport {
        try await QuarterlyReport.read(quarter: try Quarter(quarter), tenant: tenant, database: database, actor: actor)
    }

    var archive: QuarterlyReportArchive { QuarterlyReportArchive(database: database) }

    /// Midnight of `day` in the district (Beijing time, its default zone) plus `hours`: the
    /// district's days are what the report counts in.
    static func at(_ day: String, hours: Double = 0) -> Date {
        let d = try! CivilDate(day)
        var c = DateComponents()
        c.year = d.year
        c.month = d.month
        c.day = d.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.date(from: c)!.addingTimeInterval(hours * 3600)
    }
}
