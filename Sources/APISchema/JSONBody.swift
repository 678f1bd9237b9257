public import Foundation

/// Why a request body was refused before any route saw it.
public enum BodyRefusal: Error, Sendable, Equatable {
    /// No body where one is needed.
    case empty
    /// Not JSON at all.
    case notJSON
    /// JSON, but some values are not what the schema says (every one named).
    case invalid([FieldError])
}

/// The API's reading of a JSON request body, the same for every route: one parse, checked
/// against the route's published schema (``BodyCheck``), then decoded into the route's input.
///
/// It is pure, so the fuzz target (`Fuzz/JSONBody`) runs exactly what the server runs.
public enum JSONBody {
    /// `T` from `body`: a ``BodyRefusal`` for what the schema or the decoder refuses, each
    /// problem at its JSON Pointer; any other error is `T`'s own, passed on.
    public static func decode<T: Decodable>(_ type: T.Type, from body: Data, schema: Schema?) throws -> T {
        guard !body.isEmpty else { throw BodyRefusal.empty }
        let decoder = JSONDecoder()
        decoder.userInfo[BodyCheck.schemaKey] = schema
        do {
            return try decoder.decode(SchemaChecked<T>.self, from: body).value
        } catch let error as DecodingError {
            // Only the parse fails at the root: every field's own error has a path.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty { throw BodyRefusal.notJSON }
            throw BodyRefusal.invalid([fieldError(error)])
        }
    }

    /// The field a decoding error is about, as a JSON Pointer, and what is wrong with it.
    public static func fieldError(_ error: DecodingError) -> FieldError {
        func pointer(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "/\($0)" } ?? pointerStep($0.stringValue) }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .init(field: pointer(context.codingPath), detail: "类型错误 expected \(jsonType(type))")
        case .valueNotFound(_, let context):
            return .init(field: pointer(context.codingPath), detail: "不能为 null must not be null")
        case .keyNotFound(let key, let context):
            return .init(field: pointer(context.codingPath + [key]), detail: "必填 required")
        case .dataCorrupted(let context):
            // A value type's own refusal is bilingual; Foundation's ("Cannot initialize
            // ProblemSource from invalid String value x") names a Swift type: never sent.
            let foundations = context.debugDescription.hasPrefix("Cannot initialize") || context.debugDescription.hasPrefix("The given data")
            return .init(field: pointer(context.codingPath),
                         detail: foundations ? "取值无效 not an accepted value" : context.debugDescription)
        @unknown default:
            return .init(field: "", detail: "取值无效 not an accepted value")
        }
    }

    /// One step of a JSON Pointer (RFC 6901): a key holding `/` or `~` is escaped, so that
    /// the field a problem names is the field sent.
    public static func pointerStep(_ key: String) -> String {
        "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int16.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "another type"
        }
    }
}

/// `T` decoded from a body whose keys were first checked against the route's schema, from
/// the same parse: JSONDecoder hands the one parsed tree to both.
private struct SchemaChecked<T: Decodable>: Decodable {
    let value: T

    init(from decoder: any Decoder) throws {
        guard (try? decoder.container(keyedBy: BodyCheck.Key.self)) != nil else {
            throw BodyRefusal.invalid([FieldError(field: "", detail: "须为 JSON 对象 the body must be a JSON object")])
        }
        if let schema = decoder.userInfo[BodyCheck.schemaKey] as? Schema {
            let problems = try BodyCheck.problems(decoder, against: schema, at: "")
            if !problems.isEmpty { throw BodyRefusal.invalid(problems) }
        }
        value = try T(from: decoder)
    }
}
