import Disclosure
import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// The report's demand figures against counts made here, in Swift, from the rows the test
/// wrote: a different computation from the report's SQL, over the same definitions.
@Suite struct QuarterFiguresTests {
    /// A small deterministic generator, so that a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let paths: [[String]] = [
        ["submitted"],
        ["submitted", "accepted"],
        ["submitted", "accepted", "matched", "in_project"],
        ["submitted", "accepted", "matched", "in_project", "resolved"],
        ["submitted", "accepted", "matched", "in_project", "resolved", "rated"],
        ["submitted", "accepted", "resolved", "accepted"],  // reopened after resolution
        ["submitted", "rejected"],
        ["submitted", "withdrawn"],
        ["submitted", "accepted", "withdrawn"],
        ["submitted", "accepted", "resolved"],
        ["withdrawn"],  // a draft given up before anyone filed it: never received
    ]

    /// The state at `end` by the definition (``FigureDefinition/demandRules``), computed from the seeded values.
    static func state(_ d: ReportFixture.SeededDemand, at end: Date) -> String {
        let withdrawnAsDraft = d.events.contains { $0.1 == "draft" && $0.2 == "withdrawn" }
        if let last = d.events.last(where: { $0.0 < end }) { return last.2 == "withdrawn" && withdrawnAsDraft ? "draft" : last.2 }
        if let next = d.events.first(where: { $0.0 >= end }) {
            guard next.1 == "draft" else { return next.1 }
            return next.2 == "withdrawn" ? "draft" : "submitted"
        }
        return d.state
    }

    @Test func demandFiguresMatchAnIndependentCount() async throws {
        try await ReportFixture.with { f in
            var random = Generator(state: 20_260_930)
            let orgs = ["G11", "G12", "G21", "C3", "C1", "S2"]
            let channels = ["grid_report", "door_to_door", "hotline_12345", "bench_talk"]
            let levels = ["grid", "community", "street", "district"]
            var seeded: [ReportFixture.SeededDemand] = []
            for _ in 0..<240 {
                // raised from 2026-01-01 to 2026-10-20, moving along a path over the following days
                let filed = ReportFixture.at("2026-01-01", hours: Double(random.next(293 * 24)))
                let path = Self.paths[random.next(Self.paths.count)]
                var events: [(Date, String, String)] = []
                var moment = filed
                var from = "draft"
                for to in path {
                    moment = moment.addingTimeInterval(Double(1 + random.next(30 * 24)) * 3600)
                    events.append((moment, from, to))
                    from = to
                }
                let final = path.last!
                let settled = ["resolved", "rated"].contains(final) ? levels[random.next(4)] : nil
                var d = ReportFixture.SeededDemand(
                    org: orgs[random.next(orgs.count)], filedAt: filed, channel: channels[random.next(channels.count)],
                    events: events, state: final, settled: settled, rating: final == "rated" ? 1 + random.next(5) : nil)
                // a quarter of them were loaded from a file: no recorded history
                if random.next(4) == 0 { d.events = [] }
                seeded.append(d)
            }
            // a draft never counts; a merged demand; a demand moved to another community after filing
            seeded.append(.init(org: "G11", filedAt: ReportFixture.at("2026-08-01"), state: "draft"))
            var ids: [Int64] = []
            for d in seeded { ids.append(try await f.seed(d)) }
            let merged = ReportFixture.SeededDemand(
                org: "G21", filedAt: ReportFixture.at("2026-07-03"),
                events: [(ReportFixture.at("2026-07-04"), "draft", "submitted"), (ReportFixture.at("2026-07-09"), "submitted", "merged")],
                state: "merged", mergedInto: ids[0])
            try await f.seed(merged)
            seeded.append(merged)
            let moving = ReportFixture.SeededDemand(org: "G11", filedAt: ReportFixture.at("2026-07-10"), state: "accepted")
            let movingID = try await f.seed(moving)
            try await f.database.operatorPool.execute(
                "UPDATE demand SET org_unit_id = \(f.orgIDs["C3"]!) WHERE tenant_id = \(f.tenant) AND id = \(movingID)")
            seeded.append(.init(org: "C3", filedAt: moving.filedAt, state: "accepted"))

            for quarterText in ["2026Q1", "2026Q2", "2026Q3"] {
                let quarter = try Quarter(quarterText)
                let start = ReportFixture.at(quarter.firstDay.description), end = ReportFixture.at(quarter.dayAfter.description)
                let report = try await f.report(quarterText)
                #expect(report.quarter == quarter)

                func expected(_ keep: (ReportFixture.SeededDemand) -> Bool) -> DemandFigures {
                    var e = DemandFigures()
                    var durations: [Double] = []
                    for d in seeded where keep(d) && d.filedAt < end {
                        let s = Self.state(d, at: end)
                        if s == "draft" { continue }
                        if ["submitted", "accepted", "matched", "in_project"].contains(s) { e.openAtEnd += 1 }
                        guard d.filedAt >= start else { continue }
                        e.received += 1
                        if ["accepted", "matched", "in_project", "resolved", "rated"].contains(s) { e.takenUp += 1 }
                        if s == "rejected" { e.rejected += 1 }
                        if s == "merged" { e.merged += 1 }
                        if s == "withdrawn" { e.withdrawn += 1 }
                        if ["resolved", "rated", "rejected", "merged", "withdrawn"].contains(s) { e.closed += 1 }
                        if s == "resolved" || s == "rated" {
                            e.resolved += 1
                            switch d.settled {
                            case "grid": e.settledAtGrid += 1
                            case "community": e.settledAtCommunity += 1
                            case "street": e.settledAtStreet += 1
                            case "district": e.settledAtDistrict += 1
                            default: e.settledUnrecorded += 1
                            }
                            if let resolvedAt = d.events.last(where: { $0.2 == "resolved" && $0.0 < end })?.0 {
                                durations.append(resolvedAt.timeIntervalSince(d.filedAt) / 86_400)
                            }
                        }
                        if s == "rated" {
                            e.rated += 1
                            if (d.rating ?? 0) >= 4 { e.satisfied += 1 }
                        }
                    }
                    e.resolvedWithDuration = durations.count
                    let sorted = durations.sorted()
                    if !sorted.isEmpty {
                        e.medianDaysToResolve = sorted.count % 2 == 1
                            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                    }
                    return e
                }

                func same(_ got: DemandFigures, _ want: DemandFigures, _ area: String) {
                    var a = got, b = want
                    #expect(abs((a.medianDaysToResolve ?? -1) - (b.medianDaysToResolve ?? -1)) < 1e-6, "\(quarterText) \(area) median")
                    a.medianDaysToResolve = nil
                    b.medianDaysToResolve = nil
                    #expect(a == b, "\(quarterText) \(area)")
                }
                let district = expected { _ in true }
                #expect(district.received > 20, "the generator should fill \(quarterText)")
                same(report.current.district.demands, district, "district")
                for code in ["S1", "S2", "C1", "C2", "C3"] {
                    let isStreet = code.hasPrefix("S")
                    let want = expected { d in
                        let place = ReportFixture.placement[d.org]!
                        return isStreet ? place.street == code : place.community == code
                    }
                    let got = report.current.areas.first { $0.area.code == code }
                    if want.received == 0 && want.openAtEnd == 0 {
                        #expect(got == nil || got!.demands == DemandFigures(), "\(quarterText) \(code) should be empty")
                    } else {
                        same(got?.demands ?? DemandFigures(), want, code)
                        #expect(got?.area.level == (isStreet ? "street" : "community"))
                    }
                }
                // channels add up to what was received
                #expect(report.current.receivedByChannel.reduce(0) { $0 + $1.count } == district.received)
                for channel in ["grid_report", "door_to_door", "hotline_12345", "bench_talk"] {
                    let want = seeded.filter { $0.channel == channel && $0.filedAt >= start && $0.filedAt < end && Self.state($0, at: end) != "draft" }.count
                    #expect((report.current.receivedByChannel.first { $0.code == channel }?.count ?? 0) == want, "\(quarterText) \(channel)")
                }
                // the previous quarter beside it is that quarter's own count
                let previous = try await f.report(quarter.previous.description)
                #expect(report.previous.district == previous.current.district && report.previous.areas == previous.current.areas)
                #expect(report.previous.receivedByChannel.isEmpty)  // the breakdowns are this quarter's only
                #expect(report.previousVersion == nil)
            }
        }
    }

    @Test func aQuarterWithNoDataIsAllZeros() async throws {
        try await ReportFixture.with { f in
            let report = try await f.report("2025Q4")
            #expect(report.current.district.demands == DemandFigures())
            #expect(report.current.district.projects == ProjectFigures())
            #expect(report.current.areas.isEmpty)
            #expect(report.current.district.demands.closureRate.percent == "—")
            #expect(report.trend.map(\.quarter.description) == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"])
            let markdown = report.markdown()
            #expect(markdown.contains("| 受理 received | 0 | 0 | 0 |"))
            #expect(markdown.contains("办结率 closure rate | — (0/0)"))
        }
    }

    /// Demands an accepted run served only in part are counted as such: their remainder
    /// stayed on the list (DemandRemainderTests shows that it does).
    @Test func matchingFiguresCountTheDemandsServedInPart() async throws {
        try await ReportFixture.with { f in
            for (served, filled, accepted) in [(10, 7, "2025-11-03"), (4, 4, "2025-12-20"), (9, 1, "2026-01-05")] {
                try await f.database.operatorPool.execute("""
                    INSERT INTO matching_run (tenant_id, id, weights, fingerprint, status, demands, resources, arcs, allocations,
                                              demands_served, demands_filled, weighted_satisfaction, cost, statistics, timings,
                                              created_at, accepted_by, accepted_at)
                    VALUES (\(f.tenant), govreg_take_numbers('matching_run', \(f.tenant), 1), '{}', repeat('a', 64), 'accepted', 20, 5, 40, \(served), \(served), \(filled), 0, 0, '{}', '{}',
                            \(accepted)::timestamptz, 'test', \(accepted)::timestamptz)
                    """)
            }
            let report = try await f.report("2025Q4")
            #expect(report.current.matching.demandsServed == 14 && report.current.matching.demandsPartlyServed == 3)
            #expect(report.markdown().contains("| 部分满足 served in part (remainder on the list) | 3 | 0 | +3 |"), "\(report.markdown())")
        }
    }

    @Test func projectFiguresCountByTheirDays() async throws {
        try await ReportFixture.with { f in
            let unit = try await f.database.operatorPool.query("""
                INSERT INTO unit (tenant_id, name, kind) VALUES (\(f.tenant), '县住建局', 'department') RETURNING id
                """)[0].decode(Int64.self, "id")
            let inC1 = try await f.seed(.init(org: "G11", filedAt: ReportFixture.at("2026-06-01"), state: "in_project"))
            let inC3 = try await f.seed(.init(org: "C3", filedAt: ReportFixture.at("2026-06-01"), state: "in_project"))
            // (status, starts_on, due_on, completed_on, rating, budget fen, demands)
            let projects: [(String, String?, String?, String?, Int?, Int64, [Int64])] = [
                ("completed", "2026-07-02", "2026-08-01", "2026-07-30", 5, 1_000_050, [inC1, inC3]),
                ("completed", "2026-04-02", "2026-09-01", "2026-08-15", 3, 20_000, [inC1]),
                ("in_progress", "2026-08-01", "2026-09-10", nil, nil, 5_000, [inC3]),  // overdue at the end of Q3
                ("in_progress", "2026-08-01", "2026-12-10", nil, nil, 7, []),
                ("planned", "2026-08-20", "2026-09-01", nil, nil, 9, [inC1]),  // overdue, and never started
                ("cancelled", "2026-07-05", "2026-07-06", nil, nil, 11, [inC1]),
            ]
            for p in projects {
                let reason: String? = p.0 == "cancelled" ? "资金未落实" : nil
                let id = try await f.database.operatorPool.query("""
                    INSERT INTO project (tenant_id, id, title, responsible_unit_id, budget_fen, starts_on, due_on, status, cancel_reason,
                                         completed_on, rating, progress_percent)
                    VALUES (\(f.tenant), govreg_take_numbers('project', \(f.tenant), 1), '修路灯', \(unit), \(p.5), \(p.1)::date, \(p.2)::date, \(p.0), \(reason), \(p.3)::date, \(p.4),
                            \(p.0 == "completed" ? 100 : 0))
                    RETURNING id
                    """)[0].decode(Int64.self, "id")
                for demand in p.6 {
                    try await f.database.operatorPool.execute(
                        "INSERT INTO project_demand (tenant_id, project_id, demand_id) VALUES (\(f.tenant), \(id), \(demand))")
                }
            }
            let q3 = try await f.report("2026Q3").current
            let d = q3.district.projects
            #expect(d.started == 3)  // 07-02, 08-01, 08-01; the cancelled one started by its day but is not in progress
            #expect(d.completed == 2)
            #expect(d.overdueAtEnd == 2)
            #expect(d.budgetCommittedFen == 1_000_050 + 5_000 + 7)
            #expect(d.rated == 2 && d.ratingSum == 8 && d.satisfied == 1)
            #expect(d.meanRating == 4)
            // a project serving two communities counts once in each, and once in the district
            let c1 = q3.areas.first { $0.area.code == "C1" }?.projects
            let c3 = q3.areas.first { $0.area.code == "C3" }?.projects
            let s1 = q3.areas.first { $0.area.code == "S1" }?.projects
            #expect(c1?.completed == 2 && c3?.completed == 1 && s1?.completed == 2)
            #expect(c1?.overdueAtEnd == 1 && c3?.overdueAtEnd == 1)
            let q2 = try await f.report("2026Q2").current.district.projects
            #expect(q2.started == 1 && q2.completed == 0 && q2.budgetCommittedFen == 20_000)
        }
    }
}
