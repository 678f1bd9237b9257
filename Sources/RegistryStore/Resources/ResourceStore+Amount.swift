import Foundation
public import Registry

extension ResourceStore {
    /// Reads an amount written in a unit of measure: the domain's rule,
    /// ``MeasureUnit/amount(_:)`` (yuan with at most two decimals, stored as fen; whole
    /// numbers for every other unit).
    ///
    /// ```swift
    /// try ResourceStore.amount("1,500.5", in: .yuan)        // 150050 (fen)
    /// try ResourceStore.amount("40", in: .volunteerHours)   // 40
    /// ```
    ///
    /// - Returns: The stored amount, always > 0.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quantity`).
    public static func amount(_ text: String, in unit: MeasureUnit) throws -> Int64 {
        try unit.amount(text)
    }

    /// An amount as files write it: yuan with two decimals (`1234.50`), whole numbers otherwise.
    public static func amountText(_ amount: Int64, in unit: MeasureUnit) -> String {
        guard unit == .yuan else { return String(amount) }
        let sign = amount < 0 ? "-" : "", magnitude = amount.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
