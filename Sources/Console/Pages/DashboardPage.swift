import Hummingbird
import Disclosure
import Foundation
import Registry
import RegistryStore

/// `/console/{tenant}/`: the district at a glance. Open demands by state and by the level
/// that must act, what is overdue, projects by status, and this quarter's figures as the
/// quarterly report defines them (``QuarterFigures/glance(quarter:in:)``; no second formula
/// here), counted at most once a minute per district (``DashboardCounts``).
enum DashboardPage {
    static let routes = [ConsoleRoute(.get, "/", .tenantRead, show)]

    static func show(_ visit: Visit) async throws -> Response {
        let w = visit.words
        let modules = try await visit.read { tx in try await ModuleStore.list(in: tx).filter(\.enabled).map(\.id) }
        let counts = try await visit.console.dashboards.counts(for: visit)
        let (figures, quarterFigures, countedAt) = (counts.desk, counts.quarter, counts.at)
        let demands = visit.href("demands")

        var open = ConsolePage.Section(w("需求清单（\(ConsoleFormat.time(countedAt)) 统计，每分钟至多一次）", "Demands (counted at \(ConsoleFormat.time(countedAt)), at most once a minute)"))
        open.tiles = [ConsolePage.Tile(label: w("办理中", "open"), value: "\(figures.openDemands)", href: "\(demands)?open=true")]
        open.tiles += DemandState.allCases.filter(\.isOpen).map { state in
            ConsolePage.Tile(label: w.name(state), value: "\(figures.demandsByState[state] ?? 0)", href: "\(demands)?state=\(state.rawValue)")
        }
        open.tiles.append(.init(label: w("已逾期", "overdue"), value: "\(figures.overdue)"))

        var levels = ConsolePage.Section(w("待办层级（吹哨）", "Open demands by the level that must act"))
        levels.tiles = EscalationLevel.allCases.map { level in
            ConsolePage.Tile(label: w.name(level), value: "\(figures.openByLevel[level] ?? 0)", href: "\(demands)?open=true&level=\(level.rawValue)")
        }
        levels.markup = ReportChart.shares(
            title: w("办理中的需求所在层级", "Where open demands are"),
            parts: EscalationLevel.allCases.map { (label: w.name($0), count: figures.openByLevel[$0] ?? 0) })

        var projects = ConsolePage.Section(w("项目清单", "Projects"))
        projects.tiles = ProjectStatus.allCases.map { status in
            ConsolePage.Tile(label: w.name(status), value: "\(figures.projectsByStatus[status] ?? 0)",
                             href: visit.href("projects?status=\(status.rawValue)"))
        }

        let district = quarterFigures.district.demands
        var quarter = ConsolePage.Section(w("本季度 \(quarterFigures.quarter)（按季度汇报的口径）", "This quarter, \(quarterFigures.quarter) (as the quarterly report counts)"))
        quarter.facts = [
            .init(name: w(FigureDefinition.received.chinese, FigureDefinition.received.english), value: "\(district.received)"),
            .init(name: w(FigureDefinition.closureRate.chinese, FigureDefinition.closureRate.english), value: district.closureRate.percent),
            .init(name: w(FigureDefinition.resolutionRate.chinese, FigureDefinition.resolutionRate.english), value: district.resolutionRate.percent),
            .init(name: w(FigureDefinition.satisfactionRate.chinese, FigureDefinition.satisfactionRate.english), value: district.satisfactionRate.percent),
            .init(name: w(FigureDefinition.medianDaysToResolve.chinese, FigureDefinition.medianDaysToResolve.english),
                  value: district.medianDaysToResolve.map { String(format: "%.1f", $0) } ?? "—"),
            .init(name: w(FigureDefinition.openAtEnd.chinese, FigureDefinition.openAtEnd.english), value: "\(district.openAtEnd)"),
        ]
        let communities = quarterFigures.areas.filter { $0.area.level == "community" && $0.demands.received > 0 }
            .sorted { $0.demands.received > $1.demands.received }.prefix(12)
        if !communities.isEmpty {
            quarter.markup = ReportChart.bars(
                title: w("受理与解决最多的社区", "Communities with the most demands received"),
                rows: communities.map { ($0.area.name, $0.demands.received, $0.demands.resolved) })
        }
        quarter.links = [.init(text: w("公示页面", "Public pages"), href: "/public/\(visit.tenant)/")]
        var sections = [open, levels, projects, quarter]
        let pages = ModulePages.links(visit, enabled: Set(modules))
        if !pages.isEmpty {
            var practices = ConsolePage.Section(w("本区县启用的模块", "This district's modules"))
            practices.links = pages
            sections.append(practices)
        }
        return visit.render(ConsolePage(w("首页", "Dashboard"), sections: sections))
    }
}
