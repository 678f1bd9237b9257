/// A positive amount in a unit of measure: what a demand needs, what a resource offers,
/// what a project draws.
///
/// ```swift
/// let need = try Quantity(40, .volunteerHours)
/// let funds = try Quantity(Money.yuan(5_000))   // 500 000 fen
/// ```
public struct Quantity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in the unit's stored form: fen for yuan, whole units otherwise. Always > 0.
    public let amount: Int64
    /// The unit of measure.
    public let unit: MeasureUnit

    /// Checks and makes a quantity.
    ///
    /// - Parameters:
    ///   - amount: The amount, in fen for ``MeasureUnit/yuan``.
    ///   - unit: The unit of measure.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `quantity`) unless `amount > 0`.
    public init(_ amount: Int64, _ unit: MeasureUnit) throws {
        guard amount > 0 else {
            throw RegistryError.invalid(
                "quantity",
                chinese: "数量须大于 0，收到 \(amount)",
                english: "a quantity must be greater than 0, got \(amount)"
            )
        }
        self.amount = amount
        self.unit = unit
    }

    /// A quantity of money, in yuan (stored as fen).
    ///
    /// - Throws: ``RegistryError`` unless the amount is positive.
    public init(_ money: Money) throws {
        try self.init(money.fen, .yuan)
    }

    /// The amount as money when the unit is yuan, otherwise `nil`.
    public var money: Money? {
        unit == .yuan ? Money(fen: amount) : nil
    }

    private enum CodingKeys: String, CodingKey {
        case amount, unit
    }

    /// Decodes `{"amount": "1500.00", "unit": "yuan"}`: the amount a decimal string in the
    /// unit (``MeasureUnit/decimalText(_:)``), read as files read it, and validated.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let unit = try container.decode(MeasureUnit.self, forKey: .unit)
        guard let text = try? container.decode(String.self, forKey: .amount) else {
            throw DecodingError.dataCorruptedError(
                forKey: .amount, in: container,
                debugDescription: "数量写作计量单位下的十进制字符串，如 \"1500.00\"（元）或 \"40\" the amount is a decimal string in the unit, e.g. \"1500.00\" (yuan) or \"40\"")
        }
        do {
            try self.init(unit.amount(text), unit)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes `{"amount": "1500.00", "unit": "yuan"}` (the amount in the unit, as a string).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unit.decimalText(amount), forKey: .amount)
        try container.encode(unit, forKey: .unit)
    }

    /// The amount in English, e.g. `¥1,500.00` or `12 volunteer hours`.
    public var description: String { unit.englishText(amount) }
}
