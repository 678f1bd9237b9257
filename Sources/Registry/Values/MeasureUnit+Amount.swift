import Foundation

extension MeasureUnit {
    /// Reads an amount written in this unit, as files, the API and the command line write
    /// it: yuan with at most two decimals (`1234.56`, `¥1,234.56`, stored as fen), whole
    /// numbers for every other unit (`40`, `1,200`).
    ///
    /// ```swift
    /// try MeasureUnit.yuan.amount("1,500.5")            // 150050 (fen)
    /// try MeasureUnit.volunteerHours.amount("40")       // 40
    /// ```
    ///
    /// - Returns: The stored amount, always > 0.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quantity`).
    public func amount(_ text: String) throws(RegistryError) -> Int64 {
        let amount = try writtenAmount(text)
        // The positive rule is Quantity's, which throws nothing but a RegistryError.
        do {
            return try Quantity(amount, self).amount
        } catch let error as RegistryError {
            throw error
        } catch {
            preconditionFailure("Quantity refused \(amount) with \(error)")
        }
    }

    /// Reads an amount written in this unit as ``amount(_:)`` does, without its rule that the
    /// amount be positive: for a record whose own check words that rule (a resource's
    /// capacity, as a file's cell is checked).
    ///
    /// - Returns: The stored amount (fen for yuan).
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quantity`) for unreadable text.
    public func writtenAmount(_ text: String) throws(RegistryError) -> Int64 {
        let amount: Int64?
        if self == .yuan {
            amount = (try? Money(parsing: text))?.fen
        } else {
            let digits = text.trimmingCharacters(in: .whitespaces).filter { $0 != "," }
            amount = digits.allSatisfy(\.isASCII) ? Int64(digits) : nil
        }
        guard let amount else {
            throw RegistryError(
                .invalidValue, field: "quantity",
                chinese: "数量「\(text)」无法识别：以\(chineseName)计，\(self == .yuan ? "最多两位小数" : "须为整数")",
                english: "quantity '\(text)' is not readable: in \(englishName) it must be \(self == .yuan ? "yuan with at most two decimals" : "a whole number")")
        }
        return amount
    }
}
