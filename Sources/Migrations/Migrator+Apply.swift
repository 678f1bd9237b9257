import Foundation
import Postgres

extension Migrator {
    /// Applies each file and records it; stops at the first failure.
    func apply(_ files: [MigrationFile], session: Connection) async throws -> [MigrationFile] {
        for (index, file) in files.enumerated() {
            progress(.applying(file, index: index + 1, total: files.count))
            let started = ContinuousClock.now
            if file.transactional {
                try await applyInTransaction(file, session: session)
            } else {
                try await applyStatementByStatement(file, session: session)
            }
            progress(.applied(file, milliseconds: Self.milliseconds(since: started)))
        }
        return files
    }

    /// The file and its history row commit together or not at all. A DDL statement that
    /// waits longer than `statementLockTimeout` for a table lock is retried, not left to
    /// block every query queued behind it.
    private func applyInTransaction(_ file: MigrationFile, session: Connection) async throws {
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            do {
                try await session.transaction { tx in
                    try await setLockTimeout(tx)
                    try await tx.executeScript(unsafeRaw: file.sql)
                    try await History.record(file, milliseconds: Self.milliseconds(since: started), on: tx)
                }
                return
            } catch let error as PostgresError where error.sqlState == "55P03" && attempt < lockRetries {
                progress(.retryingAfterLockTimeout(file, attempt: attempt))
                try await Task.sleep(for: .seconds(attempt))
                attempt += 1
            } catch let error as PostgresError {
                throw Self.failure(error, in: file, statementOffset: 0, partiallyApplied: false)
            }
        }
    }

    /// For `-- govreg: no-transaction` files: each statement on its own, as
    /// `CREATE INDEX CONCURRENTLY` requires; recorded once all succeeded.
    private func applyStatementByStatement(_ file: MigrationFile, session: Connection) async throws {
        let started = ContinuousClock.now
        let statements = SQLStatements.split(file.sql)
        for (index, statement) in statements.enumerated() {
            do {
                try await session.executeScript(unsafeRaw: statement.text)
            } catch let error as PostgresError {
                throw Self.failure(error, in: file, statementOffset: statement.offset, partiallyApplied: index > 0)
            }
        }
        try await History.record(file, milliseconds: Self.milliseconds(since: started), on: session)
    }

    /// Runs the files in one transaction and rolls it back: a rehearsal that reports the
    /// first failing file exactly as a real run would, and changes nothing.
    func tryRolledBack(_ files: [MigrationFile], session: Connection) async throws -> [MigrationFile] {
        var tried: [MigrationFile] = []
        try await session.execute("BEGIN")
        do {
            try await setLockTimeout(session)
            for (index, file) in files.enumerated() {
                guard file.transactional else {
                    files[index...].forEach { progress(.notTried($0, reason: "runs outside a transaction (\(file.identifier))")) }
                    break
                }
                progress(.applying(file, index: index + 1, total: files.count))
                do {
                    try await session.executeScript(unsafeRaw: file.sql)
                } catch let error as PostgresError {
                    throw Self.failure(error, in: file, statementOffset: 0, partiallyApplied: false)
                }
                progress(.checked(file))
                tried.append(file)
            }
            try await session.execute("ROLLBACK")
        } catch {
            _ = try? await session.execute("ROLLBACK")
            throw error
        }
        return tried
    }

    private func setLockTimeout(_ connection: Connection) async throws {
        let milliseconds = statementLockTimeout.wholeMilliseconds
        try await connection.execute("SELECT set_config('lock_timeout', \(String(milliseconds)), true)")
    }

    static func failure(_ error: PostgresError, in file: MigrationFile, statementOffset: Int, partiallyApplied: Bool) -> MigrationError {
        let place = error.position.map { file.lineAndColumn(ofCharacter: $0 + statementOffset) }
        return .failed(
            file: file.path, line: place?.line, column: place?.column, sqlState: error.sqlState,
            message: error.message, detail: error.detail, partiallyApplied: partiallyApplied)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        Int((ContinuousClock.now - start).wholeMilliseconds)
    }
}

extension Duration {
    /// The duration in whole milliseconds, as PostgreSQL's time settings take it.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
