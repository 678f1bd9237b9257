import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("ImportIssue")
struct ImportIssueTests {
    @Test("description names line, column and value")
    func fullDescription() {
        let issue = ImportIssue(line: 17, column: "需求名称", value: "abc", reason: "is too long")
        #expect(issue.description == #"line 17, column 需求名称 ("abc"): is too long"#)
    }

    @Test("description without column or value")
    func shortDescription() {
        #expect(ImportIssue(line: 3, reason: "has 2 fields").description == "line 3: has 2 fields")
        let withColumn = ImportIssue(line: 3, column: "金额", reason: "is required")
        #expect(withColumn.description == "line 3, column 金额: is required")
    }

    @Test("long values are cut and line breaks shown as \\n")
    func abbreviatedValue() {
        let issue = ImportIssue(line: 1, column: "备注", value: "a\nb" + String(repeating: "长", count: 60), reason: "x")
        let shown = "a\\nb" + String(repeating: "长", count: 37) + "…"
        #expect(issue.description == "line 1, column 备注 (\"\(shown)\"): x")
    }
}
