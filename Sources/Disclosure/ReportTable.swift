import Foundation
import Registry
import RegistryStore

/// One table of the report, as text cells: the layout every format (HTML, Markdown, CSV)
/// prints, built once from the figures so that the formats cannot disagree.
public struct ReportTable: Sendable, Hashable {
    /// A stable id, e.g. `demands` (the CSV section name and the HTML anchor).
    public var id: String
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
}

extension QuarterlyReport {
    /// The report's tables, in reading order.
    public var tables: [ReportTable] {
        [demandTable, settledTable, areaTable, channelTable, categoryTable, projectTable, resourceTable, dutyTable,
         matchingTable, trendTable] + moduleTables + [definitionTable]
    }

    private var periods: [String] { ["本季度 \(quarter)", "上季度 \(quarter.previous)"] }

    var demandTable: ReportTable {
        let now = current.district.demands, before = previous.district.demands
        func count(_ d: FigureDefinition, _ a: Int, _ b: Int) -> [String] { [d.label, String(a), String(b), change(a, b)] }
        func rate(_ d: FigureDefinition, _ a: Rate, _ b: Rate) -> [String] {
            [d.label, "\(a.percent) (\(a.part)/\(a.whole))", "\(b.percent) (\(b.part)/\(b.whole))", points(a, b)]
        }
        let f = FigureDefinition.self
        return ReportTable(id: "demands", title: "需求清单 Demands", columns: ["指标 figure"] + periods + ["变化 change"], rows: [
            count(f.received, now.received, before.received), count(f.takenUp, now.takenUp, before.takenUp),
            count(f.rejected, now.rejected, before.rejected), count(f.merged, now.merged, before.merged),
            count(f.withdrawn, now.withdrawn, before.withdrawn), count(f.closed, now.closed, before.closed),
            count(f.resolved, now.resolved, before.resolved),
            rate(f.closureRate, now.closureRate, before.closureRate), rate(f.resolutionRate, now.resolutionRate, before.resolutionRate),
            rate(f.satisfactionRate, now.satisfactionRate, before.satisfactionRate),
            [f.medianDaysToResolve.label, days(now), days(before), ""],
            count(f.openAtEnd, now.openAtEnd, before.openAtEnd),
        ])
    }

    var settledTable: ReportTable {
        let now = current.district.demands.settledByLevel, before = previous.district.demands.settledByLevel
        let total = now.reduce(0) { $0 + $1.count }, totalBefore = before.reduce(0) { $0 + $1.count }
        return ReportTable(
            id: "settled", title: "办结层级 Where matters were settled",
            columns: ["层级 level", "本季度 \(quarter)", "占比 share", "上季度 \(quarter.previous)", "占比 share"],
            rows: zip(now, before).map { a, b in
                [levelName(a.level), String(a.count), Rate(a.count, of: total).percent, String(b.count), Rate(b.count, of: totalBefore).percent]
            })
    }

    var areaTable: ReportTable {
        let earlier = Dictionary(previous.areas.map { ("\($0.area.level)/\($0.area.code)", $0) }, uniquingKeysWith: { a, _ in a })
        return ReportTable(
            id: "areas", title: "街道和社区 Streets and communities",
            columns: [
                "区域 area", "层级 level", "受理 received", "上季度受理 received before", "办结率 closure rate", "上季度办结率 before",
                "解决率 resolution rate", "上季度解决率 before", "满意率 satisfaction rate", "网格办结 settled in grid",
                "社区办结 settled in community", "季度末在办 open at end", "完工项目 projects completed", "党员报到 members reported",
            ],
            rows: ([current.district] + current.areas).map { a in
                let b = a.area.level == "district" ? previous.district : earlier["\(a.area.level)/\(a.area.code)"]
                let d = a.demands, e = b?.demands ?? DemandFigures()
                return [
                    a.area.level == "community" ? "\u{3000}\(a.area.name)" : a.area.name, areaLevelName(a.area.level),
                    String(d.received), String(e.received), d.closureRate.percent, e.closureRate.percent,
                    d.resolutionRate.percent, e.resolutionRate.percent, d.satisfactionRate.percent,
                    String(d.settledAtGrid), String(d.settledAtCommunity), String(d.openAtEnd),
                    String(a.projects.completed), String(a.duty.membersReported),
                ]
            })
    }

    var channelTable: ReportTable {
        ReportTable(
            id: "channels", title: "受理渠道 Demands received by channel", columns: ["代码 code", "渠道 channel", "受理 received", "占比 share"],
            rows: current.receivedByChannel.map { [$0.code, $0.name, String($0.count), Rate($0.count, of: current.district.demands.received).percent] })
    }

    var categoryTable: ReportTable {
        ReportTable(
            id: "categories", title: "需求类别 Demands received by category", columns: ["代码 code", "类别 category", "受理 received", "占比 share"],
            rows: current.receivedByCategory.map { [$0.code, $0.name, String($0.count), Rate($0.count, of: current.district.demands.received).percent] })
    }

    var projectTable: ReportTable {
        let now = current.district.projects, before = previous.district.projects
        let f = FigureDefinition.self
        func count(_ d: FigureDefinition, _ a: Int, _ b: Int) -> [String] { [d.label, String(a), String(b), change(a, b)] }
        func mean(_ p: ProjectFigures) -> String { p.meanRating.map { String(format: "%.2f", $0) } ?? "—" }
        return ReportTable(id: "projects", title: "项目清单 Projects", columns: ["指标 figure"] + periods + ["变化 change"], rows: [
            count(f.projectsStarted, now.started, before.started), count(f.projectsCompleted, now.completed, before.completed),
            count(f.projectsChecked, now.checked, before.checked), count(f.projectsOverdue, now.overdueAtEnd, before.overdueAtEnd),
            [f.budgetCommitted.label, Money(fen: now.budgetCommittedFen).description, Money(fen: before.budgetCommittedFen).description, ""],
            [f.fundsDrawn.label, Money(fen: current.fundsDrawnFen).description, Money(fen: previous.fundsDrawnFen).description, ""],
            ["居民评价 projects rated", String(now.rated), String(before.rated), change(now.rated, before.rated)],
            ["平均评分 mean rating", mean(now), mean(before), ""],
            ["项目满意率 project satisfaction", now.satisfactionRate.percent, before.satisfactionRate.percent, points(now.satisfactionRate, before.satisfactionRate)],
        ])
    }

    var resourceTable: ReportTable {
        ReportTable(
            id: "resources", title: "资源清单 Resources pledged and drawn",
            columns: ["种类 kind", "单位 unit", "认领 pledged", "使用 drawn"],
            rows: current.resources.map { r in
                let kind = (try? ResourceKind(parsing: r.kind)).map { "\($0.chineseName) \($0.englishName)" } ?? r.kind
                let unit = try? MeasureUnit(parsing: r.measureUnit)
                return [kind, unit.map { "\($0.chineseName) \($0.englishName)" } ?? r.measureUnit,
                        unit?.chineseText(r.pledged) ?? String(r.pledged), unit?.chineseText(r.drawn) ?? String(r.drawn)]
            })
    }

    var dutyTable: ReportTable {
        let now = current.district.duty, before = previous.district.duty
        let f = FigureDefinition.self
        return ReportTable(id: "duty", title: "双报到 Reporting for duty", columns: ["指标 figure"] + periods + ["变化 change"], rows: [
            [f.dutyMembers.label, String(now.membersReported), String(before.membersReported), change(now.membersReported, before.membersReported)],
            [f.dutyUnits.label, String(now.unitsReported), String(before.unitsReported), change(now.unitsReported, before.unitsReported)],
            ["累计报到党员 members registered in all", String(now.membersRegistered), String(before.membersRegistered),
             change(now.membersRegistered, before.membersRegistered)],
        ])
    }

    var matchingTable: ReportTable {
        let now = current.matching, before = previous.matching
        return ReportTable(id: "matching", title: "供需匹配 Matching", columns: ["指标 figure"] + periods + ["变化 change"], rows: [
            ["匹配运行 runs recorded", String(now.runs), String(before.runs), change(now.runs, before.runs)],
            ["接受 runs accepted", String(now.accepted), String(before.accepted), change(now.accepted, before.accepted)],
            ["服务需求 demands served", "\(now.servedShare.percent) (\(now.demandsServed)/\(now.demandsOffered))",
             "\(before.servedShare.percent) (\(before.demandsServed)/\(before.demandsOffered))", points(now.servedShare, before.servedShare)],
            ["部分满足 served in part (remainder on the list)", now.demandsPartlyServed.map(String.init) ?? "—",
             before.demandsPartlyServed.map(String.init) ?? "—",
             change(now.demandsPartlyServed ?? 0, before.demandsPartlyServed ?? 0)],
        ])
    }

    var trendTable: ReportTable {
        ReportTable(
            id: "trend", title: "近四个季度 The last four quarters",
            columns: ["季度 quarter", "受理 received", "办结 closed", "解决 resolved", "办结率 closure rate", "解决率 resolution rate"],
            rows: trend.map { p in
                [p.quarter.description, String(p.received), String(p.closed), String(p.resolved),
                 Rate(p.closed, of: p.received).percent, Rate(p.resolved, of: p.received).percent]
            })
    }

    var moduleTables: [ReportTable] {
        modules.map { section in
            ReportTable(
                id: "module-\(section.module)", title: "模块 \(section.title)", columns: ["指标 figure", "本季度 \(quarter)"],
                rows: section.figures.map { [$0.label, $0.value] })
        }
    }

    var definitionTable: ReportTable {
        ReportTable(
            id: "definitions", title: "附录：指标口径 Appendix: what each figure counts",
            columns: ["代码 id", "指标 figure", "口径 definition", "definition"],
            rows: definitions.map { [$0.id, $0.label, $0.definitionChinese, $0.definitionEnglish] })
    }

    private func change(_ a: Int, _ b: Int) -> String { a == b ? "0" : (a > b ? "+\(a - b)" : "\(a - b)") }

    /// The change of a rate in percentage points, one decimal.
    private func points(_ a: Rate, _ b: Rate) -> String {
        guard a.whole > 0, b.whole > 0 else { return "" }
        // tenths of a point, from exact tenths of a percent
        let tenths = { (r: Rate) in (r.part * 2000 + r.whole) / (2 * r.whole) }
        let d = tenths(a) - tenths(b)
        return (d > 0 ? "+" : d < 0 ? "-" : "") + "\(abs(d) / 10).\(abs(d) % 10) pt"
    }

    private func days(_ d: DemandFigures) -> String {
        d.medianDaysToResolve.map { String(format: "%.1f", $0) + " (n=\(d.resolvedWithDuration))" } ?? "—"
    }

    func levelName(_ level: EscalationLevel?) -> String {
        level.map { "\($0.chineseName) \($0.englishName)" } ?? "未记录 unrecorded"
    }

    func areaLevelName(_ level: String) -> String {
        switch level {
        case "district": "区县 district"
        case "street": "街道（镇） street"
        default: "社区（村） community"
        }
    }
}
