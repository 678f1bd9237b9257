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
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
