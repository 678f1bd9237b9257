public import ImportIssues

extension CSVField {
    /// Parses the field as a whole number.
    ///
    /// Accepts an optional sign, thousands separators in the right places (`1,234,567`) and
    /// full-width digits (`１２３`).
    ///
    /// ```swift
    /// try CSVField(line: 2, column: "人数", text: "1,234").integer()   // 1234
    /// ```
    ///
    /// - Returns: The number.
    /// - Throws: An ``ImportIssue`` if the field is empty, has a fraction, is in scientific
    ///   notation, or does not fit in `Int`.
    public func integer() throws(ImportIssue) -> Int {
        try parse { text in
            var text = text
            let isNegative = Self.parseSign(&text)
            return Self.parseUnsignedDecimal(&text, kind: "a whole number", chinese: "不是整数").flatMap { number in
                guard text.isAtEnd else { return .failure(ValueError(reason: "不是整数 is not a whole number")) }
                guard number.fraction.isEmpty else { return .failure(ValueError(reason: "不是整数 is not a whole number")) }
                return .success(isNegative ? -number.integer : number.integer)
            }
        }
    }

    /// Parses the field as an amount of money in yuan and returns it in fen (1/100 yuan).
    ///
    /// Accepts an optional sign, a leading `¥`/`￥` or a trailing `元`, thousands separators,
    /// and up to two decimal places. The decimal text is converted exactly, never through
    /// `Double`, so `0.29` is 29 fen and not 28.
    ///
    /// ```swift
    /// try CSVField(line: 2, column: "金额（元）", text: "¥1,234.56").fen()   // 123456
    /// try CSVField(line: 2, column: "金额（元）", text: "12.5").fen()        // 1250
    /// ```
    ///
    /// - Returns: The amount in fen.
    /// - Throws: An ``ImportIssue`` if the field is empty, has more than two decimal places,
    ///   is not a number, or does not fit in `Int`.
    public func fen() throws(ImportIssue) -> Int {
        try parse { text in
            var text = text
            // The sign may come before or after the currency sign: -¥5 and ¥-5.
            var isNegative = Self.parseSign(&text)
            let hasCurrencySign = text.skip("¥")
            text.skipSpaces()
            if hasCurrencySign, text.next == "-" || text.next == "+" {
                isNegative = Self.parseSign(&text) != isNegative
            }
            return Self.parseUnsignedDecimal(&text, kind: "an amount in yuan", chinese: "不是以元计的金额").flatMap { number in
                text.skipSpaces()
                if !hasCurrencySign { _ = text.skip("元") }
                guard text.isAtEnd else { return .failure(ValueError(reason: "不是以元计的金额 is not an amount in yuan")) }
                guard number.fraction.count <= 2 else {
                    return .failure(ValueError(
                        reason: "小数超过两位（金额以元计，精确到分） has more than 2 decimal places; amounts are in yuan to the fen"
                    ))
                }
                let cents = (number.fraction + [0, 0]).prefix(2).reduce(0) { $0 * 10 + $1 }
                let (scaled, overflow) = number.integer.multipliedReportingOverflow(by: 100)
                let (fen, overflow2) = scaled.addingReportingOverflow(cents)
                guard !overflow, !overflow2 else { return .failure(ValueError(reason: "数值过大 is too large")) }
                return .success(isNegative ? -fen : fen)
            }
        }
    }

    /// A number as written: its integer part and its fraction's digits.
    struct DecimalParts {
        var integer: Int
        var fraction: [Int]
    }

    /// Consumes a leading `-` or `+`.
    ///
    /// - Returns: Whether it was `-`.
    static func parseSign(_ text: inout ValueText) -> Bool {
        if text.skip("-") { return true }
        _ = text.skip("+")
        return false
    }

    /// Consumes `digits[,ddd]*[.digits]`, exactly: no floating point is involved.
    ///
    /// - Parameters:
    ///   - text: The normalised text, at the first digit.
    ///   - kind: What was expected, for messages ("a whole number").
    ///   - chinese: The message in Chinese ("不是整数").
    static func parseUnsignedDecimal(_ text: inout ValueText, kind: String, chinese: String) -> Result<DecimalParts, ValueError> {
        if text.isScientificNotation {
            return .failure(ValueError(
                reason: "是科学计数法，可能已丢失数字；请把该列设为文本或数字格式 is in scientific notation, which may have lost digits; format the column as text or a number"
            ))
        }
        let tooLarge = ValueError(reason: "数值过大 is too large")
        // 18 digits always fit in Int; a 19th is rejected rather than risk an overflow.
        guard let first = text.digits(maxCount: 18) else { return .failure(ValueError(reason: "\(chinese) is not \(kind)")) }
        if let next = text.next, ValueText.digitValue(next) != nil { return .failure(tooLarge) }
        var integer = first.value
        while text.skip(",") {
            // Thousands separators must be where they are in 1,234,567; anything else
            // (1,5 or 12,34) may be a decimal comma and must not be read as thousands.
            guard first.count <= 3, let group = text.digits(maxCount: 4), group.count == 3 else {
                return .failure(ValueError(reason: "千分位分隔符位置不对 has thousands separators in the wrong places"))
            }
            let (shifted, overflow) = integer.multipliedReportingOverflow(by: 1000)
            let (sum, overflow2) = shifted.addingReportingOverflow(group.value)
            guard !overflow, !overflow2 else { return .failure(tooLarge) }
            integer = sum
        }
        var fraction: [Int] = []
        if text.skip(".") {
            while let scalar = text.next, let digit = ValueText.digitValue(scalar) {
                fraction.append(digit)
                _ = text.skip(scalar)
            }
            guard !fraction.isEmpty else { return .failure(ValueError(reason: "\(chinese) is not \(kind)")) }
        }
        return .success(DecimalParts(integer: integer, fraction: fraction))
    }
}
