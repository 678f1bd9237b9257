extension ResourceDraft {
    /// The resource list's fields, declared once (see ``FieldDeclaration``), in the order of
    /// the import file's columns (`docs/csv-columns.md`). One name for each field in the API,
    /// the files and the docs; files also take the older column names as aliases
    /// (`unit_external_id`).
    public enum Field {
        public static let externalID = FieldDeclaration(
            "external_id", chinese: "资源编号", aliases: ["编号"], kind: .text(maxLength: 100), requiredIn: .file,
            summary: "The district's own id for the resource; re-importing a file matches on it. Without one, GR-R and its number")
        public static let unit = FieldDeclaration(
            "unit", chinese: "单位编号", aliases: ["unit_external_id", "提供单位编号"], kind: .text(maxLength: 100), requiredIn: .all,
            summary: "The code (external id) of the pledging unit")
        public static let title = FieldDeclaration(
            "title", chinese: "资源名称", aliases: ["名称"], kind: .text(maxLength: 200), requiredIn: .all,
            summary: "What is offered, e.g. 法律咨询服务")
        public static let description = FieldDeclaration(
            "description", chinese: "资源描述", aliases: ["描述"], kind: .text(maxLength: 5000), summary: "The longer description")
        public static let category = FieldDeclaration(
            "category", chinese: "类别", aliases: ["资源类别"], kind: .text(maxLength: 100), requiredIn: .all,
            summary: "A category code or the district's Chinese name for it")
        public static let kind = FieldDeclaration(
            "kind", chinese: "资源类型", aliases: ["类型"], kind: .words(ResourceKind.allCases.map { .init($0.rawValue, $0.chineseName) }),
            requiredIn: .all, summary: "Funds, volunteer hours, a venue …")
        public static let capacity = FieldDeclaration(
            "capacity", chinese: "数量", aliases: ["可提供数量", "容量"], kind: .amount, requiredIn: .all,
            summary: "What is pledged, in the measure unit: the first pledge of the ledger; re-imported, a larger figure is pledged on top")
        public static let measureUnit = FieldDeclaration(
            "measure_unit", chinese: "计量单位", aliases: ["单位"], kind: .words(MeasureUnit.allCases.map { .init($0.rawValue, $0.chineseName) }),
            requiredIn: .all, summary: "The capacity's unit; never changes once filed")
        public static let unitCost = FieldDeclaration(
            "unit_cost", chinese: "单价", kind: .money, summary: "Its own cost per unit of measure")
        public static let serviceArea = FieldDeclaration(
            "service_area", chinese: "服务范围", kind: .list(.text(maxLength: OrgUnit.maximumCodeLength)),
            summary: "Org codes it may serve; the communities its unit contracts when none")
        public static let availableFrom = FieldDeclaration(
            "available_from", chinese: "开始日期", aliases: ["可用开始"], kind: .date, summary: "The first day it can be used")
        public static let availableUntil = FieldDeclaration(
            "available_until", chinese: "结束日期", aliases: ["可用截止"], kind: .date,
            summary: "The last day it can be used; not before the first")
        public static let status = FieldDeclaration(
            "status", chinese: "状态", kind: .words(ResourceStatus.allCases.map { .init($0.rawValue, $0.chineseName) }),
            doors: .file, summary: "Offered (已申报) until confirmed, else available; exhausted follows the ledger (the API: `offered`)")
        public static let isPublic = FieldDeclaration(
            "is_public", chinese: "是否公示", aliases: ["公示"], kind: .boolean, summary: "Whether it is on the disclosed list")
        public static let publishedOn = FieldDeclaration(
            "published_on", chinese: "公示日期", kind: .date, summary: "The day it was (or will be) disclosed")

        /// Every field, in the file's documented column order.
        public static let all = [
            externalID, unit, title, description, category, kind, capacity, measureUnit, unitCost, serviceArea,
            availableFrom, availableUntil, status, isPublic, publishedOn,
        ]
    }
}
