/// An error from PostgreSQL or from talking to it.
///
/// Server errors carry the fields PostgreSQL reports (SQLSTATE, severity, message, detail,
/// hint, position), so callers can act on a code such as `23505` (unique violation):
///
/// ```swift
/// do { try await db.execute("INSERT INTO tenant (slug) VALUES (\(slug))") }
/// catch let error as PostgresError where error.sqlState == "23505" { … }
/// ```
///
/// `description` is safe to show to a user; it never includes bind values, nor the row a
/// constraint failure quotes in its detail.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: Sendable, Equatable {
        /// The server reported an error for a statement.
        case server
        /// Connecting failed, or the connection broke.
        case connection
        /// A value could not be bound as a parameter.
        case binding
        /// A column could not be decoded into the requested Swift type.
        case decoding
        /// No connection became free within the pool's acquire timeout.
        case acquireTimeout
        /// The pool was closed.
        case poolClosed
        /// The server answered in a way this client does not expect (e.g. COPY state).
        case protocolViolation
    }

    public var kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    /// ERROR, FATAL, PANIC …
    public var severity: String?
    /// The primary, human-readable message.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement text where the error was found.
    public var position: Int?
    /// The statement text (never its bind values), when known.
    public var query: String?

    public init(
        kind: Kind, message: String, sqlState: String? = nil, severity: String? = nil,
        detail: String? = nil, hint: String? = nil, position: Int? = nil, query: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.severity = severity
        self.detail = detail
        self.hint = hint
        self.position = position
        self.query = query
    }

    public var description: String {
        var text = ""
        if let severity { text += "\(severity): " }
        text += message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail {
            // "Failing row contains (…)" quotes the whole row: a person's phone or ID card
            // number would reach a terminal or a log. The row stays in `detail` for code.
            text += detail.hasPrefix("Failing row contains")
                ? "\nDETAIL: (the failing row is not shown: it may hold personal data)"
                : "\nDETAIL: \(detail)"
        }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }

    /// True for SQLSTATE class 40 errors that a caller may retry (serialization failure, deadlock).
    public var isRetryableTransactionFailure: Bool {
        sqlState == "40001" || sqlState == "40P01"
    }
}
