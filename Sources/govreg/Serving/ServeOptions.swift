import ArgumentParser
import GovregCommandLine

/// The flags of `govreg serve`, shared with `govreg config` so that an operator can ask what
/// a serve with the same command line would use. None has a default here: a flag not given
/// leaves the setting to the environment, the configuration file, then the catalogue's
/// default (``Setting``), which each help text is built from (``Setting/flagHelp(_:)``).
struct ServeOptions: ParsableArguments {
    @Option(help: Setting.host.flagHelp("Address to listen on.")) var host: String?
    @Option(help: Setting.port.flagHelp("Port to listen on.")) var port: String?
    @Option(name: .customLong("pool-size"), help: Setting.poolSize.flagHelp("Database connections of the application role."))
    var poolSize: String?
    @Option(name: .customLong("log-level"), help: Setting.logLevel.flagHelp("trace, debug, info, notice, warning, error or critical."))
    var logLevel: String?
    @Option(name: .customLong("log-format"), help: Setting.logFormat.flagHelp("text (one line per entry) or json (one JSON object per line)."))
    var logFormat: String?
    @Flag(inversion: .prefixedNo, help: Setting.metrics.flagHelp("Serve GET /metrics (Prometheus text format) on the admin listener."))
    var metrics: Bool?
    @Option(name: .customLong("rate"), help: Setting.rate.flagHelp("Requests per second each token regains (burst: twice this)."))
    var rate: String?
    @Option(name: .customLong("idle-timeout"),
            help: Setting.idleTimeout.flagHelp("Seconds a connection may stay idle (a slow client included) before it is closed."))
    var idleTimeout: String?
    @Option(name: .customLong("shutdown-grace"),
            help: Setting.shutdownGrace.flagHelp("Seconds the requests in flight may take to finish after SIGTERM or SIGINT before they are cut off (their transactions roll back)."))
    var shutdownGrace: String?
    @Flag(name: .customLong("public-only"),
          help: Setting.publicOnly.flagHelp("Serve the public site (/public) and health alone: the listener to expose to the internet."))
    var publicOnly = false
    @Option(name: .customLong("public-url"), help: Setting.publicURL.flagHelp("Where residents reach /public from outside (https://gov.example/public), for the notices' QR codes."))
    var publicURL: String?
    @Option(name: .customLong("public-cache"), help: Setting.publicCache.flagHelp("Seconds a public page is answered from memory (0: never; what Cache-Control says)."))
    var publicCache: String?
    @Option(name: .customLong("public-rate"), help: Setting.publicRate.flagHelp("Public pages each client address may have made afresh per second (cached ones are free)."))
    var publicRate: String?
    @Option(name: .customLong("failed-auth-rate"),
            help: Setting.failedAuthRate.flagHelp("Failed API authentications and console sign-in attempts each client address regains per second (burst: 20 times this; then 429)."))
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
