import APISchema
import Foundation
import HTTPTypes

/// The limits every body field of the API holds to, as a Markdown table for the README: read
/// from the same schemas the OpenAPI document publishes and ``BodyCheck`` enforces, so the
/// three cannot disagree (a test keeps the README's copy current).
enum FieldLimitsTable {
    /// One row per field pointer and limit, naming the routes that take it.
    static func markdown(_ routes: [APIRoute]) -> String {
        var rows: [String: [String]] = [:]
        var order: [String] = []
        for route in routes {
            guard let body = route.body else { continue }
            for (pointer, limit) in limits(body, at: "") {
                let key = "| `\(pointer)` | \(limit) |"
                if rows[key] == nil { order.append(key) }
                let where_ = "\(route.method.rawValue) \(route.path.replacingOccurrences(of: "/v1/tenants/{tenant}/", with: ""))"
                if rows[key]?.contains(where_) != true { rows[key, default: []].append(where_) }
            }
        }
        var out = "| field | what it takes | routes |\n| --- | --- | --- |\n"
        for key in order.sorted() {
            out += key + " " + rows[key]!.joined(separator: ", ") + " |\n"
        }
        return out
    }

    /// Each constrained property of `schema`, by JSON Pointer (`*` for any array element).
    private static func limits(_ schema: Schema, at path: String) -> [(String, String)] {
        switch schema {
        case .object(let properties, let required, _):
            return properties.flatMap { name, property in
                let here = "\(path)/\(name)"
                let mark = required.contains(name) ? " (required)" : ""
                return limits(property, at: here).map { ($0.0, $0.0 == here ? $0.1 + mark : $0.1) }
            }
        case .array(let items, _):
            let element = limits(items, at: "\(path)/*")
            return element.isEmpty ? [(path, "a list")] : element
        case .string(let format, let values, let maxLength, let pattern, _):
            if let values { return [(path, "one of " + values.map { "`\($0)`" }.joined(separator: ", "))] }
            if let pattern { return [(path, "text matching `\(pattern)`" + (maxLength.map { ", at most \($0) characters" } ?? ""))] }
            if let format { return [(path, format == "date" ? "a day, `2024-03-05`" : format)] }
            return [(path, maxLength.map { "text, at most \($0) characters, no NUL" } ?? "text, no NUL")]
        case .integer(let minimum, let maximum, _):
            switch (minimum, maximum) {
            case let (minimum?, maximum?): return [(path, "a whole number \(minimum)–\(maximum)")]
            case let (minimum?, nil): return [(path, "a whole number ≥ \(minimum)")]
            case let (nil, maximum?): return [(path, "a whole number ≤ \(maximum)")]
            case (nil, nil): return [(path, "a whole number")]
            }
        case .boolean:
            return [(path, "true or false")]
        case .reference:
            return []
        }
    }
}
