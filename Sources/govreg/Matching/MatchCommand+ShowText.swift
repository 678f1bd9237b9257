import GovregCommandLine
import Matching
import Registry
import RegistryStore

extension MatchCommand {
    /// `match show` for people: the header, each listed demand with its allocations and
    /// explanation, then the summaries.
    static func printDetail(_ detail: MatchingRunDetail, again: String = "", on terminal: Terminal) {
        printRun(detail.run, again: again, on: terminal)
        terminal.print("")
        terminal.print("已分配的需求 demands served (\(detail.served.count) of \(detail.run.demandsServed)):")
        detail.served.forEach { printDemand($0, on: terminal) }
        if detail.moreServed > 0 { terminal.print("… and \(detail.moreServed) more 另有 \(detail.moreServed) 条 (--limit N)") }
        let unservedTotal = detail.run.demands - detail.run.demandsServed
        if unservedTotal > 0 {
            terminal.print("")
            terminal.print("未分配的需求 demands not served (\(detail.unserved.count) of \(unservedTotal), most urgent first):")
            detail.unserved.forEach { printDemand($0, on: terminal) }
            if detail.moreUnserved > 0 { terminal.print("… and \(detail.moreUnserved) more 另有 \(detail.moreUnserved) 条 (--unserved N)") }
        }
        terminal.print("")
        terminal.print("按社区 by community:")
        terminal.table(
            headers: ["社区 community", "需求 demands", "满足 filled", "部分 partly", "未分配 not served"],
            rows: detail.byCommunity.map { [$0.community, String($0.demands), String($0.filled), String($0.partly), String($0.unserved)] })
        terminal.print("")
        terminal.print("按单位 by unit (most allocations first):")
        terminal.table(
            headers: ["单位 unit", "名称 name", "资源 resources", "分配 allocations", "需求 demands", "分配量 allocated"],
            rows: detail.byUnit.map { unit in
                [unit.unitExternalID ?? "", unit.unitName, String(unit.resources), String(unit.allocations), String(unit.demands),
                 unit.measureUnit.chineseText(unit.allocated)]
            })
        if detail.moreUnits > 0 { terminal.print("… and \(detail.moreUnits) more 另有 \(detail.moreUnits) 个 (--units N)") }
    }

    private static func printDemand(_ line: MatchingDemandLine, on terminal: Terminal) {
        let unit = line.measureUnit
        terminal.print("""
            \(line.externalID ?? "#\(line.demandID)")  \(line.title)  [\(line.category), p\(line.priority)\(line.community.map { ", \($0)" } ?? "")]  \
            served 已分配 \(unit.chineseText(line.served)) / \(unit.chineseText(line.requested))
            """)
        for allocation in line.allocations {
            let terms = allocation.terms.map(\.description).joined(separator: ", ")
            let project = allocation.projectExternalID.map { " → project 项目 \($0)" } ?? ""
            terminal.print("""
                  A\(allocation.number)  \(allocation.resourceExternalID ?? "#\(allocation.resourceID)") \(allocation.resourceTitle) \
                — \(allocation.unitExternalID ?? "") \(allocation.unitName)  ×\(unit.chineseText(allocation.quantity)) \
                at \(allocation.unitCost) (\(terms))\(project)
                """)
        }
        for reason in line.explanation.reasons(quantity: unit.chineseText) { terminal.print("    " + reason) }
    }
}
