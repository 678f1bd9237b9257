import AdminAPI
import ArgumentParser
import Foundation
import GovregCommandLine
import Hummingbird
import Logging
import Metrics
import Migrations
import ServiceLifecycle
import UnixSignals

/// `govreg serve`: the HTTP admin API until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "HTTP 接口 Serve the HTTP admin API under /v1 (document at /v1/openapi.json).",
        discussion: """
            Stops on SIGTERM or SIGINT: it stops accepting connections, finishes the requests in flight \
            (for at most --shutdown-grace seconds, then cuts them off), then closes the database pool. One log line per request goes to standard error (--log-format json: \
            one JSON object per line), with the request's id (X-Request-Id), which its database transactions \
            also carry as application_name ("govreg req=<id>" in pg_stat_activity).

            指标 GET /metrics gives Prometheus' text format on this listener (never with --public-only). It needs \
            no token: whoever reaches this address reads it, so keep the admin listener on loopback or the \
            intranet (or restrict /metrics at a proxy), or turn it off with --no-metrics.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(name: .customLong("pool-size"), help: "Database connections of the application role.") var poolSize = 16
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"
    @Option(name: .customLong("log-format"), help: "text (one line per entry) or json (one JSON object per line).") var logFormat = "text"
    @Flag(inversion: .prefixedNo, help: "Serve GET /metrics (Prometheus text format) on the admin listener.") var metrics = true
    @Option(name: .customLong("rate"), help: "Requests per second each token regains (burst: twice this).") var rate = 100.0
    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may stay idle (a slow client included) before it is closed.")
    var idleTimeout: Int64 = 30
    @Option(name: .customLong("shutdown-grace"),
            help: "Seconds the requests in flight may take to finish after SIGTERM or SIGINT before they are cut off (their transactions roll back).")
    var shutdownGrace = 30
    @Flag(name: .customLong("public-only"), help: "Serve the public site (/public) and health alone: the listener to expose to the internet.")
    var publicOnly = false
    @Option(name: .customLong("public-url"), help: "Where residents reach /public from outside (https://gov.example/public), for the notices' QR codes.")
    var publicURL: String?
    @Option(name: .customLong("public-cache"), help: "Seconds a public page is answered from memory (0: never; what Cache-Control says).")
    var publicCache = 30
    @Option(name: .customLong("public-rate"), help: "Public pages each client address may have made afresh per second (cached ones are free).")
    var publicRate = 50.0
    @Option(name: .customLong("failed-auth-rate"),
            help: "Failed API authentications and console sign-in attempts each client address regains per second (burst: 20 times this); then 429.")
    var failedAuthRate = 1.0

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        guard (1...500).contains(poolSize) else { throw ValidationError("--pool-size must be 1–500") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level \(logLevel)") }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format: unknown format \(logFormat); use text or json") }
        guard rate > 0 else { throw ValidationError("--rate must be positive") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1–3600 seconds") }
        guard (1...3600).contains(shutdownGrace) else { throw ValidationError("--shutdown-grace must be 1–3600 seconds") }
        guard publicRate > 0 else { throw ValidationError("--public-rate must be positive") }
        guard failedAuthRate > 0 else { throw ValidationError("--failed-auth-rate must be positive") }
        guard (0...86_400).contains(publicCache) else { throw ValidationError("--public-cache must be 0–86400 seconds") }
        try PublishCommand.checkPublicURL(publicURL)
    }

    func run() async throws {
        let terminal = Terminal()
        if logFormat == "json" {
            LoggingSystem.bootstrap { JSONLogHandler.standardError(label: $0) }
        } else {
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
        }
        // Before the pools exist: the registry's figures are recorded by the process's factory.
        let export: MetricsExport? = metrics && !publicOnly ? MetricsExport() : nil
        if let export { MetricsSystem.bootstrap(export.factory) }
        var logger = Logger(label: "govreg.http")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let connection = try database.connectionConfiguration(terminal: terminal)
        let migrator = try database.migrator(connection, terminal: terminal, migrations: migrations)
        let api = APIConfiguration(host: host, port: port, rateBurst: Int(rate * 2), ratePerSecond: rate, idleTimeoutSeconds: idleTimeout,
                                    failedLoginBurst: Int(failedAuthRate * 20), failedLoginsPerSecond: failedAuthRate,
                                    publicOnly: publicOnly, publicURL: publicURL, publicCacheSeconds: publicCache, publicMissesPerSecond: publicRate,
                                    metrics: export)
        try await database.withRegistry(terminal: terminal, migrations: migrations, maxConnections: poolSize) { registry in
            let app = buildApplication(database: registry, configuration: api, logger: logger) {
                try await migrator.plan().pending.map(\.identifier)
            }
            // With JSON logs, standard error holds JSON lines only: these go through the logger.
            let announce = { (text: String) in
                if logFormat == "json" { logger.notice("\(text)") } else { terminal.progress(text) }
            }
            if !publicOnly {
                announce("govreg API: http://\(host):\(port)/v1 (OpenAPI /v1/openapi.json, health /health, ready /ready)")
                if metrics { announce("metrics 指标: http://\(host):\(port)/metrics (Prometheus)") }
            }
            announce("public site 公示: http://\(host):\(port)/public/{district}/")
            // Bounded: a client trickling an upload must not hold a stop (systemd's, a
            // deployment's) until it is killed; past the grace the requests are cancelled.
            var lifecycle = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            lifecycle.maximumGracefulShutdownDuration = .seconds(shutdownGrace)
            lifecycle.maximumCancellationDuration = .seconds(10)
            try await ServiceGroup(configuration: lifecycle).run()
        }
    }
}
