extension Money {
    /// Reads an amount of yuan as a spreadsheet or a form writes it, exactly (no `Double`).
    ///
    /// Accepts an optional sign, an optional `¥` or `￥`, digits with optional thousands
    /// commas, at most two decimals, and an optional trailing `元`: `1234.56`, `¥1,234.5`,
    /// `-12`, `300元`.
    ///
    /// ```swift
    /// try Money(parsing: "¥1,234.56").fen   // 123456
    /// ```
    ///
    /// - Parameter text: The amount in yuan.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `amount`) for anything else,
    ///   including amounts too large to hold: input must never trap.
    public init(parsing text: String) throws {
        let invalid = RegistryError.invalid(
            "amount",
            chinese: "金额「\(text)」无法识别，应写作 1234.56 或 ¥1,234.56",
            english: "amount '\(text)' is not readable; write it like 1234.56 or ¥1,234.56"
        )
        var rest = Substring(text.trimmingWhitespace())
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest.first == "¥" || rest.first == "￥" { rest = rest.dropFirst() }
        if rest.last == "元" { rest = rest.dropLast() }
        let pieces = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count) else { throw invalid }
        let whole = pieces[0].filter { $0 != "," }
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        guard whole.isASCIIDigits, fraction.isEmpty || fraction.isASCIIDigits, fraction.count <= 2,
            pieces.count == 1 || !fraction.isEmpty,
            Self.hasWellPlacedCommas(pieces[0])
        else { throw invalid }
        guard let yuan = Int64(whole) else { throw invalid }
        let cents = Int64(fraction.isEmpty ? "0" : fraction + (fraction.count == 1 ? "0" : "")) ?? 0
        let (scaled, overflowA) = yuan.multipliedReportingOverflow(by: 100)
        let (total, overflowB) = scaled.addingReportingOverflow(cents)
        guard !overflowA, !overflowB else { throw invalid }
        self.init(fen: negative ? -total : total)
    }

    /// Commas, if any, must separate groups of three digits (`1,234,567`), so that a
    /// European-style `1,5` is refused rather than read as 15.
    private static func hasWellPlacedCommas(_ whole: Substring) -> Bool {
        guard whole.contains(",") else { return true }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
