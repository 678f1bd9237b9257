public import Registry

/// The red property module's fields, each declared once: the API documents and holds them,
/// and the store checks them with the same declaration (``FieldDeclaration``).
public enum RedPropertyFields {
    public static let compoundName = FieldDeclaration(
        "name", chinese: "小区名称", kind: .text(maxLength: 100), requiredIn: .all, summary: "The compound's name")
    public static let personName = FieldDeclaration(
        "person_name", chinese: "姓名", kind: .text(maxLength: 50), requiredIn: .all, summary: "Who serves")
    public static let role = FieldDeclaration(
        "role", chinese: "职务", kind: .text(maxLength: 100), requiredIn: .all, summary: "The post they take")
    public static let title = FieldDeclaration(
        "title", chinese: "问题", kind: .text(maxLength: 200), requiredIn: .all, summary: "The problem, in a line")
    public static let response = FieldDeclaration(
        "response", chinese: "答复", kind: .text(maxLength: 2000), requiredIn: .all, summary: "The company's response")
    public static let fix = FieldDeclaration(
        "fix", chinese: "整改", kind: .text(maxLength: 2000), requiredIn: .all, summary: "What was done")
}
