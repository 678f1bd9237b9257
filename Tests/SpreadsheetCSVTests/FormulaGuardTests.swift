@testable import SpreadsheetCSV
import Testing

/// What the CSV export's formula guard leaves alone: only numbers a spreadsheet reads as
/// numbers, not everything `Double(_:)` parses.
@Suite struct FormulaGuardTests {
    @Test(arguments: ["-3", "+12", "-12.50", "-.5", "+1e5", "-2E-3"])
    func leavesPlainNumbers(_ number: String) {
        #expect(FormulaGuard.defused(number) == number)
    }

    /// `Double("-inf")` is a number to Swift; to a spreadsheet `-inf` is the formula `=-inf`.
    @Test(arguments: ["-inf", "+infinity", "-nan", "+0x1p3", "-1e", "-", "+.", "-1-1", "- 3", "-3 "])
    func guardsWhatOnlyLooksNumeric(_ text: String) {
        #expect(FormulaGuard.defused(text) == "'" + text)
        #expect(FormulaGuard.restored(FormulaGuard.defused(text)) == text)
    }
}
