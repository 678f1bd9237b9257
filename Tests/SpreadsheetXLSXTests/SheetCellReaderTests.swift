@testable import SpreadsheetXLSX
import Testing

@Suite struct SheetCellReaderTests {
    @Test(arguments: [("3", "3"), ("3.0", "3"), ("-0", "0"), ("2.5", "2.5"), ("1E-5", "0.00001"), ("1.5e20", "150000000000000000000"),
                      ("0.30000000000000004", "0.3"), ("1358.0000000000002", "1358"), ("123456789012345678", "123456789012346000"), ("-1.25E-3", "-0.00125"), ("abc", "abc")])
    func shortestDecimal(stored: String, shown: String) {
        #expect(SheetCell.number(stored) == shown)
    }
}
