public import Registry

/// The proxy service's free-text fields, each declared once: the API documents and holds
/// them, and the store checks them with the same declaration (``FieldDeclaration``).
public enum ProxyServiceFields {
    public static let agent = FieldDeclaration(
        "agent", chinese: "代办员", kind: .text(maxLength: 100), requiredIn: .all, summary: "The agent (代办员): an account login or a name")
    public static let reason = FieldDeclaration(
        "reason", chinese: "不予办理理由", kind: .text(maxLength: 500), requiredIn: .all, summary: "Why the department refused it")
    public static let note = FieldDeclaration("note", chinese: "备注", kind: .text(maxLength: 500), summary: "A note on the request")
    public static let document = FieldDeclaration(
        "documents", chinese: "材料", kind: .text(maxLength: 100), requiredIn: .all, summary: "A document of the item's checklist, by name")
}
