/// A category of a district's vocabulary (类别: 道路交通 roads …) as a person adds or renames
/// it: the rules of its code and names, written once; the store adds what only the database
/// knows (a code or a name the district already uses).
///
/// Demands and resources name a category by its code or its Chinese name (the files and the
/// API alike), so the code is fixed once made and both names must be the district's only
/// ones; a rename changes what people read, never a stored record.
///
/// ```swift
/// let draft = try CategoryDraft(code: "night_patrol", chineseName: "夜间巡逻").checked()
/// draft.englishNameOrDefault   // "Night patrol"
/// ```
public struct CategoryDraft: Sendable, Hashable {
    /// The stable code: a lower-case letter, then lower-case letters, digits or `_`, 2 to 40
    /// in all (the database checks the same).
    public var code: String
    public var chineseName: String
    /// The English name; nil: made from the code when adding, left as it is when renaming.
    public var englishName: String?

    /// Makes a draft.
    public init(code: String, chineseName: String, englishName: String? = nil) {
        self.code = code
        self.chineseName = chineseName
        self.englishName = englishName
    }

    /// The fields, declared once (see ``FieldDeclaration``), named as the API's category
    /// list names them.
    public enum Field {
        public static let code = FieldDeclaration(
            "code", chinese: "类别编码", kind: .text(maxLength: 40), requiredIn: .all,
            summary: "The stable code, e.g. night_patrol: a lower-case letter, then lower-case letters, digits or _")
        public static let nameZh = FieldDeclaration(
            "name_zh", chinese: "类别名称", kind: .text(maxLength: 100), requiredIn: .all,
            summary: "The district's Chinese name, e.g. 夜间巡逻; files and commands may name the category by it")
        public static let nameEn = FieldDeclaration(
            "name_en", chinese: "英文名称", kind: .text(maxLength: 100),
            summary: "The English name; made from the code when not given")
        public static let all = [code, nameZh, nameEn]
    }

    /// The draft with its text trimmed, or every problem it has.
    ///
    /// - Parameter isNew: Whether the category is being added, so its code must have the
    ///   code's shape; a rename only names a stored code (an unknown one is the store's to say).
    /// - Throws: ``InvalidFields`` with every problem, in field order.
    public func checked(isNew: Bool = true) throws(InvalidFields) -> CategoryDraft {
        var checks = FieldChecks(door: .all)
        var draft = self
        draft.code = checks.text(Field.code, code) ?? ""
        if isNew, !draft.code.isEmpty, !Self.isCode(draft.code) {
            checks.note(FieldProblem(
                Field.code.name, value: draft.code, chinese: "须以小写字母开头，只含小写字母、数字和 _，共 2–40 个字符",
                english: "must start with a lower-case letter and hold only lower-case letters, digits and _, 2 to 40 in all"))
        }
        draft.chineseName = checks.text(Field.nameZh, chineseName) ?? ""
        draft.englishName = checks.text(Field.nameEn, englishName)
        try checks.finish()
        return draft
    }

    /// The English name, or one made from the code: `night_patrol` → `Night patrol`.
    public var englishNameOrDefault: String {
        if let englishName { return englishName }
        let words = code.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Whether `text` is a category code: `^[a-z][a-z0-9_]{1,39}$`.
    public static func isCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...40).contains(bytes.count), let first = bytes.first, (0x61...0x7A).contains(first) else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") }
    }
}
