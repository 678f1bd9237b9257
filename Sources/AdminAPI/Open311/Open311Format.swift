import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The two formats GeoReport v2 answers in, chosen by the path's extension (`services.json`,
/// `requests/12.xml`).
enum Open311Format: String, Sendable, CaseIterable {
    case json, xml

    /// The name and the format of a path segment such as `12.xml`; `nil` for any other extension.
    static func split(_ segment: String) -> (name: String, format: Open311Format)? {
        guard let dot = segment.lastIndex(of: "."), let format = Open311Format(rawValue: String(segment[segment.index(after: dot)...])) else {
            return nil
        }
        return (String(segment[..<dot]), format)
    }

    var contentType: String { self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8" }
}

/// One value of an answer, written the same way in JSON and in XML.
indirect enum Open311Value: Sendable {
    case text(String?)
    case integer(Int64)
    case boolean(Bool)
    /// A record: its fields in the standard's order.
    case record([(String, Open311Value)])
    /// A list, and the XML element each item is wrapped in (`service`, `request`, `value`).
    case list(element: String, [Open311Value])
}

/// An answer: the root element XML wraps it in, and its value.
struct Open311Document: Sendable {
    var root: String
    var value: Open311Value

    func response(_ format: Open311Format, status: HTTPResponse.Status = .ok) -> Response {
        let body: String
        switch format {
        case .json: body = Self.json(value)
        case .xml: body = #"<?xml version="1.0" encoding="utf-8"?>"# + Self.xml(root, value)
        }
        return Response(status: status, headers: [.contentType: format.contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: JSON

    static func json(_ value: Open311Value) -> String {
        switch value {
        case .text(nil): return "null"
        case .text(let text?): return jsonString(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .record(let fields): return "{" + fields.map { jsonString($0.0) + ":" + json($0.1) }.joined(separator: ",") + "}"
        case .list(_, let items): return "[" + items.map(json).joined(separator: ",") + "]"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: XML

    static func xml(_ element: String, _ value: Open311Value) -> String {
        switch value {
        case .text(nil): return "<\(element)/>"
        case .text(let text?): return "<\(element)>\(xmlText(text))</\(element)>"
        case .integer(let number): return "<\(element)>\(number)</\(element)>"
        case .boolean(let flag): return "<\(element)>\(flag)</\(element)>"
        case .record(let fields): return "<\(element)>" + fields.map { xml($0.0, $0.1) }.joined() + "</\(element)>"
        case .list(let item, let items): return "<\(element)>" + items.map { xml(item, $0) }.joined() + "</\(element)>"
        }
    }

    /// Character data: `&`, `<`, `>` and quotes as entities; characters XML 1.0 cannot carry
    /// at all (most control characters, lone surrogates cannot occur in a Swift string) are
    /// dropped rather than written into a document no parser would read.
    static func xmlText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A refusal in the standard's error format: `[{"code":404,"description":"…"}]`, or
/// `<errors><error><code>404</code><description>…</description></error></errors>`.
struct Open311Error: Error, Sendable {
    var status: HTTPResponse.Status
    var description: String
    var headers: HTTPFields = [:]

    func response(_ format: Open311Format) -> Response {
        let document = Open311Document(root: "errors", value: .list(element: "error", [
            .record([("code", .integer(Int64(status.code))), ("description", .text(description))]),
        ]))
        var response = document.response(format, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    static func badRequest(_ description: String) -> Open311Error { Open311Error(status: .badRequest, description: description) }
    static func notFound(_ description: String) -> Open311Error { Open311Error(status: .notFound, description: description) }
    static let badKey = Open311Error(
        status: .forbidden, description: "api_key 无效或已吊销 api_key was not provided, is not valid here, or was revoked")
}
