public import Registry

/// The micro-wish fields, each declared once: the API documents and holds them, and the store
/// checks them with the same declaration (``FieldDeclaration``).
public enum MicroWishFields {
    public static let title = FieldDeclaration(
        "title", chinese: "心愿内容", kind: .text(maxLength: 100), requiredIn: .all, summary: "The wish, e.g. 一个新书包 (no names)")
    public static let details = FieldDeclaration(
        "details", chinese: "心愿说明", kind: .text(maxLength: 500), summary: "More about the wish (no names or phone numbers)")
    public static let category = FieldDeclaration(
        "category", chinese: "心愿类别", kind: .text(maxLength: 20), requiredIn: .all, summary: "One of the district's wish categories")
    public static let estimatedValue = FieldDeclaration(
        "estimated_value", chinese: "估值（元）", kind: .money, summary: "What it would cost, in yuan (\"120.00\"), at most the district's ceiling")
    public static let volunteer = FieldDeclaration(
        "volunteer", chinese: "认领志愿者", kind: .text(maxLength: 50), summary: "The volunteer claiming it, by name (never listed unmasked)")
    public static let holder = FieldDeclaration(
        "holder", chinese: "积分持有人编号", kind: .text(maxLength: 40),
        summary: "The volunteer's points holder code (letters, digits, - and _): earns points when the wish is confirmed")
    public static let unit = FieldDeclaration(
        "unit", chinese: "认领单位编号", kind: .text(maxLength: 40), summary: "The registered unit claiming it, by its external id")
    public static let fulfilmentNote = FieldDeclaration(
        "note", chinese: "实现情况", kind: .text(maxLength: 500), summary: "How it was fulfilled")
    public static let withdrawalReason = FieldDeclaration(
        "reason", chinese: "撤回原因", kind: .text(maxLength: 200), summary: "Why the wish was withdrawn")
}
