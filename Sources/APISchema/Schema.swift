import Foundation

/// A JSON Schema fragment, enough to describe govreg's bodies and parameters in the OpenAPI
/// document. Request bodies are also checked against their schema's property names, so the
/// document and what a route accepts cannot drift apart.
public indirect enum Schema: Sendable {
    /// Text; `pattern` (ECMA and Swift regex alike) is held by ``BodyCheck`` as well as
    /// published.
    case string(format: String? = nil, values: [String]? = nil, maxLength: Int? = nil, pattern: String? = nil, description: String? = nil)
    case integer(minimum: Int64? = nil, maximum: Int64? = nil, description: String? = nil)
    case boolean(description: String? = nil)
    case array(Schema, description: String? = nil)
    /// Properties in order, and which are required.
    case object([(String, Schema)], required: [String] = [], description: String? = nil)
    /// A named schema under `components/schemas`.
    case reference(String)

    /// The property names an object accepts (empty for other kinds).
    public var propertyNames: Set<String> {
        if case .object(let properties, _, _) = self { Set(properties.map(\.0)) } else { [] }
    }

    public var required: [String] {
        if case .object(_, let required, _) = self { required } else { [] }
    }

    /// The schema as JSON, for a request body: objects take no other properties.
    public var json: [String: Any] { rendered(strict: true) }

    /// The schema as JSON, for an answer: a coarse description, so objects may hold more
    /// properties than it names and any property may be null.
    public var responseJSON: [String: Any] { rendered(strict: false) }

    /// Free text a request must give: something besides white space, and no NUL.
    public static let nonBlankText = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"
    /// Free text: anything but NUL, which PostgreSQL cannot store.
    public static let anyText = "^[^\\u0000]*$"

    private func rendered(strict: Bool, required: Bool = false, inObject: Bool = false) -> [String: Any] {
        // An answer's field may be null; so may a request's optional field (null is "not
        // given"), but not a required one, nor an array's element.
        func typed(_ type: String) -> Any { strict && (required || !inObject) ? type : [type, "null"] }
        switch self {
        case .string(let format, let values, let maxLength, let pattern, let description):
            var out: [String: Any] = ["type": typed("string")]
            out["format"] = format
            if strict, let values {
                let nullable = !(required || !inObject)
                out["enum"] = nullable ? values.map { $0 as Any } + [NSNull()] : values
            }
            out["maxLength"] = maxLength
            // Said here so that a client (or a fuzzer) knows it before the 422: "format" alone
            // is advice in JSON Schema, and an empty text passes it.
            if strict, format == "date" { out["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }
            if strict, values == nil, format == nil {
                out["pattern"] = pattern ?? (required ? Self.nonBlankText : Self.anyText)
                if required, pattern == nil { out["minLength"] = 1 }
            }
            out["description"] = description
            return out
        case .integer(let minimum, let maximum, let description):
            var out: [String: Any] = ["type": typed("integer"), "format": "int64"]
            out["minimum"] = minimum
            out["maximum"] = maximum
            out["description"] = description
            return out
        case .boolean(let description):
            var out: [String: Any] = ["type": typed("boolean")]
            out["description"] = description
            return out
        case .array(let items, let description):
            var out: [String: Any] = ["type": typed("array"), "items": items.rendered(strict: strict)]
            out["description"] = description
            return out
        case .object(let properties, let required, let description):
            var out: [String: Any] = [
                "type": typed("object"),
                "properties": Dictionary(uniqueKeysWithValues: properties.map {
                    ($0.0, $0.1.rendered(strict: strict, required: required.contains($0.0), inObject: true))
                }),
            ]
            // An object of no declared properties is free-form (a module's settings in general).
            if strict, !properties.isEmpty {
                out["additionalProperties"] = false
                if !required.isEmpty { out["required"] = required }
            }
            out["description"] = description
            return out
        case .reference(let name):
            return ["$ref": "#/components/schemas/\(name)"]
        }
    }
}
