import Foundation
public import Registry

extension ResourceStore {
    /// Reads an amount written in a unit of measure, as files and the command line write it:
    /// yuan with at most two decimals (`1234.56`, `¥1,234.56`, stored as fen), whole numbers
    /// for every other unit (`40`, `1,200`).
    ///
    /// ```swift
    /// try ResourceStore.amount("1,500.5", in: .yuan)        // 150050 (fen)
    /// try ResourceStore.amount("40", in: .volunteerHours)   // 40
    /// ```
    ///
    /// - Returns: The stored amount, always > 0.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quantity`).
    public static func amount(_ text: String, in unit: MeasureUnit) throws -> Int64 {
        let amount: Int64?
        if unit == .yuan {
            amount = (try? Money(parsing: text))?.fen
        } else {
            let digits = text.trimmingCharacters(in: .whitespaces).filter { $0 != "," }
            amount = digits.allSatisfy(\.isASCII) ? Int64(digits) : nil
        }
        guard let amount else {
            throw RegistryError(
                .invalidValue, field: "quantity",
                chinese: "数量「\(text)」无法识别：以\(unit.chineseName)计，\(unit == .yuan ? "最多两位小数" : "须为整数")",
                english: "quantity '\(text)' is not readable: in \(unit.englishName) it must be \(unit == .yuan ? "yuan with at most two decimals" : "a whole number")")
        }
        return try Quantity(amount, unit).amount
    }

    /// An amount as files write it: yuan with two decimals (`1234.50`), whole numbers otherwise.
    public static func amountText(_ amount: Int64, in unit: MeasureUnit) -> String {
        guard unit == .yuan else { return String(amount) }
        let sign = amount < 0 ? "-" : "", magnitude = amount.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
