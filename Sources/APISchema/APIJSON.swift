public import Foundation

/// The API's JSON, for the other front ends that print the same records: `govreg … --json`
/// writes what the API answers for the same record, key for key, because both go through
/// this one encoder (property names as snake_case keys by ``SnakeCaseKeys``, ISO 8601 times).
///
/// ```swift
/// let body = try APIJSON.encode(detail)                     // as GET demands/{id} answers
/// let sorted = try APIJSON.encode(detail, sortedKeys: true) // the same, keys in order
/// ```
public enum APIJSON {
    /// `value` as the API answers it: compact, snake_case keys, ISO 8601 times.
    ///
    /// - Parameters:
    ///   - value: The record.
    ///   - sortedKeys: Whether object keys come in order (of their Swift names, which the
    ///     snake_case spelling keeps but for rare neighbours such as `isX`/`is_x`): what a
    ///     person comparing two outputs wants; the API leaves them in declaration order,
    ///     since sorting costs CPU on every object.
    /// - Returns: The UTF-8 JSON text.
    public static func encode(_ value: some Encodable, sortedKeys: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = sortedKeys ? [.withoutEscapingSlashes, .sortedKeys] : [.withoutEscapingSlashes]
        return SnakeCaseKeys.rewrite(try encoder.encode(value))
    }
}
