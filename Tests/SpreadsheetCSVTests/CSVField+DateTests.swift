import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("CSVField dates")
struct CSVFieldDateTests {
    private func date(_ text: String) throws(ImportIssue) -> String {
        try CSVField(line: 9, column: "完成日期", text: text).date().description
    }

    @Test("every accepted form", arguments: [
        "2024-03-05", "2024-3-5", "2024/3/5", "2024/03/05", "2024.3.5", "2024.03.05",
        "2024年3月5日", "2024年03月05日", "2024年3月5号", " 2024-03-05 ", "２０２４－０３－０５", "２０２４年３月５日",
    ])
    func accepted(text: String) throws {
        #expect(try date(text) == "2024-03-05")
    }

    @Test("leap day")
    func leapDay() throws {
        #expect(try date("2024/2/29") == "2024-02-29")
    }

    @Test("not a date", arguments: [
        "2024-03/05", "2024/3", "24/3/5", "3/5/2024", "2024年3月5", "2024年3月", "20240305", "2024-03-05x",
        "2024--3-5", "2024-003-05", "昨天", "2024-03-05 x",
    ])
    func notADate(text: String) {
        #expect(throws: ImportIssue(
            line: 9, column: "完成日期", value: text,
            reason: "不是日期，请写作 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日 is not a date; write it as 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日"
        )) { try date(text) }
    }

    @Test("dates that do not exist say why", arguments: [
        ("2024-02-30", "日期不存在：2024 年 2 月只有 29 天 is not a real date: month 2 of 2024 has 29 days"),
        ("2023/2/29", "日期不存在：2023 年 2 月只有 28 天 is not a real date: month 2 of 2023 has 28 days"),
        ("2024.4.31", "日期不存在：2024 年 4 月只有 30 天 is not a real date: month 4 of 2024 has 30 days"),
        ("2024年13月1日", "日期不存在：没有 13 月 is not a real date: there is no month 13"),
        ("2024-00-10", "日期不存在：没有 0 月 is not a real date: there is no month 0"),
        ("2024-01-00", "日期不存在：2024 年 1 月只有 31 天 is not a real date: month 1 of 2024 has 31 days"),
        ("0000-01-01", "日期不存在：没有公元 0 年 is not a real date: there is no year 0"),
    ])
    func invalidDate(text: String, reason: String) {
        #expect(throws: ImportIssue(line: 9, column: "完成日期", value: text, reason: reason)) { try date(text) }
    }

    @Test("helpful reasons for spreadsheet mistakes")
    func spreadsheetMistakes() {
        let serial = #expect(throws: ImportIssue.self) { try date("45356") }
        #expect(serial?.reason.contains("looks like a spreadsheet date serial number") == true)
        let withTime = #expect(throws: ImportIssue.self) { try date("2024/3/5 0:00") }
        #expect(withTime?.reason.contains("has a time of day") == true)
        #expect(throws: ImportIssue(line: 9, column: "完成日期", value: " ", reason: "为空 is empty")) { try date(" ") }
    }
}
