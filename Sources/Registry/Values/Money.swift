/// An amount of renminbi, held as a whole number of fen (分, 1/100 yuan).
///
/// Never a floating-point number: 0.1 + 0.2 yuan must be exactly 0.3 yuan in a budget.
/// Arithmetic traps on overflow (Swift's default for integers): an amount beyond
/// ±92 233 720 368 547 758.07 yuan is a bug, not a value to wrap around.
///
/// ```swift
/// let budget = Money(fen: 123_456)
/// budget.description                    // "¥1,234.56"
/// (budget + .yuan(100)).description     // "¥1,334.56"
/// ```
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, AdditiveArithmetic {
    /// The amount in fen; negative for a debit or a shortfall.
    public var fen: Int64

    /// Makes an amount from fen.
    ///
    /// - Parameter fen: The amount in fen (100 fen = 1 yuan).
    public init(fen: Int64) {
        self.fen = fen
    }

    /// Makes an amount of whole yuan; traps if `yuan × 100` overflows.
    ///
    /// - Parameter yuan: The amount in yuan.
    /// - Returns: The same amount in fen.
    public static func yuan(_ yuan: Int64) -> Money {
        Money(fen: yuan * 100)
    }

    /// No money.
    public static let zero = Money(fen: 0)

    /// The sum; traps on overflow.
    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(fen: lhs.fen + rhs.fen)
    }

    /// The difference; traps on overflow.
    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(fen: lhs.fen - rhs.fen)
    }

    /// The amount taken `count` times (e.g. a unit price times a number of items); traps on
    /// overflow.
    public static func * (lhs: Money, count: Int64) -> Money {
        Money(fen: lhs.fen * count)
    }

    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.fen < rhs.fen
    }

    /// Decodes a decimal string of yuan (`"1500.00"`, or as files write it: `"¥1,500"`).
    ///
    /// A JSON number is refused rather than guessed at: it used to mean fen, and reading
    /// 150000 as yuan would be a hundredfold error nobody sees.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.jsonForm)
        }
        do { self = try Money(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes a decimal string of yuan, `"1500.00"` (``decimalText``): exact, and yuan.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimalText)
    }

    /// How JSON writes money, for refusals.
    public static let jsonForm = "金额写作元的十进制字符串，如 \"1500.00\" money is a decimal string of yuan, e.g. \"1500.00\""

    /// `1234.56`: yuan with two decimals, no symbol and no separators; `-12.30` below zero.
    public var decimalText: String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// `¥1,234.56`: thousands separated by commas, always two decimals; `-¥12.30` below zero.
    public var description: String {
        // The magnitude as UInt64, so that Int64.min formats instead of trapping on negation.
        let magnitude = fen.magnitude
        let yuan = magnitude / 100
        let cents = magnitude % 100
        var digits = Array(String(yuan))
        var grouped: [Character] = []
        while digits.count > 3 {
            grouped.insert(contentsOf: [","] + digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        grouped.insert(contentsOf: digits, at: 0)
        let sign = fen < 0 ? "-" : ""
        return sign + "¥" + String(grouped) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
