import Foundation
public import Registry

extension ResourceStore {
    /// An amount as files write it: yuan with two decimals (`1234.50`), whole numbers otherwise.
    public static func amountText(_ amount: Int64, in unit: MeasureUnit) -> String {
        guard unit == .yuan else { return String(amount) }
        let sign = amount < 0 ? "-" : "", magnitude = amount.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
