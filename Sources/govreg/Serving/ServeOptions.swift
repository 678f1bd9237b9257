import ArgumentParser
import GovregCommandLine

/// The flags of `govreg serve`, shared with `govreg config` so that an operator can ask what
/// a serve with the same command line would use. None has a default here: a flag not given
/// leaves the setting to the environment, the configuration file, then the catalogue's
/// default (``Setting``), which the help names.
struct ServeOptions: ParsableArguments {
    @Option(help: "Address to listen on (default: $GOVREG_HOST, then 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: $GOVREG_PORT, then 8080).") var port: String?
    @Option(name: .customLong("pool-size"), help: "Database connections of the application role (default: $GOVREG_POOL_SIZE, then 16).")
    var poolSize: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default: $GOVREG_LOG_LEVEL, then info).")
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: "text (one line per entry) or json (one JSON object per line); default: $GOVREG_LOG_FORMAT, then text.")
    var logFormat: String?
    @Flag(inversion: .prefixedNo, help: "Serve GET /metrics (Prometheus text format) on the admin listener (default: $GOVREG_METRICS, then on).")
    var metrics: Bool?
    @Option(name: .customLong("rate"), help: "Requests per second each token regains (burst: twice this; default: $GOVREG_RATE, then 100).")
    var rate: String?
    @Option(name: .customLong("idle-timeout"),
            help: "Seconds a connection may stay idle (a slow client included) before it is closed (default: $GOVREG_IDLE_TIMEOUT, then 30).")
    var idleTimeout: String?
    @Option(name: .customLong("shutdown-grace"),
            help: "Seconds the requests in flight may take to finish after SIGTERM or SIGINT before they are cut off (their transactions roll back; default: $GOVREG_SHUTDOWN_GRACE, then 30).")
    var shutdownGrace: String?
    @Flag(name: .customLong("public-only"),
          help: "Serve the public site (/public) and health alone: the listener to expose to the internet (default: $GOVREG_PUBLIC_ONLY, then off).")
    var publicOnly = false
    @Option(name: .customLong("public-url"), help: "Where residents reach /public from outside (https://gov.example/public), for the notices' QR codes (default: $GOVREG_PUBLIC_URL).")
    var publicURL: String?
    @Option(name: .customLong("public-cache"), help: "Seconds a public page is answered from memory (0: never; what Cache-Control says; default: $GOVREG_PUBLIC_CACHE, then 30).")
    var publicCache: String?
    @Option(name: .customLong("public-rate"), help: "Public pages each client address may have made afresh per second (cached ones are free; default: $GOVREG_PUBLIC_RATE, then 50).")
    var publicRate: String?
    @Option(name: .customLong("failed-auth-rate"),
            help: "Failed API authentications and console sign-in attempts each client address regains per second (burst: 20 times this; then 429; default: $GOVREG_FAILED_AUTH_RATE, then 1).")
    var failedAuthRate: String?

    /// The flags given, as typed, by setting. `--public-only` counts only when given: its
    /// absence leaves the setting to the environment and the file.
    var given: [Setting: String] {
        var flags: [Setting: String] = [:]
        flags[.host] = host
        flags[.port] = port
        flags[.poolSize] = poolSize
        flags[.logLevel] = logLevel
        flags[.logFormat] = logFormat
        flags[.metrics] = metrics.map { $0 ? "true" : "false" }
        flags[.rate] = rate
        flags[.idleTimeout] = idleTimeout
        flags[.shutdownGrace] = shutdownGrace
        flags[.publicOnly] = publicOnly ? "true" : nil
        flags[.publicURL] = publicURL
        flags[.publicCache] = publicCache
        flags[.publicRate] = publicRate
        flags[.failedAuthRate] = failedAuthRate
        return flags
    }
}
