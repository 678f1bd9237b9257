/// How urgent a demand is, from 1 (can wait) to 5 (most urgent).
///
/// Higher is more urgent because matching weighs demands by priority: a larger number
/// is a larger weight, with no inversion to remember.
///
/// ```swift
/// let priority = try Priority(4)
/// priority > .normal   // true
/// ```
public struct Priority: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The accepted values.
    public static let range = 1...5

    /// The priority, 1 to 5.
    public let value: Int

    /// Checks and makes a priority.
    ///
    /// - Parameter value: 1 to 5.
    /// - Throws: ``RegistryError`` (`invalidValue`, field `priority`) outside 1…5.
    public init(_ value: Int) throws {
        guard Self.range.contains(value) else {
            throw RegistryError.invalid(
                "priority",
                chinese: "优先级须为 1–5，收到 \(value)",
                english: "priority must be 1–5, got \(value)"
            )
        }
        self.value = value
    }

    private init(checked value: Int) {
        self.value = value
    }

    /// 1: can wait.
    public static let lowest = Priority(checked: 1)
    /// 3: the default for a new demand.
    public static let normal = Priority(checked: 3)
    /// 5: most urgent.
    public static let highest = Priority(checked: 5)

    /// Less urgent first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.value < rhs.value
    }

    /// Decodes and validates a bare number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int.self)
        do {
            try self.init(value)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes a bare number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// The number.
    public var description: String { String(value) }
}
