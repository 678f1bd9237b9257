import Foundation

/// The `.sql` files of a `migrations/` folder, written out as a Swift array literal for the
/// `Migrations` target (`EmbeddedMigrations.encodedFiles`).
///
/// It lists files exactly as `MigrationSource(root:)` reads a folder: `core/`, then each
/// `modules/<id>/` not starting with a dot, every name ending in `.sql`. Names are not checked
/// here: the binary parses them with the same code as a folder's, so a bad name fails the same
/// way (and the tests compare the two sources).
struct MigrationEmbedding {
    var folder: URL

    /// (group, file name, contents) in the order the folder lists them, core first.
    func files() throws -> [(group: String, fileName: String, contents: Data)] {
        let fileManager = FileManager.default
        var groups = [("core", folder.appending(path: "core"))]
        let modules = folder.appending(path: "modules")
        if let ids = try? fileManager.contentsOfDirectory(atPath: modules.path) {
            groups += ids.sorted().filter { !$0.hasPrefix(".") }.map { ($0, modules.appending(path: $0)) }
        }
        guard fileManager.fileExists(atPath: groups[0].1.path) else {
            throw EmbedFailure("\(groups[0].1.path): no such folder (the core migrations)")
        }
        return try groups.flatMap { group, url in
            try fileManager.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".sql") }.sorted().map { name in
                (group: group, fileName: name, contents: try Data(contentsOf: url.appending(path: name)))
            }
        }
    }

    /// Writes the Swift source (only when its text changes: an unchanged folder does not
    /// recompile the target).
    func write(to output: URL) throws {
        // Base64, not a string literal: the bytes stay exactly those of the file (a BOM, CRLF
        // or invalid UTF-8 reach MigrationFile as a folder's would, so checksums and errors
        // match), and one plain literal per file keeps the compiler fast.
        var text = """
            // Generated at build time by govreg-embed (BuildTools/) from migrations/. Do not edit.

            extension EmbeddedMigrations {
                static let encodedFiles: [(group: String, fileName: String, base64: String)] = [

            """
        for file in try files() {
            text += "        (\(literal(file.group)), \(literal(file.fileName)), \"\(file.contents.base64EncodedString())\"),\n"
        }
        text += "    ]\n}\n"
        try writeIfChanged(text, to: output)
    }

    /// A Swift string literal of a folder or file name (escaped, though names are plain ASCII).
    private func literal(_ value: String) -> String {
        "\"" + value.unicodeScalars.map { scalar in
            scalar.isASCII && scalar != "\"" && scalar != "\\" && scalar.value >= 0x20
                ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
        }.joined() + "\""
    }
}
