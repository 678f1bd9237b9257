public import Registry

/// The work orders' fields, each declared once: the API documents and holds them, and the
/// store checks them with the same declaration (``FieldDeclaration``).
public enum WorkOrderFields {
    public static let title = FieldDeclaration(
        "title", chinese: "点单内容", kind: .text(maxLength: 200), requiredIn: .all, summary: "What the resident asks for, in a line")
    public static let category = FieldDeclaration(
        "category", chinese: "类别", kind: .text(maxLength: 100), requiredIn: .all, summary: "The demand category code (as the demand list uses)")
    public static let servedBy = FieldDeclaration(
        "served_by", chinese: "接单人积分号", kind: .text(maxLength: 50),
        summary: "The points holder's code of whoever serves for the unit (never a name or phone): earns when the resident is satisfied")
    public static let reason = FieldDeclaration(
        "reason", chinese: "理由", kind: .text(maxLength: 500), requiredIn: .all, summary: "Why (a decline, a withdrawal or a delay)")
    public static let result = FieldDeclaration(
        "result", chinese: "办理结果", kind: .text(maxLength: 2000), requiredIn: .all, summary: "What was done")
    public static let score = FieldDeclaration(
        "score", chinese: "评分", kind: .integer(minimum: 1, maximum: 5), requiredIn: .all, summary: "The resident's score, 1 to 5")
    public static let comment = FieldDeclaration(
        "comment", chinese: "评价", kind: .text(maxLength: 2000), summary: "The resident's words on the result")
    public static let matter = FieldDeclaration(
        "matter", chinese: "吹哨事项", kind: .text(maxLength: 500), requiredIn: .all, summary: "The matter the departments are summoned on")
    public static let report = FieldDeclaration(
        "report", chinese: "报到情况", kind: .text(maxLength: 2000), requiredIn: .all, summary: "What the department reports")
}
