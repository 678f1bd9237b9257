public import ImportIssues

extension CSVField {
    /// The accepted forms, for messages.
    static let dateForms = "2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日"

    /// Parses the field as a calendar date.
    ///
    /// Accepts `2024-03-05`, `2024/3/5`, `2024.3.5` and `2024年3月5日` (also with `号`):
    /// a four-digit year, then a one- or two-digit month and day, with one kind of separator.
    /// The date must exist: `2024-02-30` is rejected.
    ///
    /// ```swift
    /// try CSVField(line: 2, column: "日期", text: "2024年3月5日").date()   // 2024-03-05
    /// ```
    ///
    /// - Returns: The date.
    /// - Throws: An ``ImportIssue`` if the field is empty, not in one of the forms, or not a
    ///   real date.
    public func date() throws(ImportIssue) -> CalendarDate {
        try parse(Self.parseDate)
    }

    static func parseDate(_ text: ValueText) -> Result<CalendarDate, ValueError> {
        var text = text
        let notADate = ValueError(reason: "不是日期，请写作 \(dateForms) is not a date; write it as \(dateForms)")
        // A date cell exported as a number: days since 1899-12-30.
        if text.scalars.count == 5, text.scalars.allSatisfy({ ValueText.digitValue($0) != nil }) {
            return .failure(ValueError(
                reason: "像是表格的日期序号，请把该列设为日期格式 looks like a spreadsheet date serial number; format the column as a date (\(dateForms))"
            ))
        }
        guard let year = text.digits(maxCount: 5), year.count == 4, let separator = text.next else {
            return .failure(notADate)
        }
        let closing: (month: Unicode.Scalar, day: Unicode.Scalar?)
        switch separator {
        case "-", "/", ".": closing = (separator, nil)
        case "年": closing = ("月", "日")
        default: return .failure(notADate)
        }
        _ = text.skip(separator)
        guard let month = text.digits(maxCount: 3), month.count <= 2, text.skip(closing.month),
              let day = text.digits(maxCount: 3), day.count <= 2
        else { return .failure(notADate) }
        if closing.day != nil, !text.skip("日"), !text.skip("号") {
            return .failure(notADate)
        }
        if !text.isAtEnd {
            let rest = text.scalars[text.index...]
            if rest.first == " ", rest.contains(":") {
                return .failure(ValueError(reason: "含有时刻，只需日期 has a time of day; only a date is expected (\(dateForms))"))
            }
            return .failure(notADate)
        }
        guard let date = CalendarDate(year: year.value, month: month.value, day: day.value) else {
            if year.value == 0 {
                return .failure(ValueError(reason: "日期不存在：没有公元 0 年 is not a real date: there is no year 0"))
            }
            if !(1...12).contains(month.value) {
                return .failure(ValueError(reason: "日期不存在：没有 \(month.value) 月 is not a real date: there is no month \(month.value)"))
            }
            let days = CalendarDate.daysIn(month: month.value, year: year.value)
            return .failure(ValueError(
                reason: "日期不存在：\(year.value) 年 \(month.value) 月只有 \(days) 天 is not a real date: month \(month.value) of \(year.value) has \(days) days"
            ))
        }
        return .success(date)
    }
}
