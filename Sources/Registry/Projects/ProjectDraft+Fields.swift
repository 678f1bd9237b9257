extension ProjectDraft {
    /// The project list's fields, declared once (see ``FieldDeclaration``), in the order of
    /// the import file's columns (`docs/csv-columns.md`). One name for each field in the API,
    /// the files and the docs; files also take the older column names as aliases
    /// (`responsible_unit_external_id`, `demand_external_ids`).
    public enum Field {
        public static let externalID = FieldDeclaration(
            "external_id", chinese: "项目编号", aliases: ["编号"], kind: .text(maxLength: 100), requiredIn: .file,
            summary: "The district's own id for the project; re-importing a file matches on it. Without one, GR-P and its number")
        public static let title = FieldDeclaration(
            "title", chinese: "项目名称", aliases: ["名称"], kind: .text(maxLength: 200), requiredIn: .all,
            summary: "What is being done, e.g. 幸福路路面修补")
        public static let description = FieldDeclaration(
            "description", chinese: "项目描述", aliases: ["描述"], kind: .text(maxLength: 5000), summary: "The longer description")
        public static let responsibleUnit = FieldDeclaration(
            "responsible_unit", chinese: "责任单位编号", aliases: ["responsible_unit_external_id"], kind: .text(maxLength: 100), requiredIn: .all,
            summary: "The code (external id) of the unit answerable for it")
        public static let demands = FieldDeclaration(
            "demands", chinese: "对应需求编号", aliases: ["demand_external_ids", "需求编号"], kind: .list(.text(maxLength: 100)),
            requiredIn: .all, summary: "The demands it serves, by external id; at least one, accepted or matched")
        public static let allocations = FieldDeclaration(
            "allocations", chinese: "资源分配", kind: .list(.allocation),
            summary: "What it draws from which resources, quantities in each resource's unit; each resource once")
        public static let budget = FieldDeclaration(
            "budget", chinese: "预算", aliases: ["预算金额"], kind: .money, summary: "The planned cost")
        public static let startsOn = FieldDeclaration("starts_on", chinese: "开始日期", kind: .date, summary: "The planned start")
        public static let dueOn = FieldDeclaration(
            "due_on", chinese: "完成时限", aliases: ["截止日期"], kind: .date, summary: "The planned end; not before the start")
        public static let status = FieldDeclaration(
            "status", chinese: "状态", kind: .words(ProjectStatus.allCases.map { .init($0.rawValue, $0.chineseName) }), doors: .file,
            summary: "The status a project recorded elsewhere reached; planned when not given (files also take 计划, 进行中, 已完成)")
        public static let progressPercent = FieldDeclaration(
            "progress_percent", chinese: "进度", kind: .integer(minimum: 0, maximum: 100), doors: .file,
            summary: "How far along, 0–100; never lower than a stored project's")
        public static let isPublic = FieldDeclaration(
            "is_public", chinese: "是否公示", aliases: ["公示"], kind: .boolean, summary: "Whether it is on the disclosed list")
        public static let publishedOn = FieldDeclaration(
            "published_on", chinese: "公示日期", kind: .date, summary: "The day it was (or will be) disclosed")
        public static let rating = FieldDeclaration(
            "rating", chinese: "居民评分", aliases: ["评分"], kind: .integer(minimum: 1, maximum: 5), doors: .file,
            summary: "The residents' score (评单), for a completed or checked project; rates the demands it resolved; never changed once given")
        public static let ratingComment = FieldDeclaration(
            "rating_comment", chinese: "评价意见", aliases: ["评价"], kind: .text(maxLength: Rating.maximumCommentLength), doors: .file,
            summary: "The residents' comment, with its rating")
        public static let completedOn = FieldDeclaration(
            "completed_on", chinese: "完工日期", aliases: ["完成日期"], kind: .date, doors: .file,
            summary: "When it was completed, for a completed or checked project; not after today."
                + " Blank: not known for a new row; for a stored one the stored day, or today when this file completes it")
        public static let checkedOn = FieldDeclaration(
            "checked_on", chinese: "验收日期", kind: .date, doors: .file,
            summary: "When it was checked (验收), for a checked project; not after today nor before the completion"
                + " (as stored, or today when this file completes it)")
        public static let cancelReason = FieldDeclaration(
            "cancel_reason", chinese: "取消原因", kind: .text(maxLength: DemandWorkflow.maximumTextLength), doors: .file,
            summary: "Why it was cancelled, for a cancelled project; cancelling a stored project through a file needs it (and no"
                + " higher progress); never changed once given. To replace a cancelled project, create the new one in a later import")

        /// Every field, in the file's documented column order.
        public static let all = [
            externalID, title, description, responsibleUnit, demands, allocations, budget, startsOn, dueOn, status,
            progressPercent, isPublic, publishedOn, rating, ratingComment, completedOn, checkedOn, cancelReason,
        ]
    }
}
