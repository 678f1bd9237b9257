import Foundation
import Registry
import Synchronization

/// Checks a request against the schema the OpenAPI document publishes for it, so that the
/// document and what the API accepts cannot disagree: a limit written in a schema is a limit
/// held, for every route, core or module.
///
/// It reads the body through the same `Decoder` that then builds the route's input (one
/// parse), and reports every problem at once, each at its JSON Pointer. Lengths count Unicode
/// code points, as JSON Schema's `maxLength` does; the domain's own checks (which count
/// characters of the trimmed text) are never looser.
public struct BodyCheck: Decodable {
    public static let schemaKey = CodingUserInfoKey(rawValue: "govreg.bodySchema")!

    public struct Key: CodingKey {
        public var stringValue: String
        public var intValue: Int? { nil }
        public init(stringValue: String) { self.stringValue = stringValue }
        public init?(intValue: Int) { nil }
    }

    /// Decodes nothing: the check alone (``APICall/checkBody()``).
    public init(from decoder: any Decoder) throws {}

    /// Every problem of the value `decoder` holds against `schema`, at `path`.
    public static func problems(_ decoder: any Decoder, against schema: Schema, at path: String) throws -> [FieldError] {
        switch schema {
        case .object(let properties, let required, _):
            return try objectProblems(decoder, properties, required, at: path)
        case .array(let items, _):
            guard var list = try? decoder.unkeyedContainer() else { return [wrongType("an array", at: path)] }
            var errors: [FieldError] = []
            while !list.isAtEnd {
                let index = list.currentIndex
                errors += try problems(try list.superDecoder(), against: items, at: "\(path)/\(index)")
            }
            return errors
        case .string(let format, let values, let maxLength, let pattern, _):
            guard let text = try? decoder.singleValueContainer().decode(String.self) else { return [wrongType("a string", at: path)] }
            return textProblems(text, format: format, values: values, maxLength: maxLength, pattern: pattern, at: path)
        case .integer(let minimum, let maximum, _):
            guard let number = try? decoder.singleValueContainer().decode(Int64.self) else { return [wrongType("an integer", at: path)] }
            return rangeProblems(number, minimum, maximum, at: path)
        case .boolean:
            guard (try? decoder.singleValueContainer().decode(Bool.self)) != nil else { return [wrongType("true or false", at: path)] }
            return []
        case .reference:
            return []
        }
    }

    /// A query parameter's text against its schema (`name` as the problem's field).
    public static func problems(query text: String, against schema: Schema, name: String) -> [FieldError] {
        let field = "query:\(name)"
        switch schema {
        case .string(let format, let values, let maxLength, let pattern, _):
            return textProblems(text, format: format, values: values, maxLength: maxLength, pattern: pattern, at: field)
        case .integer(let minimum, let maximum, _):
            guard let number = Int64(text) else { return [wrongType("an integer", at: field)] }
            return rangeProblems(number, minimum, maximum, at: field)
        case .boolean:
            return text == "true" || text == "false" ? [] : [wrongType("true or false", at: field)]
        default:
            return textProblems(text, format: nil, values: nil, maxLength: nil, pattern: nil, at: field)
        }
    }

    private static func objectProblems(
        _ decoder: any Decoder, _ properties: [(String, Schema)], _ required: [String], at path: String
    ) throws -> [FieldError] {
        guard let object = try? decoder.container(keyedBy: Key.self) else { return [wrongType("an object", at: path)] }
        // An object schema without properties is a free-form object (module settings).
        guard !properties.isEmpty else { return [] }
        let known = Dictionary(properties, uniquingKeysWith: { first, _ in first })
        var errors: [FieldError] = []
        for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            let here = path + JSONBody.pointerStep(key.stringValue)
            guard let field = known[key.stringValue] else {
                errors.append(.init(field: here, detail: "未知或只读字段 unknown or read-only field"))
                continue
            }
            // null is "not given": a required field is named below, an optional one is absent.
            if try object.decodeNil(forKey: key) { continue }
            errors += try problems(try object.superDecoder(forKey: key), against: field, at: here)
        }
        errors += try required.filter { name in
            let key = Key(stringValue: name)
            return try !object.contains(key) || object.decodeNil(forKey: key)
        }.map { .init(field: path + JSONBody.pointerStep($0), detail: "必填 required") }
        return errors
    }

    private static func textProblems(
        _ text: String, format: String?, values: [String]?, maxLength: Int?, pattern: String?, at field: String
    ) -> [FieldError] {
        var problems: [FieldProblem] = []
        // PostgreSQL's text cannot hold NUL: refused here rather than failing in the database.
        if text.unicodeScalars.contains("\0") { problems.append(.containsNUL(field, value: nil)) }
        if let maxLength, text.unicodeScalars.count > maxLength {
            problems.append(.tooLong(field, value: text, count: text.unicodeScalars.count, limit: maxLength))
        }
        if let values, !values.contains(text) { problems.append(.notOneOf(field, value: text, allowed: values)) }
        if format == "date", (try? CivilDate(text)) == nil {
            problems.append(FieldProblem(field, value: text, chinese: "不是日期", english: "is not a day like 2024-03-05"))
        }
        if let pattern, (try? compiled(pattern)?.wholeMatch(in: text)) == nil {
            problems.append(.notShaped(field, value: text, pattern: pattern))
        }
        return problems.map { .init(field: field, detail: $0.reason) }
    }

    /// The schemas' few patterns, each compiled once for the process rather than per request.
    private static let patterns = Mutex<[String: Regex<AnyRegexOutput>]>([:])

    private static func compiled(_ pattern: String) -> Regex<AnyRegexOutput>? {
        patterns.withLock { cache in
            if let regex = cache[pattern] { return regex }
            let regex = try? Regex(pattern)
            cache[pattern] = regex
            return regex
        }
    }

    private static func rangeProblems(_ number: Int64, _ minimum: Int64?, _ maximum: Int64?, at field: String) -> [FieldError] {
        guard (minimum.map { number < $0 } ?? false) || (maximum.map { number > $0 } ?? false) else { return [] }
        return [.init(field: field, detail: FieldProblem.outOfRange(field, value: number, minimum: minimum, maximum: maximum).reason)]
    }

    private static func wrongType(_ expected: String, at field: String) -> FieldError {
        .init(field: field, detail: "类型错误 expected \(expected)")
    }
}
