import Foundation

/// The build tool behind the `EmbedMigrations` and `RecordBuildCommit` plugins: writes Swift
/// source that carries, inside the binary, what a copied binary cannot find beside itself.
///
/// ```
/// govreg-embed migrations <migrations folder> <output.swift>
/// govreg-embed commit <git dir> <common git dir> <output.swift>   (empty dirs: not in git)
/// ```
@main
enum EmbedTool {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch (arguments.first, arguments.count) {
            case ("migrations", 3):
                try MigrationEmbedding(folder: URL(filePath: arguments[1])).write(to: URL(filePath: arguments[2]))
            case ("commit", 4):
                let commit = BuildCommit(gitDirectory: arguments[1], commonDirectory: arguments[2]).resolve()
                try writeIfChanged(BuildCommit.source(commit), to: URL(filePath: arguments[3]))
            default:
                throw EmbedFailure("usage: govreg-embed migrations FOLDER OUTPUT | commit GITDIR COMMONDIR OUTPUT")
            }
        } catch {
            FileHandle.standardError.write(Data("govreg-embed: \(error)\n".utf8))
            exit(1)
        }
    }
}

/// Writes `text` unless the file holds it already: SwiftPM runs the tool on most builds, and an
/// untouched output keeps the target it belongs to from compiling again.
func writeIfChanged(_ text: String, to output: URL) throws {
    if let existing = try? String(contentsOf: output, encoding: .utf8), existing == text { return }
    try text.write(to: output, atomically: true, encoding: .utf8)
}

/// Why the tool could not write its output.
struct EmbedFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
