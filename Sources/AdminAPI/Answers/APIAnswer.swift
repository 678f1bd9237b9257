import APISchema
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RegistryStore

/// A handler's answer before it becomes a `Response`: what an idempotent write stores and
/// gives again on a retry.
struct APIAnswer: Sendable {
    var status: HTTPResponse.Status
    var headers: [String: String]
    var body: Data

    /// Every JSON answer: snake_case keys (``SnakeCaseKeys``), ISO 8601 times, keys not
    /// sorted (sorting cost CPU on every object; clients do not depend on key order). The
    /// command line's `--json` writes through the same ``APIJSON``.
    static func encode(_ value: some Encodable) throws -> Data {
        try APIJSON.encode(value)
    }

    /// `value` as JSON, with an `ETag` of `version` when given.
    static func json<T: Encodable>(
        _ value: T, status: HTTPResponse.Status = .ok, version: Int? = nil, location: String? = nil
    ) throws -> APIAnswer {
        var headers: [String: String] = [:]
        if let version { headers["ETag"] = "\"\(version)\"" }
        if let location { headers["Location"] = location }
        return APIAnswer(status: status, headers: headers, body: try encode(value))
    }

    /// The HTTP response.
    var response: Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    var stored: IdempotencyKeys.StoredAnswer {
        .init(status: Int(status.code), headers: headers, body: body)
    }

    init(status: HTTPResponse.Status, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    init(_ stored: IdempotencyKeys.StoredAnswer) {
        self.init(status: .init(code: stored.status), headers: stored.headers.merging(["Idempotent-Replayed": "true"]) { $1 }, body: stored.body)
    }
}
