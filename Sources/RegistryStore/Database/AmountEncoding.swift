import Registry

extension KeyedEncodingContainer {
    /// An amount in `unit` as JSON carries it: a decimal string in the unit itself
    /// (``MeasureUnit/decimalText(_:)``: `"1500.00"` yuan, `"40"` hours), never fen. The records
    /// that hold stored amounts beside their unit encode them through this.
    mutating func encode(_ amount: Int64, in unit: MeasureUnit, forKey key: Key) throws {
        try encode(unit.decimalText(amount), forKey: key)
    }
}
