import Crypto
import Foundation
import MultipartKit
import NIOCore

/// A file sent with a form (`<input type=file>`).
struct UploadedFile: Sendable {
    var fileName: String?
    var data: Data
}

/// A `multipart/form-data` body read by MultipartKit: its text fields and its files.
enum MultipartForm {
    /// The largest upload the console reads: a district's whole list is a few megabytes.
    static let limit = 32 * 1024 * 1024

    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// The fields (as form values) and the files of `body`.
    static func read(_ body: ByteBuffer, boundary: String) throws -> (fields: [(String, String)], files: [String: UploadedFile]) {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var headers: [(String, String)] = []
        var current = ByteBuffer()
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in current.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, current))
            headers = []
            current = ByteBuffer()
        }
        try parser.execute(body)
        var fields: [(String, String)] = []
        var files: [String: UploadedFile] = [:]
        for part in parts {
            let disposition = part.headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            guard let name = parameter("name", of: disposition) else { continue }
            if let fileName = parameter("filename", of: disposition) {
                files[name] = UploadedFile(fileName: fileName.isEmpty ? nil : fileName, data: Data(part.body.readableBytesView))
            } else {
                fields.append((name, String(buffer: part.body)))
            }
        }
        return (fields, files)
    }

    /// A parameter of a `Content-Disposition` value (`form-data; name="file"; filename="需求.csv"`).
    private static func parameter(_ key: String, of disposition: String) -> String? {
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

/// Files uploaded for a dry run, kept a while so that "import it" does not need the file
/// again: per district and account, at most `capacity` bytes in all, each for `lifetime`.
actor UploadShelf {
    struct Item {
        var tenant: UUID
        var account: Int64
        var list: String
        var file: UploadedFile
        var stored: ContinuousClock.Instant
        /// The workbook's sheet chosen, if any.
        var sheet: String? = nil
    }

    /// By the SHA-256 of the ticket: finding a presented ticket compares digests (swift-crypto's
    /// `==` is constant-time), never the secret text itself.
    private var items: [SHA256.Digest: Item] = [:]
    private let capacity = 128 * 1024 * 1024
    private let lifetime = Duration.seconds(30 * 60)

    /// Keeps `item` and returns the ticket that takes it back.
    func keep(_ item: Item) -> String {
        let now = ContinuousClock.now
        items = items.filter { now - $0.value.stored < lifetime }
        while items.values.reduce(0, { $0 + $1.file.data.count }) + item.file.data.count > capacity,
              let oldest = items.min(by: { $0.value.stored < $1.value.stored }) {
            items[oldest.key] = nil
        }
        let ticket = ConsoleCookie.newSecret()
        items[Self.key(ticket)] = item
        return ticket
    }

    /// Takes the item back: only by the district and account that left it.
    func take(_ ticket: String, tenant: UUID, account: Int64) -> Item? {
        let key = Self.key(ticket)
        guard let item = items[key], item.tenant == tenant, item.account == account,
              ContinuousClock.now - item.stored < lifetime else { return nil }
        items[key] = nil
        return item
    }

    private static func key(_ ticket: String) -> SHA256.Digest { SHA256.hash(data: Data(ticket.utf8)) }
}
