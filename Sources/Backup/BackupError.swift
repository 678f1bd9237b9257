import Postgres

/// Why a backup or a restore stopped; ``description`` is safe to show (never a password).
public struct BackupError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for a caller that reacts to one kind.
    public enum Code: Sendable {
        case outputUnwritable
        case clientTooOld
        case clientFailed
        case notGovreg
        case manifestUnreadable
        case digestMismatch
        case newerMigrations
        case changedMigrations
        case targetNotEmpty
        case applicationRole
        case rowLevelSecurity
        case countsDiffer
        case needsDirectConnection
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// pg_dump and pg_restore set session state (`search_path`, `row_security`, timeouts) that
    /// a transaction pooler would hand on to whichever client got that server connection next.
    static func refusingPooler(_ configuration: ConnectionConfiguration, doing work: String) throws {
        guard configuration.pooler == .transaction else { return }
        throw BackupError(.needsDirectConnection, "\(work) needs a direct connection to PostgreSQL, not one through a transaction pooler "
            + "(--pooler transaction / GOVREG_POOLER): pg_dump and pg_restore set session settings PgBouncer would pass on to "
            + "govreg serve's next transaction. Give --database-url the server's own address with --pooler session.")
    }
}
