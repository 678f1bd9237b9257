public import Registry

/// The mediation room's fields, each declared once: the API documents and holds them, and
/// the store checks them with the same declaration (``FieldDeclaration``).
public enum MediationFields {
    public static let title = FieldDeclaration(
        "title", chinese: "纠纷事由", kind: .text(maxLength: 200), requiredIn: .all, summary: "What the dispute is about")
    public static let mediator = FieldDeclaration(
        "mediator", chinese: "调解员", kind: .text(maxLength: 100), requiredIn: .all, summary: "Who mediates")
    public static let note = FieldDeclaration(
        "note", chinese: "记录", kind: .text(maxLength: 2000), requiredIn: .all, summary: "What happened")
}
