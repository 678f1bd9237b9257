import Foundation

/// A year of demands and resources, and projects made from them.
struct DemoLists {
    static let demandCount = 1_200
    static let projectCount = 60

    struct DemandRow {
        var externalID: String
        var need: Int
        var grid: String
        var quantity: Int
        var fields: [String]
    }

    struct ResourceRow {
        var externalID: String
        var unit: String
        var need: Int
        var remaining: Int
        var fields: [String]
    }

    var demands: [DemandRow] = []
    var resources: [ResourceRow] = []
    var projects: [[String]] = []
    /// When each project started and how far it got, for its milestones and reports.
    var timelines: [DemoProjectHistory.Timeline] = []

    init(hierarchy: DemoHierarchy, units: DemoUnits, year: Int, random: inout SeededGenerator) {
        let names = Dictionary(hierarchy.nodes.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let urbanGrids = hierarchy.grids.filter { hierarchy.urbanCommunities.contains(hierarchy.communityOfGrid[$0]!) }
        for index in 0..<Self.demandCount {
            let needIndex = Int.random(in: 0..<DemoVocabulary.needs.count, using: &random)
            let need = DemoVocabulary.needs[needIndex]
            let grid = random.chance(0.6) ? random.pick(urbanGrids) : random.pick(hierarchy.grids)
            let quantity = Int.random(in: need.quantity, using: &random)
            let filedDay = Int.random(in: 1...300, using: &random)
            let filed = Self.date(year, dayOfYear: filedDay)
            // Due at least a month after it was raised.
            let due = Self.date(year, dayOfYear: min(365, max(filedDay + 30, Int.random(in: 120...365, using: &random))))
            let state = random.chance(0.05) ? "已提交" : "已列入清单"
            let community = names[hierarchy.communityOfGrid[grid]!]!
            let title = "\(community)\(names[grid]!)：\(random.pick(need.titles))"
            let fields = [
                String(format: "D%05d", index + 1), title, "居民反映：\(title)", need.category, grid,
                random.pick(DemoVocabulary.channels), String(quantity), need.unit, String(Int.random(in: 1...5, using: &random)),
                String(Int.random(in: 1...300, using: &random)), due, state, filed, state == "已列入清单" ? "是" : "否",
            ]
            demands.append(DemandRow(externalID: fields[0], need: needIndex, grid: grid, quantity: quantity, fields: fields))
        }
        // Every third resource serves a whole town (its service area 服务范围), so villages,
        // which no unit contracts, have something to match; the rest serve their unit's
        // contracted communities. Chosen by position, so the seed's stream is unchanged.
        let towns = hierarchy.nodes.filter { $0.parent == nil }.map(\.code)
        for unit in units.units {
            for _ in 0..<Int.random(in: 2...4, using: &random) {
                let needIndex = Int.random(in: 0..<DemoVocabulary.needs.count, using: &random)
                let need = DemoVocabulary.needs[needIndex]
                let capacity = need.quantity.upperBound * Int.random(in: 1...3, using: &random)
                let externalID = String(format: "R%04d", resources.count + 1)
                let fields = [
                    externalID, unit.externalID, "\(unit.name)\(random.pick(need.resourceTitles))", need.category, need.resourceKind,
                    String(capacity), need.unit, Self.date(year, dayOfYear: 1), Self.date(year, dayOfYear: 365), "是",
                    resources.count % 3 == 2 ? towns[resources.count / 3 % towns.count] : "",
                ]
                resources.append(ResourceRow(externalID: externalID, unit: unit.externalID, need: needIndex, remaining: capacity, fields: fields))
            }
        }
        makeProjects(year: year, random: &random)
    }

    /// Projects from accepted urban demands and the resources of their category, never
    /// allocating more than a resource has left.
    private mutating func makeProjects(year: Int, random: inout SeededGenerator) {
        var used = Set<String>()
        var attempts = 0
        while projects.count < Self.projectCount, attempts < 10_000 {
            attempts += 1
            let anchor = random.pick(demands)
            guard anchor.fields[11] == "已列入清单", !used.contains(anchor.externalID) else { continue }
            let served = [anchor] + demands.filter {
                $0.need == anchor.need && $0.grid == anchor.grid && $0.externalID != anchor.externalID
                    && $0.fields[11] == "已列入清单" && !used.contains($0.externalID)
            }.prefix(Int.random(in: 0...2, using: &random))
            let wanted = served.reduce(0) { $0 + $1.quantity }
            guard let resourceIndex = resources.indices.first(where: { resources[$0].need == anchor.need && resources[$0].remaining >= wanted })
            else { continue }
            resources[resourceIndex].remaining -= wanted
            served.forEach { used.insert($0.externalID) }
            let need = DemoVocabulary.needs[anchor.need]
            let stage = projects.count % 3
            let start = Int.random(in: 60...250, using: &random)
            let timeline = DemoProjectHistory.Timeline(
                externalID: String(format: "P%03d", projects.count + 1), start: start, stage: stage,
                percent: [0, Int.random(in: 20...80, using: &random), 100][stage])
            projects.append([
                timeline.externalID, "\(anchor.fields[1].split(separator: "：").last ?? "")项目",
                resources[resourceIndex].unit, served.map(\.externalID).joined(separator: ";"),
                "\(resources[resourceIndex].externalID):\(wanted)", need.unit == "yuan" ? String(wanted) : "",
                Self.date(year, dayOfYear: start), Self.date(year, dayOfYear: timeline.end),
                ["计划", "实施中", "已完成"][stage], String(timeline.percent), "是",
                stage == 2 ? Self.date(year, dayOfYear: timeline.end) : "",
            ])
            timelines.append(timeline)
        }
    }

    var demandsCSV: Data {
        DemoDistrict.csv(
            ["需求编号", "需求名称", "需求描述", "类别", "所在组织编码", "来源渠道", "数量", "计量单位", "优先级", "受益人数", "期限", "状态", "提出日期", "是否公示"],
            demands.map(\.fields))
    }

    var resourcesCSV: Data {
        DemoDistrict.csv(
            ["资源编号", "单位编号", "资源名称", "类别", "资源类型", "数量", "计量单位", "开始日期", "结束日期", "是否公示", "服务范围"],
            resources.map(\.fields))
    }

    var projectsCSV: Data {
        DemoDistrict.csv(
            ["项目编号", "项目名称", "责任单位编号", "对应需求编号", "资源分配", "预算", "开始日期", "完成时限", "状态", "进度", "是否公示", "完工日期"],
            projects)
    }

    static func date(_ year: Int, dayOfYear: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
        let day = calendar.date(byAdding: .day, value: dayOfYear - 1, to: start)!
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
