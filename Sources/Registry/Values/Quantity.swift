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

    /// Decodes `{"amount": …, "unit": …}` and validates the amount.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(Int64.self, forKey: .amount)
        let unit = try container.decode(MeasureUnit.self, forKey: .unit)
        do {
            try self.init(amount, unit)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes `{"amount": …, "unit": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amount, forKey: .amount)
        try container.encode(unit, forKey: .unit)
    }

    /// The amount in English, e.g. `¥1,500.00` or `12 volunteer hours`.
    public var description: String { unit.englishText(amount) }
}
