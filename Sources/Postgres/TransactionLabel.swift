/// The `application_name` a task's transactions carry, so that a slow statement seen in
/// `pg_stat_activity` or the server's log can be traced to the request that ran it.
///
/// Set with `set_config('application_name', …, true)` as a transaction's first statement:
/// transaction-local, so it ends with the transaction and a pooled session (or PgBouncer's
/// server connection in transaction mode) never carries it over to someone else's work.
///
/// ```swift
/// try await TransactionLabel.$current.withValue("govreg req=4f1c…") {
///     try await pool.transaction { try await $0.query("SELECT current_setting('application_name')") }
/// }
/// ```
public enum TransactionLabel {
    /// The label of the work this task does, or `nil` for the connection's own name.
    @TaskLocal public static var current: String?

    /// The longest label kept: PostgreSQL shows at most 63 bytes of `application_name`.
    public static let maximumLength = 63

    /// `text` cut to what PostgreSQL keeps, at a character boundary.
    public static func fitted(_ text: String) -> String {
        var fitted = Substring(text)
        while fitted.utf8.count > maximumLength { fitted = fitted.dropLast() }
        return String(fitted)
    }
}
