import Foundation
import HTTPTypes

extension APICall {
    /// Decodes the JSON body into `T`, strictly, in one parse.
    ///
    /// Before `T` is built, the body is checked against the route's schema, the one the
    /// OpenAPI document publishes (``BodyCheck``): every unknown, missing, mistyped, too long,
    /// out-of-range or unlisted value, and any text holding NUL, is a 422 naming the field as
    /// a JSON Pointer, all of them at once. So any attempt to set `id`, `tenant_id`, `status`
    /// or `row_version` where the route does not take it is refused, and what the document
    /// promises is what the API holds to.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !body.isEmpty else { throw APIProblem.malformed("请求体为空 the request needs a JSON body") }
        let decoder = JSONDecoder()
        decoder.userInfo[BodyCheck.schemaKey] = route.body
        do {
            return try decoder.decode(SchemaChecked<T>.self, from: body).value
        } catch let error as DecodingError {
            // Only the parse fails at the root: every field's own error has a path.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw APIProblem.malformed("不是合法的 JSON the body is not valid JSON")
            }
            throw APIProblem.validation([Self.fieldError(error)])
        }
    }

    /// Checks that the body is a JSON object of the route's fields, with the required ones
    /// (for a body decoded elsewhere: a module's).
    func checkBody() throws {
        _ = try decode(BodyCheck.self)
    }

    /// The field a decoding error is about, as a JSON Pointer, and what is wrong with it.
    static func fieldError(_ error: DecodingError) -> APIProblem.FieldError {
        func pointer(_ path: [any CodingKey]) -> String {
            path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .init(field: pointer(context.codingPath), detail: "类型错误 expected \(Self.jsonType(type))")
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
            return .init(field: "", detail: "\(error)")
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int16.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}

/// `T` decoded from a body whose keys were first checked against the route's schema, from
/// the same parse: JSONDecoder hands the one parsed tree to both.
private struct SchemaChecked<T: Decodable>: Decodable {
    let value: T

    init(from decoder: any Decoder) throws {
        guard (try? decoder.container(keyedBy: BodyCheck.Key.self)) != nil else {
            throw APIProblem.validation(field: "", "须为 JSON 对象 the body must be a JSON object")
        }
        if let schema = decoder.userInfo[BodyCheck.schemaKey] as? Schema {
            let problems = try BodyCheck.problems(decoder, against: schema, at: "")
            if !problems.isEmpty { throw APIProblem.validation(problems) }
        }
        value = try T(from: decoder)
    }
}
