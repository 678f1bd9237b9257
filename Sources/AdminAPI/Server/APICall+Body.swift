import APISchema
import Foundation

extension APICall {
    /// Decodes the JSON body into `T`, strictly, in one parse (``JSONBody``).
    ///
    /// Before `T` is built, the body is checked against the route's schema, the one the
    /// OpenAPI document publishes (``BodyCheck``): every unknown, missing, mistyped, too long,
    /// out-of-range or unlisted value, and any text holding NUL, is a 422 naming the field as
    /// a JSON Pointer, all of them at once. So any attempt to set `id`, `tenant_id`, `status`
    /// or `row_version` where the route does not take it is refused, and what the document
    /// promises is what the API holds to.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONBody.decode(type, from: body, schema: route.body)
        } catch let refusal as BodyRefusal {
            switch refusal {
            case .empty: throw APIProblem.malformed("请求体为空 the request needs a JSON body")
            case .notJSON: throw APIProblem.malformed("不是合法的 JSON the body is not valid JSON")
            case .invalid(let errors): throw APIProblem.validation(errors)
            }
        }
    }

    /// Checks that the body is a JSON object of the route's fields, with the required ones
    /// (for a body decoded elsewhere: a module's).
    func checkBody() throws {
        _ = try decode(BodyCheck.self)
    }
}
