public import Foundation

/// The migration files govreg applies: `core` first, then each module's group in
/// alphabetical order of the module ids, each group in version order.
///
/// They come either from the binary itself (``embedded()``, the default: a copied binary
/// migrates with nothing beside it) or from a `migrations/` folder (``init(root:)``, for
/// development: `--migrations DIR` or `GOVREG_MIGRATIONS`). Both read the same bytes the same
/// way, so a file has the same checksum from either.
public struct MigrationSource: Sendable {
    /// Where the files come from.
    public enum Origin: Sendable, Equatable, CustomStringConvertible {
        /// Built into the binary from the checkout's `migrations/` folder.
        case embedded
        /// A `migrations/` folder holding `core/` and `modules/<id>/`.
        case folder(URL)

        public var description: String {
            switch self {
            case .embedded: "built in 内置"
            case .folder(let root): "folder 目录 \(root.path)"
            }
        }
    }

    public var origin: Origin
    /// Every file in the order it is applied.
    public var files: [MigrationFile]

    /// The group holding the core schema.
    public static let coreGroup = "core"

    /// Reads every `.sql` file under `root/core` and `root/modules/*`.
    ///
    /// - Throws: ``MigrationError`` for a badly named file, a duplicate version or a missing folder.
    public init(root: URL) throws {
        let fileManager = FileManager.default
        var groups: [(String, URL)] = [(Self.coreGroup, root.appending(path: Self.coreGroup))]
        let modules = root.appending(path: "modules")
        if let ids = try? fileManager.contentsOfDirectory(atPath: modules.path) {
            groups += ids.sorted().filter { !$0.hasPrefix(".") }.map { ($0, modules.appending(path: $0)) }
        }
        guard fileManager.fileExists(atPath: groups[0].1.path) else {
            throw MigrationError.noMigrationsFolder(searched: [groups[0].1.path])
        }
        try self.init(origin: .folder(root), groups: groups.map { group, folder in
            let names = try fileManager.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
            return (group, try names.map { name in
                let url = folder.appending(path: name)
                return try MigrationFile(group: group, fileName: name, contents: try Data(contentsOf: url), path: url.path)
            })
        })
    }

    /// Orders each group's files by version, refusing a version used twice.
    init(origin: Origin, groups: [(String, [MigrationFile])]) throws {
        self.origin = origin
        files = try groups.flatMap { group, files in
            let byVersion = Dictionary(grouping: files, by: \.version)
            if let clash = byVersion.values.first(where: { $0.count > 1 }) {
                throw MigrationError.duplicateVersion(group: group, version: clash[0].version, paths: clash.map(\.path).sorted())
            }
            return files.sorted { $0.version < $1.version }
        }
    }

    /// The last file of each group (core first): the schema version this source migrates to.
    public var head: [MigrationFile] {
        var last: [MigrationFile] = []
        for file in files {
            if last.last?.group == file.group { last[last.count - 1] = file } else { last.append(file) }
        }
        return last
    }

    /// The source of a command: the folder given (`--migrations`), else the one in
    /// `GOVREG_MIGRATIONS`, else the files built into the binary.
    ///
    /// - Throws: ``MigrationError/noMigrationsFolder(searched:)`` when a folder is named but holds no `core/`.
    public static func chosen(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MigrationSource {
        guard let named = explicit ?? environment["GOVREG_MIGRATIONS"] else { return try embedded() }
        let root = URL(filePath: named)
        guard FileManager.default.fileExists(atPath: root.appending(path: coreGroup).path) else {
            let source = explicit == nil ? "GOVREG_MIGRATIONS" : "--migrations"
            throw MigrationError.noMigrationsFolder(searched: ["\(root.appending(path: coreGroup).path) (from \(source))"])
        }
        return try MigrationSource(root: root)
    }
}
