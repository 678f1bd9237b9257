extension DemandDraft {
    /// The demand list's fields, declared once (see ``FieldDeclaration``), in the order of
    /// the import file's columns (`docs/csv-columns.md`).
    public enum Field {
        public static let externalID = FieldDeclaration(
            "external_id", chinese: "需求编号", aliases: ["编号"], kind: .text(maxLength: 100), requiredIn: .file,
            summary: "The district's own id for the demand; re-importing a file matches on it. Without one, GR-D and its number")
        public static let title = FieldDeclaration(
            "title", chinese: "需求名称", aliases: ["名称", "标题"], kind: .text(maxLength: 200), requiredIn: .all,
            summary: "A short title, e.g. 楼道灯不亮")
        public static let description = FieldDeclaration(
            "description", chinese: "需求描述", aliases: ["描述", "详细说明"], kind: .text(maxLength: 5000),
            summary: "The longer description")
        public static let category = FieldDeclaration(
            "category", chinese: "类别", aliases: ["需求类别"], kind: .text(maxLength: 100), requiredIn: .all,
            summary: "A category code or the district's Chinese name for it")
        public static let orgCode = FieldDeclaration(
            "org_code", chinese: "所在组织编码", aliases: ["组织编码", "社区编码"], kind: .text(maxLength: OrgUnit.maximumCodeLength), requiredIn: .all,
            summary: "The code of the org unit (community, grid …) where the need arises")
        public static let sourceChannel = FieldDeclaration(
            "source_channel", chinese: "来源渠道", aliases: ["来源"],
            kind: .words(SourceChannel.known.map { .init($0.rawValue, $0.chineseName) }, open: true),
            summary: "How the need reached the registry; other (其他) when not given, or a module's channel")
        public static let quantity = FieldDeclaration(
            "quantity", chinese: "数量", aliases: ["需求数量"], kind: .quantity, requiredIn: .all,
            summary: "What the need amounts to, in its measure unit (yuan with up to two decimals)")
        public static let measureUnit = FieldDeclaration(
            "measure_unit", chinese: "计量单位", aliases: ["单位"], kind: .words(MeasureUnit.allCases.map { .init($0.rawValue, $0.chineseName) }),
            requiredIn: .file, doors: .file, summary: "The quantity's unit (in the API, quantity.unit)")
        public static let priority = FieldDeclaration(
            "priority", chinese: "优先级", kind: .integer(minimum: 1, maximum: 5), summary: "1 (low) to 5 (urgent); 3 when not given")
        public static let beneficiaries = FieldDeclaration(
            "beneficiaries", chinese: "受益人数", kind: .integer(minimum: 0, maximum: Int64(Int32.max)),
            summary: "How many residents benefit, if estimated")
        public static let dueOn = FieldDeclaration(
            "due_on", chinese: "期限", aliases: ["截止日期", "完成时限"], kind: .date,
            summary: "When it should be met; not before the day it was raised")
        public static let state = FieldDeclaration(
            "state", chinese: "状态", kind: .words(DemandState.allCases.map { .init($0.rawValue, $0.chineseName) }), doors: .file,
            summary: "The state a demand recorded elsewhere reached (not merged or rated); accepted when not given")
        public static let filedOn = FieldDeclaration(
            "filed_on", chinese: "提出日期", aliases: ["登记日期"], kind: .date,
            summary: "When the need was raised, not after today; today when not given")
        public static let isPublic = FieldDeclaration(
            "is_public", chinese: "是否公示", aliases: ["公示"], kind: .boolean, summary: "Whether it is on the disclosed list")
        public static let publishedOn = FieldDeclaration(
            "published_on", chinese: "公示日期", kind: .date, summary: "The day it was (or will be) disclosed")
        public static let escalationLevel = FieldDeclaration(
            "escalation_level", chinese: "层级", aliases: ["处理层级"], kind: .words(EscalationLevel.allCases.map { .init($0.rawValue, $0.chineseName) }),
            doors: .file, summary: "The level a demand recorded elsewhere was handed up to (吹哨); grid when not given")
        public static let settledLevel = FieldDeclaration(
            "settled_level", chinese: "办结层级", kind: .words(EscalationLevel.allCases.map { .init($0.rawValue, $0.chineseName) }), doors: .file,
            summary: "The level a resolved or rated demand was settled at; not above its escalation level")
        public static let reporter = FieldDeclaration(
            "reporter_id", chinese: "提出人", kind: .integer(minimum: 1, maximum: Int64.max), doors: .api,
            summary: "The resident who raised it: a person's id in the district")

        /// Every field, file columns in their documented order first.
        public static let all = [
            externalID, title, description, category, orgCode, sourceChannel, quantity, measureUnit, priority,
            beneficiaries, dueOn, state, filedOn, isPublic, publishedOn, escalationLevel, settledLevel, reporter,
        ]
    }
}
