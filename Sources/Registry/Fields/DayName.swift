/// How a message names a day of a record, in Chinese and English: `期限` / `the due day`.
public struct DayName: Sendable, Hashable {
    public var chinese: String
    public var english: String

    /// Names a day.
    public init(_ chinese: String, _ english: String) {
        self.chinese = chinese
        self.english = english
    }

    /// A day the message need not name more closely.
    public static let day = DayName("日期", "the day")
}
