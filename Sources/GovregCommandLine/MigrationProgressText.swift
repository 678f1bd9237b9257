public import Migrations

/// Progress lines of a migration run.
public enum MigrationProgressText {
    public static func line(for event: MigrationProgress) -> String {
        switch event {
        case .waitingForLock(let holder): "waiting for the migration lock, held by \(holder) …"
        case .acquiredLock: "got the migration lock"
        case .applying(let file, let index, let total): "[\(index)/\(total)] \(file.identifier) …"
        case .applied(let file, let milliseconds): "      \(file.identifier) done in \(milliseconds) ms"
        case .retryingAfterLockTimeout(let file, let attempt): "      \(file.identifier) waited too long for a table lock; retry \(attempt) …"
        case .checked(let file): "      \(file.identifier) ok (will be rolled back)"
        case .notTried(let file, let reason): "      \(file.identifier) not tried: \(reason)"
        }
    }
}
