public import Foundation

extension MigrationSource {
    /// The `migrations/` folder to write a new file into: the one given, else
    /// `GOVREG_MIGRATIONS`, else `./migrations`, else one found by walking up from the
    /// executable (a source checkout running `.build/debug/govreg`). Only `db new` needs a
    /// folder; applying migrations uses ``chosen(explicit:environment:)``.
    public static func locate(explicit: String?, executablePath: String = CommandLine.arguments[0]) throws -> URL {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(filePath: explicit)) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["GOVREG_MIGRATIONS"] {
            candidates.append(URL(filePath: fromEnvironment))
        }
        if explicit == nil {
            candidates.append(URL(filePath: FileManager.default.currentDirectoryPath).appending(path: "migrations"))
            var folder = URL(filePath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(folder.appending(path: "migrations"))
                folder.deleteLastPathComponent()
            }
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appending(path: coreGroup).path) }) {
            return found
        }
        throw MigrationError.noMigrationsFolder(searched: candidates.map(\.path))
    }

    /// Creates the next file of `group` (`core` or a module id) named `NNNN_name.sql` in this
    /// source's folder.
    ///
    /// - Throws: ``MigrationError/noMigrationsFolder(searched:)`` for the built-in files, which
    ///   cannot be written to.
    public func createNext(group: String = coreGroup, name: String) throws -> URL {
        guard case .folder(let root) = origin else { throw MigrationError.noMigrationsFolder(searched: ["(built-in files cannot be written)"]) }
        let slug = name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }
        let cleanName = String(slug).split(separator: "_").joined(separator: "_")
        guard !cleanName.isEmpty else { throw MigrationError.badFileName(path: name) }
        let next = (files.filter { $0.group == group }.map(\.version).max() ?? 0) + 1
        let folder = group == Self.coreGroup ? root.appending(path: group) : root.appending(path: "modules/\(group)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: String(format: "%04d_%@.sql", next, cleanName))
        let template = """
            -- \(String(format: "%04d", next)) \(cleanName)
            -- Runs in one transaction. For CREATE INDEX CONCURRENTLY, put this line first instead:
            --   -- govreg: no-transaction

            """
        try Data(template.utf8).write(to: url, options: .withoutOverwriting)
        return url
    }
}
