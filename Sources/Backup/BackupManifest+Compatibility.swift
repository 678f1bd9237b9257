public import Migrations

extension BackupManifest {
    /// Refuses a backup this govreg cannot stand behind: a migration it does not know (the
    /// backup comes from a newer govreg, whose code would be needed to serve that schema) or
    /// one whose SQL differs from this govreg's file of the same version.
    ///
    /// - Parameter known: This govreg's migration files, core and modules.
    /// - Returns: The known migrations the backup lacks, which `govreg db migrate` applies
    ///   after the restore (the backup comes from an older govreg).
    /// - Throws: ``BackupError`` naming the first unknown or changed migration.
    public func checkMigrations(against known: [MigrationFile]) throws -> [MigrationFile] {
        let byKey = Dictionary(known.map { ("\($0.group)/\($0.version)", $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = migrations.filter { byKey["\($0.group)/\($0.version)"] == nil }
        if let first = unknown.first {
            throw BackupError(.newerMigrations, "备份来自较新的版本 the backup's schema is newer than this govreg: it was migrated by "
                + "\(first.identifier)" + (unknown.count > 1 ? " and \(unknown.count - 1) more" : "")
                + ", which this govreg does not know. Restore it with govreg \(govregVersion) or newer.")
        }
        if let changed = migrations.first(where: { byKey["\($0.group)/\($0.version)"]?.checksum != $0.checksum }) {
            throw BackupError(.changedMigrations, "the backup's migration \(changed.identifier) has checksum \(changed.checksum), "
                + "but this govreg's file of that version has another: the schemas differ. Restore it with govreg \(govregVersion).")
        }
        let inBackup = Set(migrations.map { "\($0.group)/\($0.version)" })
        return known.filter { !inBackup.contains("\($0.group)/\($0.version)") }
    }
}
