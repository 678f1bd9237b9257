import Foundation
import HTTPTypes

extension APICall {
    /// Decodes the JSON body into `T`, strictly.
    ///
    /// Before decoding, the body must be a JSON object whose keys are all properties of the
    /// route's schema and which has every required one: an unknown key, and so any attempt to
    /// set `id`, `tenant_id`, `status` or `row_version` where the route does not take it, is
    /// a 422 naming the field. Type errors name the field as a JSON Pointer.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try checkBody()
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let error as DecodingError {
            throw APIProblem.validation([Self.fieldError(error)])
        }
    }

    /// Checks that the body is a JSON object of the route's fields, with the required ones.
    func checkBody() throws {
        guard !body.isEmpty else { throw APIProblem.malformed("请求体为空 the request needs a JSON body") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: body, options: [])
        } catch {
            throw APIProblem.malformed("不是合法的 JSON the body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw APIProblem.validation(field: "", "须为 JSON 对象 the body must be a JSON object")
        }
        try checkFields(fields)
    }

    private func checkFields(_ fields: [String: Any]) throws {
        guard let schema = route.body else { return }
        let errors = Self.problems(fields, against: schema, at: "")
        if !errors.isEmpty { throw APIProblem.validation(errors) }
    }

    /// Unknown and missing fields of `object` against an object schema, nested objects and
    /// arrays of objects included, each named by its JSON Pointer.
    static func problems(_ object: [String: Any], against schema: Schema, at path: String) -> [APIProblem.FieldError] {
        guard case .object(let properties, let required, _) = schema, !properties.isEmpty else { return [] }
        let known = Dictionary(properties, uniquingKeysWith: { first, _ in first })
        var errors: [APIProblem.FieldError] = []
        for key in object.keys.sorted() {
            guard let field = known[key] else {
                errors.append(.init(field: "\(path)/\(key)", detail: "未知或只读字段 unknown or read-only field"))
                continue
            }
            switch (field, object[key]) {
            case (.object, let nested as [String: Any]):
                errors += problems(nested, against: field, at: "\(path)/\(key)")
            case (.array(let items, _), let list as [Any]):
                for (index, element) in list.enumerated() {
                    if let nested = element as? [String: Any] { errors += problems(nested, against: items, at: "\(path)/\(key)/\(index)") }
                }
            default:
                break
            }
        }
        errors += required.filter { object[$0] == nil || object[$0] is NSNull }.map {
            .init(field: "\(path)/\($0)", detail: "必填 required")
        }
        return errors
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
