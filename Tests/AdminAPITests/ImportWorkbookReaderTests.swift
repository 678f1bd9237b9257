import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// An Excel workbook sent to the import route: read like CSV, its problems named by cell in
/// the problem+json, the sheet chosen by `?sheet=`.
@Suite struct ImportWorkbookReaderTests {
    static func workbook(_ name: String) throws -> Data {
        try Data(contentsOf: URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "SpreadsheetXLSXTests/Fixtures/\(name).xlsx"))
    }

    static func upload(_ client: some TestClientProtocol, _ f: APIFixture, _ query: String, _ data: Data) async throws -> APIReply {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(f.tokens["admin"] ?? "")"
        fields[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return try await client.execute(uri: "/v1/tenants/langao/imports/demands" + query, method: .post, headers: fields, body: ByteBuffer(bytes: data)) {
            APIReply(status: $0.status, headers: $0.headers, text: String(buffer: $0.body))
        }
    }

    @Test func aWorkbookLoadsAndABadCellIsNamed() async throws {
        try await APIFixture.with { f, client in
            let bad = try await Self.upload(client, f, "", Self.workbook("store-demands-bad-libreoffice"))
            #expect(bad.status == .unprocessableContent)
            let errors = try #require(bad.json["errors"] as? [[String: Any]])
            #expect(errors.map { $0["cell"] as? String } == ["需求!C17"])
            #expect(errors.first?["field"] as? String == "line:17/column:类别")

            let unknown = try await Self.upload(client, f, "?sheet=%E9%A1%B9%E7%9B%AE", Self.workbook("store-demands-openpyxl"))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("query:sheet") && unknown.text.contains("需求、说明"))

            let dry = try await Self.upload(client, f, "?dry_run=true&sheet=%E9%9C%80%E6%B1%82", Self.workbook("store-demands-openpyxl"))
            #expect(dry.status == .ok)
            #expect(dry.json["inserted"] as? Int == 15)
        }
    }
}
