import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("HeaderMap")
struct HeaderMapTests {
    static let map = HeaderMap([
        .init("title", aliases: ["需求名称", "名称", "Title"]),
        .init("quantity", aliases: ["数量"]),
        .init("amount", aliases: ["金额", "预算"], required: false),
        .init("dueDate", aliases: ["完成日期", "due date"], required: false),
    ])

    @Test("Chinese and English spellings, any ASCII case, with unit notes and stars", arguments: [
        ("需求名称", "title"), ("名称", "title"), ("TITLE", "title"), (" title ", "title"), ("Title", "title"),
        ("数量（个）", "quantity"), ("数量 (个)", "quantity"), ("\u{3000}数量\u{3000}", "quantity"),
        ("金额（元）", "amount"), ("预算(万元)", "amount"), ("*需求名称", "title"), ("数量*", "quantity"),
        ("Due Date", "dueDate"), ("due date (yyyy-mm-dd)", "dueDate"), ("ｔｉｔｌｅ", "title"),
    ])
    func spelling(header: String, field: String) {
        #expect(Self.map.fieldName(for: header) == field)
    }

    @Test("spellings that match no field", arguments: ["需求", "名称2", "amounts", "(元)", ""])
    func unknownSpelling(header: String) {
        #expect(Self.map.fieldName(for: header) == nil)
    }

    @Test("a header resolves to column indexes")
    func resolve() {
        var issues = IssueList()
        let columns = Self.map.resolve(["数量（个）", "需求名称", "", "金额（元）"], line: 1, issues: &issues)
        #expect(issues.isEmpty)
        #expect(columns.column(for: "title") == 1)
        #expect(columns.column(for: "quantity") == 0)
        #expect(columns.column(for: "amount") == 3)
        #expect(columns.column(for: "dueDate") == nil)
        #expect(columns.ignoredColumns == [2])
    }

    @Test("unknown, duplicate and missing columns are all reported")
    func problems() {
        var issues = IssueList()
        let columns = Self.map.resolve(["名称", "联系人", "需求名称 ", "预算"], line: 2, issues: &issues)
        #expect(columns.column(for: "title") == 0)
        #expect(columns.ignoredColumns == [1, 2])
        #expect(issues.issues == [
            ImportIssue(line: 2, column: "联系人", reason: "不是已知的列 is not a known column; expected 需求名称, 数量, 金额, 完成日期"),
            ImportIssue(line: 2, column: "需求名称 ", reason: "与第 1 列（名称）含义相同，请保留一列 means the same as column 1 (名称): both are 需求名称; keep one"),
            ImportIssue(line: 2, column: "数量", reason: "缺少必需的列 is required but missing"),
        ])
    }

    @Test("a near miss names the column it most likely means", arguments: [
        ("需求明称", "需求名称 (title)"), ("quantty", "数量 (quantity)"), ("完成日其", "完成日期 (dueDate)"), ("Titel", "需求名称 (title)"),
    ])
    func suggestion(header: String, meant: String) {
        var issues = IssueList()
        _ = Self.map.resolve([header, "需求名称", "数量"], line: 1, issues: &issues)
        let reason = issues.issues.first { $0.column == header }?.reason ?? ""
        #expect(reason.contains("did you mean \(meant)?"), "\(reason)")
    }

    @Test("far from every column, no guess", arguments: ["联系人", "附言", "x"])
    func noSuggestion(header: String) {
        var issues = IssueList()
        _ = Self.map.resolve([header, "需求名称", "数量"], line: 1, issues: &issues)
        #expect(issues.issues.first.map { !$0.reason.contains("did you mean") } == true)
    }

    @Test("a sheet's own remarks and running numbers are left out, not refused, and named")
    func remarkColumns() {
        var issues = IssueList()
        let header = ["序号", "需求名称", "数量", "备注", "Remarks"]
        let columns = Self.map.resolve(header, line: 1, issues: &issues)
        #expect(issues.isEmpty)
        #expect(columns.ignoredColumns == [0, 3, 4])
        #expect(Self.map.ignoredNames(header) == ["序号", "备注", "Remarks"])
    }

    @Test("unknown columns can be allowed")
    func allowUnknown() {
        let lenient = HeaderMap([.init("title", aliases: ["名称"])], allowsUnknownColumns: true)
        var issues = IssueList()
        let columns = lenient.resolve(["序号", "名称"], line: 1, issues: &issues)
        #expect(issues.isEmpty)
        #expect(columns.column(for: "title") == 1)
        #expect(columns.ignoredColumns == [0])
    }

    @Test("records are read by field name through the resolved header")
    func recordByField() throws {
        var issues = IssueList()
        let table = CSVReader().read("数量（个）,需求名称\n3,修缮\n", issues: &issues)
        let columns = Self.map.resolve(table, issues: &issues)
        #expect(issues.issues.count == 0)
        let record = try #require(table.records.first)
        #expect(record.field("title", in: columns)?.text == "修缮")
        #expect(try record.field("quantity", in: columns)?.integer() == 3)
        #expect(record.field("amount", in: columns) == nil)
    }
}
