/// The wording of the checks every door makes, written once: a draft's checks and the API's
/// check of a body against its published schema say the same words for the same fault.
extension FieldProblem {
    /// A text holding NUL, which PostgreSQL cannot store.
    public static func containsNUL(_ field: String, value: String?) -> FieldProblem {
        FieldProblem(field, value: value, chinese: "含有空字符", english: "contains a NUL character")
    }

    /// A text of `count` characters where at most `limit` are taken.
    public static func tooLong(_ field: String, value: String, count: Int, limit: Int) -> FieldProblem {
        FieldProblem(field, value: shortened(value), chinese: "过长：\(count) 个字符，最多 \(limit) 个",
                     english: "too long: \(count) characters, at most \(limit)")
    }

    /// A number outside its range (either bound may be open).
    public static func outOfRange(_ field: String, value: Int64, minimum: Int64?, maximum: Int64?) -> FieldProblem {
        switch (minimum, maximum) {
        case let (minimum?, maximum?):
            FieldProblem(field, value: String(value), chinese: "须为 \(minimum) 到 \(maximum)", english: "must be \(minimum) to \(maximum)")
        case let (minimum?, nil):
            FieldProblem(field, value: String(value), chinese: "不能小于 \(minimum)", english: "must be at least \(minimum)")
        case let (nil, maximum?):
            FieldProblem(field, value: String(value), chinese: "不能大于 \(maximum)", english: "must be at most \(maximum)")
        case (nil, nil):
            FieldProblem(field, value: String(value), chinese: "超出范围", english: "is out of range")
        }
    }

    /// A value that is not one of a vocabulary's codes.
    public static func notOneOf(_ field: String, value: String, allowed: [String]) -> FieldProblem {
        let list = allowed.joined(separator: ", ")
        return FieldProblem(field, value: shortened(value), chinese: "取值须为 \(list)", english: "must be one of \(list), got \(shortened(value))")
    }

    /// A text not of the shape a field takes (a login, a code).
    public static func notShaped(_ field: String, value: String, pattern: String) -> FieldProblem {
        FieldProblem(field, value: shortened(value), chinese: "格式不符 \(pattern)", english: "must match \(pattern), got \(shortened(value))")
    }

    /// A required value that is missing or blank.
    public static func required(_ field: String) -> FieldProblem {
        FieldProblem(field, value: nil, chinese: "必填，不能为空", english: "is required but empty")
    }

    /// At most 40 characters of a long value, to show it without echoing all of it.
    static func shortened(_ value: String) -> String {
        value.count > 40 ? String(value.prefix(40)) + "…" : value
    }
}
