public import Registry

/// The points module's fields, each declared once: the API documents and holds them, and the
/// store checks them with the same declaration (``FieldDeclaration``).
public enum PointsFields {
    public static let kind = FieldDeclaration(
        "kind", chinese: "积分事项", kind: .text(maxLength: 60), requiredIn: .all,
        summary: "The kind of civic act, lowercase words with underscores (volunteer_hours)")
    public static let kindName = FieldDeclaration(
        "chinese_name", chinese: "事项名称", kind: .text(maxLength: 50), requiredIn: .all, summary: "The act's name, e.g. 志愿服务（小时）")
    public static let pointsPerUnit = FieldDeclaration(
        "points_per_unit", chinese: "每单位积分", kind: .integer(minimum: 1, maximum: 10_000), requiredIn: .all,
        summary: "Points paid per unit of the act")
    public static let capPerPeriod = FieldDeclaration(
        "cap_per_period", chinese: "每期上限", kind: .integer(minimum: 1, maximum: 1_000_000),
        summary: "The most one holder earns for this kind in a period (none: no cap)")
    public static let holder = FieldDeclaration(
        "holder", chinese: "户号", kind: .text(maxLength: 40), requiredIn: .all, summary: "The holder's code (a household number)")
    public static let displayName = FieldDeclaration(
        "display_name", chinese: "户主姓名", kind: .text(maxLength: 50),
        summary: "A name staff know the holder by (personal data: never in reports or public pages)")
    public static let quantity = FieldDeclaration(
        "quantity", chinese: "数量", kind: .integer(minimum: 1, maximum: 100_000), summary: "How much of the act (hours, or 1)")
    public static let occasion = FieldDeclaration(
        "occasion", chinese: "事由编号", kind: .text(maxLength: 200),
        summary: "The act's unique name: the same occasion pays once (default: a new one)")
    public static let points = FieldDeclaration(
        "points", chinese: "积分", kind: .integer(minimum: 1, maximum: 1_000_000), requiredIn: .all, summary: "Points to spend")
    public static let item = FieldDeclaration(
        "item", chinese: "兑换物品", kind: .text(maxLength: 100), requiredIn: .all, summary: "What was taken, e.g. 大米 5kg")
    public static let note = FieldDeclaration("note", chinese: "备注", kind: .text(maxLength: 500), summary: "A note")
}
