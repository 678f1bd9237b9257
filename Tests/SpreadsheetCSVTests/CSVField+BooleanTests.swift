import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("CSVField booleans")
struct CSVFieldBooleanTests {
    @Test("yes", arguments: ["是", "yes", "YES", "Yes", "y", "Y", "true", "TRUE", "1", " 是 ", "ｙｅｓ"])
    func yes(text: String) throws {
        #expect(try CSVField(line: 2, column: "公开", text: text).boolean() == true)
    }

    @Test("no", arguments: ["否", "no", "NO", "n", "N", "false", "False", "0", "０"])
    func no(text: String) throws {
        #expect(try CSVField(line: 2, column: "公开", text: text).boolean() == false)
    }

    @Test("neither", arguments: ["是的", "2", "ok", "t", "对", "yes no"])
    func neither(text: String) {
        #expect(throws: ImportIssue(line: 2, column: "公开", value: text, reason: "is not yes or no; write 是 or 否")) {
            try CSVField(line: 2, column: "公开", text: text).boolean()
        }
    }
}
