import Foundation
import Registry
import Testing

@Suite struct MoneyTests {
    @Test func formatsWithSeparatorsAndTwoDecimals() {
        let cases: [(Int64, String)] = [
            (0, "¥0.00"), (5, "¥0.05"), (50, "¥0.50"), (123_456, "¥1,234.56"), (100_000, "¥1,000.00"),
            (99_999, "¥999.99"), (120_000_000, "¥1,200,000.00"), (-1_230, "-¥12.30"),
            (Int64.max, "¥92,233,720,368,547,758.07"), (Int64.min, "-¥92,233,720,368,547,758.08"),
        ]
        for (fen, text) in cases {
            #expect(Money(fen: fen).description == text)
        }
    }

    @Test func arithmeticIsExact() {
        let budget = Money.yuan(1_200_000)
        #expect(budget.fen == 120_000_000)
        #expect(Money(fen: 10) + Money(fen: 20) == Money(fen: 30))  // 0.1 + 0.2 yuan is 0.3 yuan
        #expect(budget - .yuan(200_000) == .yuan(1_000_000))
        #expect(Money(fen: 250) * 4 == .yuan(10))
        #expect([Money(fen: 1), Money(fen: 2)].reduce(.zero, +) == Money(fen: 3))
        #expect(Money(fen: -1) < .zero)
    }

    @Test func codesAsADecimalStringOfYuan() throws {
        #expect(String(decoding: try JSONEncoder().encode(Money(fen: 123_456)), as: UTF8.self) == #""1234.56""#)
        #expect(try JSONDecoder().decode(Money.self, from: Data(#""-0.05""#.utf8)) == Money(fen: -5))
        // A bare number used to be fen: refused, never read as yuan.
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data("123456".utf8)) }
    }
}
