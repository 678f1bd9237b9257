import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("IssueList")
struct IssueListTests {
    @Test("keeps issues up to the limit and counts the rest")
    func limit() {
        var issues = IssueList(limit: 2)
        #expect(issues.isEmpty)
        for line in 1...5 {
            issues.append(ImportIssue(line: line, reason: "bad"))
        }
        #expect(issues.issues.map(\.line) == [1, 2])
        #expect(issues.totalCount == 5)
        #expect(issues.isFull)
        #expect(issues.report == "line 1: bad\nline 2: bad\n… and 3 more")
    }

    @Test("collect returns the value or records the thrown issue")
    func collect() {
        var issues = IssueList()
        let good = issues.collect(try CSVField(line: 2, column: "n", text: "12").integer())
        let bad = issues.collect(try CSVField(line: 3, column: "n", text: "x").integer())
        #expect(good == 12)
        #expect(bad == nil)
        #expect(issues.issues == [ImportIssue(line: 3, column: "n", value: "x", reason: "不是整数 is not a whole number")])
    }
}
