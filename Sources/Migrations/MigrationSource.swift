public import Foundation

/// The migration files of a `migrations/` folder: `core/` first, then `modules/<id>/` in
/// alphabetical order of the module ids, each group in version order.
public struct MigrationSource: Sendable {
    public var root: URL
    /// Every file in the order it is applied.
    public var files: [MigrationFile]

    /// The group holding the core schema.
    public static let coreGroup = "core"

    /// Reads every `.sql` file under `root/core` and `root/modules/*`.
    ///
    /// - Throws: ``MigrationError`` for a badly named file, a duplicate version or a missing folder.
    public init(root: URL) throws {
        self.root = root
        let fileManager = FileManager.default
        var groups: [(String, URL)] = [(Self.coreGroup, root.appending(path: Self.coreGroup))]
        let modules = root.appending(path: "modules")
        if let ids = try? fileManager.contentsOfDirectory(atPath: modules.path) {
            groups += ids.sorted().filter { !$0.hasPrefix(".") }.map { ($0, modules.appending(path: $0)) }
        }
        guard fileManager.fileExists(atPath: groups[0].1.path) else {
            throw MigrationError.noMigrationsFolder(searched: [groups[0].1.path])
        }
        files = try groups.flatMap { try Self.load(group: $0.0, folder: $0.1) }
    }

    private static func load(group: String, folder: URL) throws -> [MigrationFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        let files = try names.map { name in
            let url = folder.appending(path: name)
            return try MigrationFile(group: group, fileName: name, contents: try Data(contentsOf: url), path: url.path)
        }
        let byVersion = Dictionary(grouping: files, by: \.version)
        if let clash = byVersion.values.first(where: { $0.count > 1 }) {
            throw MigrationError.duplicateVersion(group: group, version: clash[0].version, paths: clash.map(\.path).sorted())
        }
        return files.sorted { $0.version < $1.version }
    }

    /// The `migrations/` folder to use: the one given, else `GOVREG_MIGRATIONS`, else
    /// `./migrations`, else one found by walking up from the executable (a source checkout
    /// running `.build/debug/govreg`).
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

    /// Creates the next file of `group` (`core` or a module id) named `NNNN_name.sql`.
    public func createNext(group: String = coreGroup, name: String) throws -> URL {
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
