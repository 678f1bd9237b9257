import Foundation
import HTTPTypes

extension APICall {
    /// Decodes the JSON body into `T`, strictly, in one parse.
    ///
    /// While decoding, the body must be a JSON object whose keys are all properties of the
    /// route's schema and which has every required one: an unknown key, and so any attempt to
    /// set `id`, `tenant_id`, `status` or `row_version` where the route does not take it, is
    /// a 422 naming the field. Type errors name the field as a JSON Pointer.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !body.isEmpty else { throw APIProblem.malformed("请求体为空 the request needs a JSON body") }
        let decoder = JSONDecoder()
        decoder.userInfo[BodyKeys.schemaKey] = route.body
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
        _ = try decode(BodyKeys.self)
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
            return .init(field: pointer(context.codingPath), detail: context.debugDescription)
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
        guard (try? decoder.container(keyedBy: BodyKeys.Key.self)) != nil else {
            throw APIProblem.validation(field: "", "须为 JSON 对象 the body must be a JSON object")
        }
        if let schema = decoder.userInfo[BodyKeys.schemaKey] as? Schema {
            let problems = try BodyKeys.problems(decoder, against: schema, at: "")
            if !problems.isEmpty { throw APIProblem.validation(problems) }
        }
        value = try T(from: decoder)
    }
}

/// The keys of a body, checked against an object schema: nothing else is decoded.
struct BodyKeys: Decodable {
    static let schemaKey = CodingUserInfoKey(rawValue: "govreg.bodySchema")!

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {}

    /// Unknown and missing keys of the object `decoder` holds, against an object schema,
    /// nested objects and arrays of objects included, each named by its JSON Pointer. A value
    /// of the wrong type is left for the decoding, which names it.
    static func problems(_ decoder: any Decoder, against schema: Schema, at path: String) throws -> [APIProblem.FieldError] {
        guard case .object(let properties, let required, _) = schema, !properties.isEmpty,
              let object = try? decoder.container(keyedBy: Key.self) else { return [] }
        let known = Dictionary(properties, uniquingKeysWith: { first, _ in first })
        var errors: [APIProblem.FieldError] = []
        for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            let here = "\(path)/\(key.stringValue)"
            guard let field = known[key.stringValue] else {
                errors.append(.init(field: here, detail: "未知或只读字段 unknown or read-only field"))
                continue
            }
            switch field {
            case .object:
                errors += try problems(try object.superDecoder(forKey: key), against: field, at: here)
            case .array(let items, _):
                guard case .object = items, var list = try? object.nestedUnkeyedContainer(forKey: key) else { break }
                while !list.isAtEnd {
                    let index = list.currentIndex
                    errors += try problems(try list.superDecoder(), against: items, at: "\(here)/\(index)")
                }
            default:
                break
            }
        }
        errors += try required.filter { name in
            let key = Key(stringValue: name)
            return try !object.contains(key) || object.decodeNil(forKey: key)
        }.map { .init(field: "\(path)/\($0)", detail: "必填 required") }
        return errors
    }
}
