import Registry
import Testing

@Suite struct MoneyParsingTests {
    @Test func readsWhatSpreadsheetsWrite() throws {
        let cases: [(String, Int64)] = [
            ("1234.56", 123_456), ("¥1,234.56", 123_456), ("￥1,234.5", 123_450), ("300元", 30_000),
            ("-12.3", -1_230), ("+7", 700), (" 0.05 ", 5), ("1,000,000", 100_000_000),
            ("92233720368547758.07", Int64.max),
        ]
        for (text, fen) in cases {
            #expect(try Money(parsing: text).fen == fen, "\(text)")
        }
    }

    @Test(arguments: ["", "abc", "1.234", "1,5", "12,34.00", ".5", "5.", "1.2.3", "92233720368547758.08", "1e3", "¥", "--1"])
    func refusesTheRestWithoutTrapping(_ text: String) {
        #expect(throws: RegistryError.self) { try Money(parsing: text) }
    }
}
