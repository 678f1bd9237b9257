import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("CSVField")
struct CSVFieldTests {
    @Test("blank fields")
    func blank() {
        #expect(CSVField(line: 1, column: "c", text: " \u{3000}\t").isBlank)
        #expect(CSVField(line: 1, column: "c", text: "").nonBlank == nil)
        #expect(CSVField(line: 1, column: "c", text: " x ").nonBlank?.trimmedText == "x")
    }

    @Test("required text")
    func requiredText() throws {
        #expect(try CSVField(line: 5, column: "名称", text: " 修缮 ").requiredText() == "修缮")
        #expect(throws: ImportIssue(line: 5, column: "名称", value: "  ", reason: "必填，不能为空 is required but empty")) {
            try CSVField(line: 5, column: "名称", text: "  ").requiredText()
        }
    }

    @Test("an optional value: blank is nil, anything else must parse")
    func optionalValue() throws {
        #expect(try CSVField(line: 1, column: "d", text: "").nonBlank?.date() == nil)
        let date = try CSVField(line: 1, column: "d", text: "2024/1/2").nonBlank?.date()
        #expect(date == CalendarDate(year: 2024, month: 1, day: 2))
    }

    @Test("custom issues carry the field's context")
    func customIssue() {
        let issue = CSVField(line: 8, column: "数量", text: "-1").issue("must be positive")
        #expect(issue.description == #"line 8, column 数量 ("-1"): must be positive"#)
    }
}
