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

            配置 Each flag may also come from its environment variable (GOVREG_PORT for --port, GOVREG_POOL_SIZE \
            for --pool-size …) or from the configuration file (--config or GOVREG_CONFIG: serve.port …), in that \
            order after the flag; `govreg config` shows what a serve would use and where each value came from.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var migrations: MigrationOptions
    @OptionGroup var serve: ServeOptions

    /// Every setting, from the flags, the environment, the configuration file and the
    /// defaults; a bad one stops the command before anything starts.
    func settings() throws -> Settings {
        var flags = serve.given
        flags[.migrations] = migrations.migrationsFolder
        return try database.settings(adding: flags, checkingServe: true)
    }

    func validate() throws {
        _ = try settings()
    }

    func run() async throws {
        let terminal = Terminal()
        let settings = try self.settings()
        let host = settings.text(.host) ?? "127.0.0.1", port = settings.wholeNumber(.port)
        let logFormat = settings.text(.logFormat) ?? "text", publicOnly = settings.isOn(.publicOnly), metrics = settings.isOn(.metrics)
        let rate = settings.number(.rate), failedAuthRate = settings.number(.failedAuthRate)
        if logFormat == "json" {
            LoggingSystem.bootstrap { JSONLogHandler.standardError(label: $0) }
        } else {
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
        }
        // Before the pools exist: the registry's figures are recorded by the process's factory.
        let export: MetricsExport? = metrics && !publicOnly ? MetricsExport() : nil
        if let export { MetricsSystem.bootstrap(export.factory) }
        var logger = Logger(label: "govreg.http")
        logger.logLevel = settings.text(.logLevel).flatMap(Logger.Level.init(rawValue:)) ?? .info
        let connection = try database.connectionConfiguration(terminal: terminal)
        let migrator = try database.migrator(connection, terminal: terminal, migrations: migrations)
        let api = APIConfiguration(host: host, port: port, rateBurst: Int(rate * 2), ratePerSecond: rate,
                                    idleTimeoutSeconds: Int64(settings.wholeNumber(.idleTimeout)),
                                    failedLoginBurst: Int(failedAuthRate * 20), failedLoginsPerSecond: failedAuthRate,
                                    publicOnly: publicOnly, publicURL: settings.text(.publicURL), publicCacheSeconds: settings.wholeNumber(.publicCache),
                                    publicMissesPerSecond: settings.number(.publicRate), metrics: export)
        try await database.withRegistry(terminal: terminal, migrations: migrations, maxConnections: settings.wholeNumber(.poolSize)) { registry in
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
            lifecycle.maximumGracefulShutdownDuration = .seconds(settings.wholeNumber(.shutdownGrace))
            lifecycle.maximumCancellationDuration = .seconds(10)
            try await ServiceGroup(configuration: lifecycle).run()
        }
    }
}
