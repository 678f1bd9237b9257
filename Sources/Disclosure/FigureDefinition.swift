/// What one figure of the quarterly report counts, in words: printed as the report's
/// appendix, so that a reader can redo any sum, and the one place a figure's meaning is
/// written down. ``QuarterFigures/read(quarter:breakdowns:places:projects:in:)`` counts exactly this, for every district.
public struct FigureDefinition: Sendable, Hashable, Codable {
    /// A stable id, the JSON and CSV name of the figure.
    public var id: String
    public var chinese: String
    public var english: String
    public var definitionChinese: String
    public var definitionEnglish: String

    /// `受理 received`.
    public var label: String { "\(chinese) \(english)" }
}

extension FigureDefinition {
    private static func figure(_ id: String, _ chinese: String, _ english: String, _ zh: String, _ en: String) -> FigureDefinition {
        FigureDefinition(id: id, chinese: chinese, english: english, definitionChinese: zh, definitionEnglish: en)
    }

    /// The rules every demand figure shares.
    public static let demandRules = figure(
        "demand_rules", "需求口径", "demand rules",
        "季度按本区县时区（默认北京时间）的自然日划分。需求按其提出时间（filed_at）归入季度；按其当前所属组织单元归入街道（镇）和社区（村）。需求在季度末的状态，取季度末之前最后一次状态变更的结果；季度末之后才有首次记录变更的，取该变更之前的状态（季度内提出、季度末之后才录入提交的，算已提交）；草稿未提交即撤回的，从未受理，不计；从未记录变更的（如由文件导入），取其现状态。草稿不计。",
        "Quarters are calendar days in the district's time zone (Beijing time unless it set another). A demand belongs to the quarter in which it was raised (filed_at), and to the street and community of the org unit it is filed under now. Its state at the quarter's end is the result of its last recorded transition before that moment; if its first recorded transition came later, the state that transition left (one raised in time but entered and submitted only after the end counts as submitted); a draft withdrawn before it was ever filed was never received and does not count; if it has none (loaded from a file), its stored state. Drafts never count.")

    public static let received = figure(
        "received", "受理", "received",
        "本季度提出、季度末不是草稿的需求数。", "Demands raised in the quarter that were not drafts at its end.")
    public static let takenUp = figure(
        "taken_up", "列入清单", "taken up",
        "受理的需求中，季度末状态为已列入清单、已匹配、已立项、已解决或已评价的。",
        "Of the demands received, those accepted, matched, in a project, resolved or rated at the quarter's end.")
    public static let rejected = figure(
        "rejected", "驳回", "rejected", "受理的需求中，季度末状态为已驳回的。", "Of the demands received, those rejected at the quarter's end.")
    public static let merged = figure(
        "merged", "合并", "merged", "受理的需求中，季度末已并入另一需求的。", "Of the demands received, those merged into another at the quarter's end.")
    public static let withdrawn = figure(
        "withdrawn", "撤回", "withdrawn", "受理的需求中，季度末已撤回的。", "Of the demands received, those withdrawn at the quarter's end.")
    public static let closed = figure(
        "closed", "办结", "closed",
        "受理的需求中，季度末已离开清单的：已解决、已评价、已驳回、已合并或已撤回。",
        "Of the demands received, those that had left the list at the quarter's end: resolved, rated, rejected, merged or withdrawn.")
    public static let resolved = figure(
        "resolved", "解决", "resolved",
        "受理的需求中，季度末状态为已解决或已评价的（需求确已满足）。驳回、合并、撤回算办结，不算解决。",
        "Of the demands received, those resolved or rated at the quarter's end (the need was met). Rejected, merged and withdrawn demands are closed, not resolved.")
    public static let closureRate = figure(
        "closure_rate", "办结率", "closure rate", "办结 ÷ 受理。", "closed ÷ received.")
    public static let resolutionRate = figure(
        "resolution_rate", "解决率", "resolution rate", "解决 ÷ 受理。", "resolved ÷ received.")
    public static let satisfactionRate = figure(
        "satisfaction_rate", "满意率", "satisfaction rate",
        "受理的需求中，季度末已评价的，评分 4 或 5 分所占比例。", "Of the demands received and rated at the quarter's end, the share rated 4 or 5.")
    public static let medianDaysToResolve = figure(
        "median_days_to_resolve", "解决用时中位数（天）", "median days to resolve",
        "受理并在季度末已解决的需求中，从提出到季度末之前最后一次转为已解决所用天数的中位数；没有记录解决时间的（由文件导入）不计入。",
        "Of the demands received and resolved at the quarter's end, the median number of days from being raised to their last move to resolved before the end; demands with no recorded move (loaded from a file) are left out.")
    public static let settledLevel = figure(
        "settled_level", "办结层级", "where settled",
        "受理并在季度末已解决的需求，按记录的办结层级（网格、社区、街道、区县）计数：小事不出网格，大事不出社区。办结层级在需求转为已解决时由其当时的上报层级记录，不手工填写；未记录的单列。",
        "The demands received and resolved at the quarter's end, by the level where they were settled (grid, community, street, district), as recorded from the demand's escalation level when it was resolved, never typed in; those with none recorded are shown apart.")
    public static let openAtEnd = figure(
        "open_at_end", "季度末在办", "open at the end",
        "季度末之前提出（任一季度）、季度末仍在清单上的需求：已提交、已列入清单、已匹配或已立项。",
        "Demands raised before the quarter's end, in any quarter, still on the list at its end: submitted, accepted, matched or in a project.")
    public static let receivedByChannel = figure(
        "received_by_channel", "受理（按来源渠道）", "received by channel", "受理的需求按来源渠道计数（全区县）。", "The demands received, by intake channel (district only).")
    public static let receivedByCategory = figure(
        "received_by_category", "受理（按类别）", "received by category", "受理的需求按类别计数（全区县）。", "The demands received, by category (district only).")

    public static let resourcesPledged = figure(
        "resources_pledged", "资源认领", "resources pledged",
        "本季度记入资源台账的认领量，按资源种类和计量单位汇总（全区县；元以分记）。", "Quantities pledged in the resource ledger during the quarter, by kind and measure unit (district only; yuan in fen).")
    public static let resourcesDrawn = figure(
        "resources_drawn", "资源使用", "resources drawn",
        "本季度资源台账中项目支取量减去退回量。", "Quantities drawn into projects in the resource ledger during the quarter, less what was returned.")
    public static let fundsDrawn = figure(
        "funds_drawn", "资金到位", "funds drawn",
        "本季度以元计的资源支取到项目的金额减去退回，精确到分。govreg 不记录项目的实际支出，故不报支出数。",
        "Yuan drawn from pledged funds into projects during the quarter, less returns, exact to the fen. govreg does not record what projects spend, so no spending figure is reported.")
    public static let dutyMembers = figure(
        "members_reported", "党员报到", "members reporting for duty",
        "本季度登记到社区报到的党员人数（按人去重，按报到社区归属）；累计为季度末以前登记的人数。",
        "Members who registered for duty with a community during the quarter (each person once, placed by that community); the total counts registrations up to the quarter's end.")
    public static let dutyUnits = figure(
        "units_reported", "单位报到", "units reporting for duty",
        "本季度有党员登记报到的共建单位数。", "Registered units with at least one member registering for duty during the quarter.")

    public static let projectRules = figure(
        "project_rules", "项目口径", "project rules",
        "项目归入其所服务需求所在的街道和社区；服务多个社区的项目在每个社区各计一次，在区县只计一次。",
        "A project belongs to the streets and communities of the demands it serves; a project serving several communities counts once in each, and once for the district.")
    public static let projectsStarted = figure(
        "projects_started", "开工项目", "projects started",
        "首次记录转为实施中的时间在本季度内的项目；没有记录的（由文件导入），以其开工日期计。",
        "Projects whose first recorded move to in progress fell in the quarter; for those with none recorded (loaded from a file), their start day.")
    public static let projectsCompleted = figure(
        "projects_completed", "完工项目", "projects completed", "完工日期在本季度内的项目。", "Projects whose completion day fell in the quarter.")
    public static let projectsChecked = figure(
        "projects_checked", "验收项目", "projects checked", "验收日期在本季度内的项目。", "Projects whose check day fell in the quarter.")
    public static let projectsOverdue = figure(
        "projects_overdue", "季度末逾期项目", "projects overdue at the end",
        "截止日期早于季度最后一天、到季度末仍未完工、未取消，且开工日期（没有的，以登记日期）不晚于季度末的项目；标为完工却无完工日期的，算已完工。", "Projects due before the quarter's last day, not completed by its end, not cancelled, and starting (or, without a start day, entered) by its end; one marked completed without a completion day counts as done.")
    public static let budgetCommitted = figure(
        "budget_committed", "立项预算", "budget committed", "本季度开工项目（口径同开工项目）的预算合计，精确到分。", "The budgets of the projects started in the quarter (as counted for projects started), exact to the fen.")
    public static let projectRatings = figure(
        "project_ratings", "项目评价", "project ratings",
        "本季度完工的项目中，居民已评价的数量、平均分和 4–5 分所占比例。", "Of the projects completed in the quarter, how many residents rated, the mean rating, and the share rated 4 or 5.")
    public static let matchingRuns = figure(
        "matching_runs", "匹配运行", "matching runs",
        "本季度记录的匹配运行数，以及其中本季度被接受的；服务比例为被接受运行所服务的需求 ÷ 其参与匹配的需求；部分满足为其中只满足了一部分的需求，其未满足部分仍在需求清单上。",
        "Matching runs recorded in the quarter, and those accepted in it; the served share is the demands the accepted runs served ÷ the demands they were offered; partly served are those of them the runs served only in part, whose unmet remainder stays on the demand list.")
    public static let moduleSections = figure(
        "module_sections", "模块", "modules",
        "区县启用的每个模块就本季度给出的统计，口径见各模块说明。", "Each enabled module's figures for the quarter, as that module defines them.")
    public static let previousQuarter = figure(
        "previous_quarter", "上季度", "previous quarter",
        "上季度（及近四个季度趋势中的各季度）已封存报告的，取其最新版本的数字；否则按同一口径现算。", "The previous quarter (and each quarter of the four-quarter trend) from the latest version of its closed report, where there is one; otherwise counted now by the same rules.")

    /// Every definition, in the order the appendix prints them.
    public static let all: [FigureDefinition] = [
        demandRules, received, takenUp, rejected, merged, withdrawn, closed, resolved, closureRate, resolutionRate,
        satisfactionRate, medianDaysToResolve, settledLevel, openAtEnd, receivedByChannel, receivedByCategory,
        resourcesPledged, resourcesDrawn, fundsDrawn, dutyMembers, dutyUnits, projectRules, projectsStarted,
        projectsCompleted, projectsChecked, projectsOverdue, budgetCommitted, projectRatings, matchingRuns,
        moduleSections, previousQuarter,
    ]
}
