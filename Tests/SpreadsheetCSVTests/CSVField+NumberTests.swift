import ImportIssues
import SpreadsheetCSV
import Testing

@Suite("CSVField numbers")
struct CSVFieldNumberTests {
    private func field(_ text: String) -> CSVField {
        CSVField(line: 4, column: "金额", text: text)
    }

    @Test("integers", arguments: [
        ("0", 0), ("123", 123), ("-42", -42), ("+7", 7), ("1,234", 1234), ("1,234,567", 1_234_567),
        ("１２３", 123), ("１，２３４", 1234), (" 12 ", 12), ("007", 7), ("999999999999999999", 999_999_999_999_999_999),
    ])
    func integer(text: String, expected: Int) throws {
        #expect(try field(text).integer() == expected)
    }

    @Test("not integers", arguments: [
        ("12.5", "不是整数 is not a whole number"), ("12.0", "不是整数 is not a whole number"), ("abc", "不是整数 is not a whole number"),
        ("1 234", "不是整数 is not a whole number"), ("--1", "不是整数 is not a whole number"),
        ("12,34", "千分位分隔符位置不对 has thousands separators in the wrong places"),
        ("1234,567", "千分位分隔符位置不对 has thousands separators in the wrong places"),
        ("1,2345", "千分位分隔符位置不对 has thousands separators in the wrong places"),
        ("1,234,", "千分位分隔符位置不对 has thousands separators in the wrong places"), ("9999999999999999999", "数值过大 is too large"),
        ("9,223,372,036,854,775,808", "数值过大 is too large"),
        ("1.23E+11", "是科学计数法，可能已丢失数字；请把该列设为文本或数字格式 is in scientific notation, which may have lost digits; format the column as text or a number"),
        ("", "为空 is empty"),
    ])
    func notInteger(text: String, reason: String) {
        #expect(throws: ImportIssue(line: 4, column: "金额", value: text, reason: reason)) { try field(text).integer() }
    }

    @Test("money in fen, exactly", arguments: [
        ("12.5", 1250), ("12.50", 1250), ("12", 1200), ("0.29", 29), ("0.01", 1), ("¥1,234.56", 123_456),
        ("￥1,234.56", 123_456), ("1234.56元", 123_456), ("¥ 12", 1200), ("-3.5", -350), ("-¥3.5", -350),
        ("¥-3.5", -350), ("１２．５", 1250), ("+0.10", 10), ("92233720368547758.07", 9_223_372_036_854_775_807),
    ])
    func fen(text: String, expected: Int) throws {
        #expect(try field(text).fen() == expected)
    }

    @Test("not money", arguments: [
        ("12.345", "小数超过两位（金额以元计，精确到分） has more than 2 decimal places; amounts are in yuan to the fen"),
        ("0.001", "小数超过两位（金额以元计，精确到分） has more than 2 decimal places; amounts are in yuan to the fen"),
        ("12.", "不是以元计的金额 is not an amount in yuan"), (".5", "不是以元计的金额 is not an amount in yuan"),
        ("1,5", "千分位分隔符位置不对 has thousands separators in the wrong places"),
        ("¥", "不是以元计的金额 is not an amount in yuan"), ("12元元", "不是以元计的金额 is not an amount in yuan"), ("¥12元", "不是以元计的金额 is not an amount in yuan"),
        ("12 yuan", "不是以元计的金额 is not an amount in yuan"), ("92233720368547758.08", "数值过大 is too large"),
        ("1.5E+3", "是科学计数法，可能已丢失数字；请把该列设为文本或数字格式 is in scientific notation, which may have lost digits; format the column as text or a number"),
    ])
    func notFen(text: String, reason: String) {
        #expect(throws: ImportIssue(line: 4, column: "金额", value: text, reason: reason)) { try field(text).fen() }
    }
}
