/// Why migrating refused or failed. Every case names the file it is about.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case noMigrationsFolder(searched: [String])
    case badFileName(path: String)
    case notUTF8(path: String)
    case unknownDirective(path: String, directive: String)
    case duplicateVersion(group: String, version: Int, paths: [String])
    case unknownTarget(String)
    /// An applied file whose contents changed afterwards.
    case changed([Drift])
    /// Applied versions whose files are gone, or files older than what is applied.
    case historyMismatch(missing: [String], outOfOrder: [String])
    /// A statement of a file failed; nothing of that file remains (unless it runs outside a transaction).
    case failed(file: String, line: Int?, column: Int?, sqlState: String?, message: String, detail: String?, partiallyApplied: Bool)
    case lockTimeout(holder: String)
    case invalidIndexes([String])
    /// `migrate` through a transaction pooler (PgBouncer `pool_mode = transaction`).
    case needsDirectConnection

    /// One changed file.
    public struct Drift: Sendable {
        public var identifier: String
        public var path: String
        public var appliedChecksum: String
        public var fileChecksum: String
        public var appliedAt: String
    }

    public var description: String {
        switch self {
        case .noMigrationsFolder(let searched):
            return "no migrations folder found (looked in \(searched.joined(separator: ", "))); pass --migrations DIR"
        case .badFileName(let path):
            return "\(path): not a migration file name; expected NNNN_lowercase_name.sql, e.g. 0001_tenants.sql"
        case .notUTF8(let path):
            return "\(path): not valid UTF-8"
        case .unknownDirective(let path, let directive):
            return "\(path): unknown header directive '-- govreg: \(directive)' (known: no-transaction)"
        case .duplicateVersion(let group, let version, let paths):
            return "\(group): version \(version) is used by more than one file: \(paths.joined(separator: ", "))"
        case .unknownTarget(let target):
            return "--to \(target): no such migration version"
        case .changed(let drifts):
            return drifts.map {
                "\($0.path) was changed after it was applied on \($0.appliedAt) (applied checksum \($0.appliedChecksum), file checksum \($0.fileChecksum)); write a new migration instead of editing an applied one"
            }.joined(separator: "\n")
        case .historyMismatch(let missing, let outOfOrder):
            var lines = missing.map { "\($0) is recorded as applied but its file is missing" }
            lines += outOfOrder.map { "\($0) is pending but a later version is already applied; renumber it after the last applied file" }
            return lines.joined(separator: "\n")
        case .failed(let file, let line, let column, let sqlState, let message, let detail, let partiallyApplied):
            var text = file
            if let line, let column { text += ":\(line):\(column)" }
            text += ": \(message)"
            if let sqlState { text += " (SQLSTATE \(sqlState))" }
            if let detail { text += "\nDETAIL: \(detail)" }
            text += partiallyApplied
                ? "\nThis file runs outside a transaction: statements before the failing one stay applied; repair by hand before migrating again."
                : "\nNothing of this file was applied; files before it stay applied."
            return text
        case .lockTimeout(let holder):
            return "gave up waiting for the migration lock, held by \(holder)"
        case .invalidIndexes(let names):
            return "invalid indexes (an interrupted CREATE INDEX CONCURRENTLY?): \(names.joined(separator: ", ")); drop and recreate them"
        case .needsDirectConnection:
            return "迁移需要直连数据库 migrations need a direct connection to PostgreSQL, not one through a transaction pooler "
                + "(--pooler transaction / GOVREG_POOLER): the migration lock is held by one session across files, and "
                + "no-transaction files (CREATE INDEX CONCURRENTLY) cannot run in a pooled transaction; "
                + "run `govreg db migrate` with --database-url pointing at the server itself (e.g. port 5432, not PgBouncer's 6432) and --pooler session"
        }
    }
}
