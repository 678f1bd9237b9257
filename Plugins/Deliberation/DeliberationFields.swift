public import Registry

/// The deliberation module's fields, each declared once: the API documents and holds them,
/// and the store checks them with the same declaration (``FieldDeclaration``).
public enum DeliberationFields {
    public static let title = FieldDeclaration(
        "title", chinese: "议题", kind: .text(maxLength: 200), requiredIn: .all, summary: "What is to be deliberated")
    public static let kind = FieldDeclaration(
        "kind", chinese: "议题类别", kind: .text(maxLength: 20), requiredIn: .all, summary: "One of the district's kinds of matter (setting matter_kinds)")
    public static let note = FieldDeclaration("note", chinese: "记录", kind: .text(maxLength: 2000), summary: "What the round discussed")
    public static let position = FieldDeclaration(
        "position", chinese: "意见", kind: .text(maxLength: 1000), summary: "The position the role took")
    public static let agreement = FieldDeclaration(
        "agreement", chinese: "协商结果", kind: .text(maxLength: 2000), requiredIn: .all, summary: "What was agreed, or why not (internal)")
    public static let publicText = FieldDeclaration(
        "public_text", chinese: "公示内容", kind: .text(maxLength: 2000), requiredIn: .all,
        summary: "The result as the public reads it: no residents' names")
    public static let attendees = FieldDeclaration(
        "attendees", chinese: "人数", kind: .integer(minimum: 0, maximum: 10_000), summary: "How many of the role came")
    public static let name = FieldDeclaration(
        "names", chinese: "姓名", kind: .text(maxLength: PersonalName.maximumLength), summary: "Who came (personal data: never public)")
}
