extension FieldProblem {
    /// The rule of a day that must already have been (a demand raised, a project completed or
    /// checked, a report or a milestone): nil when `day` is absent or not after `today`.
    ///
    /// ```swift
    /// FieldProblem.afterToday(filedOn, today: today, field: "filed_on", named: DayName("提出日期", "the day it was raised"))
    /// // 提出日期晚于今天（2024-05-01） the day it was raised is after today (2024-05-01)
    /// ```
    ///
    /// - Parameters:
    ///   - day: The day given, if any.
    ///   - today: The day in the district (China).
    ///   - field: The field's declared name.
    ///   - name: How the message names the day.
    /// - Returns: The problem, or nil.
    public static func afterToday(_ day: CivilDate?, today: CivilDate, field: String, named name: DayName = .day) -> FieldProblem? {
        guard let day, day > today else { return nil }
        return FieldProblem(
            field, value: day.description, chinese: "\(name.chinese)晚于今天（\(today)）",
            english: "\(name.english) is after today (\(today))")
    }

    /// The rule of two days of one record that come in order (due not before raised or
    /// started, a window that ends not before it starts): nil when either is absent or `day`
    /// is not before `earliest`. Equal days are in order.
    ///
    /// ```swift
    /// FieldProblem.before(dueOn, startsOn, field: "due_on", named: DayName("完成时限", "the due date"),
    ///                     earliestNamed: DayName("开始日期", "the start"))
    /// // 完成时限 2024-03-01 早于开始日期 2024-04-01 the due date 2024-03-01 is before the start, 2024-04-01
    /// ```
    ///
    /// - Parameters:
    ///   - day: The later day of the two, if given (the due day, the window's end).
    ///   - earliest: The day it may not come before, if given.
    ///   - field: The declared name of `day`'s field, which the problem names.
    ///   - name: How the message names `day`.
    ///   - earliestName: How the message names `earliest`.
    /// - Returns: The problem, or nil.
    public static func before(
        _ day: CivilDate?, _ earliest: CivilDate?, field: String, named name: DayName, earliestNamed earliestName: DayName
    ) -> FieldProblem? {
        guard let day, let earliest, day < earliest else { return nil }
        return FieldProblem(
            field, value: day.description, chinese: "\(name.chinese) \(day) 早于\(earliestName.chinese) \(earliest)",
            english: "\(name.english) \(day) is before \(earliestName.english), \(earliest)")
    }
}
