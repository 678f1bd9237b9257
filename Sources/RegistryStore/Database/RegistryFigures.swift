public import CoreMetrics

/// What govreg counts and times for `/metrics`, recorded through swift-metrics' API.
///
/// The store and the API record here; which backend keeps the figures is the executable's
/// choice (`govreg serve` bootstraps the Prometheus one), and a test passes its own factory.
/// Nothing here knows of Prometheus. The names follow Prometheus' conventions (`govreg_`
/// prefix, `_total` for counters, `_seconds` for durations); labels never hold an id, a
/// slug or a path, so the series stay few.
///
/// ```swift
/// let figures = RegistryFigures(factory: MetricsSystem.factory)
/// figures.imported(list: "demands", dryRun: false, rows: 120, duration: .milliseconds(840))
/// ```
public struct RegistryFigures: Sendable {
    /// The names, in one place (docs/operations.md lists them).
    public enum Name {
        public static let httpRequests = "govreg_http_requests_total"
        public static let httpDuration = "govreg_http_request_duration_seconds"
        public static let importRows = "govreg_import_rows_total"
        public static let importDuration = "govreg_import_duration_seconds"
        public static let matchingSolve = "govreg_matching_solve_duration_seconds"
        public static let matchingAccept = "govreg_matching_accept_duration_seconds"
        public static let intakeReplays = "govreg_intake_replays_total"
        public static let poolInUse = "govreg_db_pool_connections_in_use"
        public static let poolOpen = "govreg_db_pool_connections_open"
        public static let poolWaiting = "govreg_db_pool_waiting_tasks"
    }

    /// Where the figures go.
    public let factory: any MetricsFactory

    /// Figures recorded by `factory`; by default the process's (a no-op until bootstrapped).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// One HTTP request answered: by route template (never the raw path), method and status.
    public func answered(route: String, method: String, status: Int, duration: Duration) {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: Name.httpRequests, dimensions: dimensions, factory: factory).increment()
        Timer(label: Name.httpDuration, dimensions: dimensions, factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// One import of a file into `list` that went through (a dry run included): its rows and time.
    public func imported(list: String, dryRun: Bool, rows: Int, duration: Duration) {
        let dimensions = [("list", list), ("dry_run", String(dryRun))]
        Counter(label: Name.importRows, dimensions: dimensions, factory: factory).increment(by: max(0, rows))
        Timer(label: Name.importDuration, dimensions: dimensions, factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// The matching engine's time on one run (building the network and solving it).
    public func matchingSolved(_ duration: Duration) {
        Timer(label: Name.matchingSolve, factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// One acceptance of a matching run into the project list, retries included.
    public func matchingAccepted(_ duration: Duration, dryRun: Bool) {
        Timer(label: Name.matchingAccept, dimensions: [("dry_run", String(dryRun))], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// An intake retried under its `Idempotency-Key`, answered from the stored answer.
    public func intakeReplayed() {
        Counter(label: Name.intakeReplays, factory: factory).increment()
    }

    /// A pool's state at a scrape (`pool`: `tenant` or `operator`).
    public func pool(_ pool: String, inUse: Int, open: Int, waiting: Int) {
        Gauge(label: Name.poolInUse, dimensions: [("pool", pool)], factory: factory).record(inUse)
        Gauge(label: Name.poolOpen, dimensions: [("pool", pool)], factory: factory).record(open)
        Gauge(label: Name.poolWaiting, dimensions: [("pool", pool)], factory: factory).record(waiting)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
