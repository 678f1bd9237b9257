import CLibPQ

/// How strongly a transaction is isolated from concurrent ones.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// ```swift
    /// try await connection.transaction(isolation: .serializable) { tx in
    ///     try await tx.execute("UPDATE resource SET remaining = remaining - \(n) WHERE id = \(id)")
    /// }
    /// ```
    ///
    /// Inside ``TransactionLabel/current``, the transaction first sets `application_name` to
    /// the label (transaction-local), so its statements can be traced to their request.
    ///
    /// - Throws: what `body` threw (after rolling back), or the error of COMMIT itself. A
    ///   transaction that the server had already aborted (an error inside `body` that was
    ///   caught) is rolled back by COMMIT; that is reported as an error too, never as success.
    @discardableResult
    public func transaction<T>(
        isolation: IsolationLevel = .readCommitted,
        readOnly: Bool = false,
        _ body: (Connection) async throws -> T
    ) async throws -> T {
        let begin = "BEGIN ISOLATION LEVEL \(isolation.rawValue)" + (readOnly ? " READ ONLY" : "")
        if let pins {
            // Behind a transaction pooler: the settings pinned for this transaction only, in
            // the same round trip as its BEGIN.
            do {
                _ = try await withHandle { pointer in
                    try Self.execPipeline(pointer, [EncodedStatement(text: begin, values: [], types: []), pins])
                }
            } catch {
                await rollbackQuietly()
                throw error
            }
        } else {
            try await execute(SQL(unsafeRaw: begin))
        }
        let value: T
        do {
            if let label = TransactionLabel.current {
                try await execute("SELECT set_config('application_name', \(TransactionLabel.fitted(label)), true)")
            }
            value = try await body(self)
        } catch {
            await rollbackQuietly()
            throw error
        }
        let commit = try await query("COMMIT")
        if commit.commandTag == "ROLLBACK" {
            throw PostgresError(
                kind: .server,
                message: "the transaction was aborted by an earlier error and has been rolled back",
                sqlState: "25P02")
        }
        return value
    }

    /// Runs one statement in a transaction block of its own, sent with its BEGIN and COMMIT in
    /// one round trip (pipeline mode), and returns its rows.
    ///
    /// The same as one statement outside a block, one round trip and all or nothing, except
    /// for Citus: a `SET LOCAL` the statement makes (a district's settings, migration 0039)
    /// is passed on to the workers only inside a transaction block.
    ///
    /// - Throws: the statement's error (after rolling back), or the error of COMMIT itself;
    ///   ``PostgresError`` with SQLSTATE 25001 when a transaction is already open here (its
    ///   COMMIT would end the caller's transaction).
    public func queryInTransaction(_ sql: SQL) async throws -> QueryResult {
        let statement = try EncodedStatement(sql)
        let pins = self.pins
        do {
            return try await withHandle { pointer in
                // checked where the statement is sent: no second hop to the connection's queue
                guard PQtransactionStatus(pointer) == PQTRANS_IDLE else { throw TransactionAlreadyOpen() }
                let begin = EncodedStatement(text: "BEGIN", values: [], types: [])
                let commit = EncodedStatement(text: "COMMIT", values: [], types: [])
                let statements = [begin] + (pins.map { [$0] } ?? []) + [statement, commit]
                let results = try Self.execPipeline(pointer, statements)
                if results.last?.commandTag == "ROLLBACK" {
                    throw PostgresError(kind: .server, message: "the transaction was rolled back at COMMIT", sqlState: "25P02")
                }
                return results[results.count - 2]
            }
        } catch is TransactionAlreadyOpen {
            // nothing was sent: the caller's transaction is left as it is
            throw PostgresError(kind: .protocolViolation, message: "queryInTransaction inside an open transaction would commit it", sqlState: "25001")
        } catch {
            await rollbackQuietly()
            throw error
        }
    }

    private struct TransactionAlreadyOpen: Error {}

    /// Rolls back whatever transaction is open, ignoring errors (the connection may be gone).
    /// Runs even when the calling task is cancelled: a cancelled request must not leave a
    /// transaction open on a pooled connection.
    func rollbackQuietly() async {
        _ = try? await Task { [self] in
            try await withHandle { pointer in
                if PQtransactionStatus(pointer) != PQTRANS_IDLE { PQclear(PQexec(pointer, "ROLLBACK")) }
            }
        }.value
    }

    /// True when the session is open, idle, outside a transaction and out of pipeline mode, i.e. safe to reuse.
    /// Reads whatever the socket holds first, so a connection the server closed is noticed:
    /// a terminated backend sends a FATAL message and then closes; the first read consumes
    /// the message, the second meets the end of the stream and marks the connection bad.
    func isReusable() async -> Bool {
        guard !isClosed else { return false }
        return (try? await withHandle { pointer in
            PQconsumeInput(pointer) == 1 && PQconsumeInput(pointer) == 1 && PQstatus(pointer) == CONNECTION_OK
                && PQtransactionStatus(pointer) == PQTRANS_IDLE
                // A pipeline that failed before its Sync was read stays in pipeline mode, where
                // every ordinary call is refused: such a session is closed, not lent again.
                && PQpipelineStatus(pointer) == PQ_PIPELINE_OFF
        }) ?? false
    }
}
