import APISchema
import Foundation
import Hummingbird
import RegistryStore

extension APICall {
    /// A store's "not found", said for what this request named.
    ///
    /// The stores look records up by key wherever the key came from, and say
    /// ``RegistryStoreError/notFound(kind:key:)``. For the record the path names that is a 404;
    /// for a record the body or the query refers to (the unit of a new resource, the
    /// `?unit=` of a list) the route itself was found, and the answer is a 422 naming the field
    /// that holds the unknown key, as the import names its column. The key a store reports is
    /// the text it was given, so the field is the one holding that text.
    func reference(_ error: RegistryStoreError) -> (any Error)? {
        guard case .notFound(let kind, let key) = error, !key.isEmpty else { return nil }
        if route.pathParameters.contains(where: { name in
            let value = parameter(name)
            return value == key || key.hasPrefix(value + "/") || key == "#\(value)"
        }) {
            return nil
        }
        let detail = "不存在 no such \(kind): \(key)"
        for (name, value) in request.uri.queryParameters where (String(value).removingPercentEncoding ?? String(value)) == key {
            return APIProblem.validation(field: "query:\(name)", detail)
        }
        guard route.bodyKind == .json, let tree = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
              let field = Self.pointer(to: key, in: tree, at: "")
        else { return nil }
        return APIProblem.validation(field: field, detail)
    }

    /// The JSON Pointer of the first value (keys in order) that is `key`, as text or number.
    private static func pointer(to key: String, in value: Any, at path: String) -> String? {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().lazy.compactMap { pointer(to: key, in: object[$0]!, at: path + JSONBody.pointerStep($0)) }.first
        case let list as [Any]:
            return list.indices.lazy.compactMap { pointer(to: key, in: list[$0], at: "\(path)/\($0)") }.first
        case let text as String:
            return text == key || text.trimmingCharacters(in: .whitespacesAndNewlines) == key ? path : nil
        case let number as NSNumber:
            return number.stringValue == key ? path : nil
        default:
            return nil
        }
    }
}
