import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The ZIP container of a workbook and its XML parts, opened with ZIPFoundation and parsed
/// with Foundation's `XMLParser`.
///
/// A sheet can be far larger than its compressed size suggests, so large parts are never
/// held whole: ``parse(_:with:limit:)`` unpacks the part to a temporary file in chunks and
/// lets `XMLParser` read that file as a stream; the file is deleted afterwards.
struct WorkbookArchive {
    let archive: Archive

    /// The most a sheet or the shared strings may unpack to (a ZIP bomb stops here): 512 MiB
    /// holds several hundred thousand rows of a district's list (100,000 demands written by
    /// openpyxl unpack to about 60 MiB) and no more than a temporary folder can be asked for.
    static let partLimit = 512 * 1_048_576
    /// The most the small parts (workbook, relationships, styles) may unpack to.
    static let smallPartLimit = 64 * 1_048_576

    init(_ data: Data) throws(WorkbookError) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAWorkbook
        }
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// Parses the part at `path` (a path inside the ZIP) with `delegate`.
    ///
    /// - Throws: ``WorkbookError`` when the part is missing, larger than `limit` unpacked, or
    ///   not well-formed XML.
    func parse(_ path: String, with delegate: some XMLParserDelegate, limit: Int = WorkbookArchive.smallPartLimit) throws(WorkbookError) {
        guard let entry = archive[path] else { throw .damaged(path) }
        guard entry.uncompressedSize <= UInt64(limit) else { throw .tooLarge(path, limit: limit) }
        let file = FileManager.default.temporaryDirectory.appending(path: "govreg-xlsx-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = try? FileHandle(forWritingTo: file) else {
            throw .damaged(path)
        }
        // The entry's declared size may lie: count what is really unpacked.
        var written = 0
        do {
            defer { try? handle.close() }
            _ = try archive.extract(entry, bufferSize: 256 * 1024) { chunk in
                written += chunk.count
                guard written <= limit else { throw WorkbookError.tooLarge(path, limit: limit) }
                try handle.write(contentsOf: chunk)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .damaged(path)
        }
        guard let stream = InputStream(url: file) else { throw .damaged(path) }
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else { throw .damaged(path) }
    }

    /// The part a relationship's target names, as a path inside the ZIP: targets are
    /// relative to the folder of the part that declares them, or absolute from the root.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }
}
