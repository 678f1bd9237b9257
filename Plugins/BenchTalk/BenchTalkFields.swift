public import Registry

/// The bench talk's fields, each declared once: the API documents and holds them, and the
/// store checks them with the same declaration (``FieldDeclaration``).
public enum BenchTalkFields {
    public static let host = FieldDeclaration(
        "host", chinese: "主持人", kind: .text(maxLength: 100), requiredIn: .all, summary: "Who chaired the meeting")
    public static let note = FieldDeclaration("note", chinese: "备注", kind: .text(maxLength: 2000), summary: "A note on the meeting")
    public static let topic = FieldDeclaration(
        "topics", chinese: "议题", kind: .text(maxLength: 200), requiredIn: .all, summary: "A topic residents raised")
    public static let answer = FieldDeclaration(
        "answer", chinese: "答复", kind: .text(maxLength: 2000), requiredIn: .all, summary: "The answer given on the spot")
    public static let referredTo = FieldDeclaration(
        "to", chinese: "上报至", kind: .text(maxLength: 200), requiredIn: .all, summary: "The level or department it goes to")
    public static let attendees = FieldDeclaration(
        "attendees", chinese: "参加人数", kind: .integer(minimum: 0, maximum: 100_000), summary: "How many residents came")
}
