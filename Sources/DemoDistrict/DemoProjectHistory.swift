import Foundation

/// The history behind the demo's projects, drawn from when each started and how far it got
/// (no random numbers of its own, so the rest of the demo stays as it was): a milestone for
/// the start and one for the end of the work, and a report a month while it runs.
enum DemoProjectHistory {
    /// One project's course through the demo's year.
    struct Timeline {
        var externalID: String
        /// The day of the year work starts.
        var start: Int
        /// 0 planned, 1 in progress, 2 completed.
        var stage: Int
        /// Its percentage at the end of the demo.
        var percent: Int

        /// The day of the year the work is due (and done, once completed): 90 days on.
        var end: Int { min(365, start + 90) }
    }

    static func milestonesCSV(_ timelines: [Timeline], year: Int) -> Data {
        let rows = timelines.flatMap { project -> [[String]] in
            [
                [project.externalID, "开工", DemoLists.date(year, dayOfYear: project.start),
                 project.stage >= 1 ? DemoLists.date(year, dayOfYear: project.start) : ""],
                [project.externalID, "完工", DemoLists.date(year, dayOfYear: project.end),
                 project.stage == 2 ? DemoLists.date(year, dayOfYear: project.end) : ""],
            ]
        }
        return DemoDistrict.csv(["项目编号", "里程碑名称", "计划日期", "完成日期"], rows)
    }

    /// In progress: half way after a month, the current figure after two. Completed: a third,
    /// two thirds, then done on the day it was completed.
    static func progressCSV(_ timelines: [Timeline], year: Int) -> Data {
        let rows = timelines.flatMap { project -> [[String]] in
            let reports: [(day: Int, percent: Int)]
            switch project.stage {
            case 1: reports = [(project.start + 30, project.percent / 2), (project.start + 60, project.percent)]
            case 2: reports = [(project.start + 30, 35), (project.start + 60, 70), (project.end, 100)]
            default: reports = []
            }
            return reports.map { report in
                [project.externalID, DemoLists.date(year, dayOfYear: report.day), String(report.percent),
                 report.percent == 100 ? "完工，待验收 work done, awaiting the check" : "按计划推进 on schedule"]
            }
        }
        return DemoDistrict.csv(["项目编号", "汇报日期", "进度", "进展情况"], rows)
    }
}
