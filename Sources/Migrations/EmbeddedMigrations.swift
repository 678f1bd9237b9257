import Foundation

/// The `migrations/` folder as it was when the binary was built. `encodedFiles` is generated
/// by the `EmbedMigrations` build plugin (BuildTools/): each file's bytes in base64.
enum EmbeddedMigrations {
    /// Where a built-in file's messages say it came from, e.g. `built-in:migrations/core/0001_tenant.sql`.
    static func path(group: String, fileName: String) -> String {
        group == MigrationSource.coreGroup ? "built-in:migrations/core/\(fileName)" : "built-in:migrations/modules/\(group)/\(fileName)"
    }
}

extension MigrationSource {
    /// The migration files built into this binary.
    ///
    /// - Throws: ``MigrationError`` as for a folder (a bad name or a duplicate version in the
    ///   folder the binary was built from).
    public static func embedded() throws -> MigrationSource {
        var groups: [(String, [MigrationFile])] = []
        for entry in EmbeddedMigrations.encodedFiles {
            // The generator wrote these from the file's bytes, so they always decode.
            let contents = Data(base64Encoded: entry.base64) ?? Data()
            let file = try MigrationFile(
                group: entry.group, fileName: entry.fileName, contents: contents,
                path: EmbeddedMigrations.path(group: entry.group, fileName: entry.fileName))
            if groups.last?.0 == entry.group { groups[groups.count - 1].1.append(file) } else { groups.append((entry.group, [file])) }
        }
        if groups.first?.0 != coreGroup { groups.insert((coreGroup, []), at: 0) }
        return try MigrationSource(origin: .embedded, groups: groups)
    }
}
