import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
import Console
import Disclosure
public import RegistryStore

/// Builds the HTTP API over `database`: what `govreg serve` runs and what the tests call.
///
/// ```swift
/// let app = buildApplication(database: registry, configuration: APIConfiguration(port: 8080), logger: logger) {
///     try await migrator.plan().pending.map(\.identifier)
/// }
/// try await app.runService()   // until SIGTERM or SIGINT: stops accepting, finishes in-flight requests
/// ```
public func buildApplication(
    database: RegistryDatabase, configuration: APIConfiguration, logger: Logger,
    pendingMigrations: @escaping @Sendable () async throws -> [String]
) -> some ApplicationProtocol {
    // The public-only listener keeps health and readiness, and nothing else of the API.
    let table = configuration.publicOnly ? APIRouteTable(routes: HealthRoutes.routes.filter { !$0.path.hasPrefix("/v1") }) : APIRouteTable.v1(modules: database.modules)
    let services = APIServices(
        database: database, configuration: configuration, document: OpenAPIDocument.json(table), pendingMigrations: pendingMigrations)
    let router = Router(context: APIContext.self)
    router.add(middleware: RequestLogMiddleware(routes: RouteMethods(table), figures: database.figures))
    router.add(middleware: AuthenticationMiddleware(services: services))
    table.register(on: router, services: services)
    PublicRoutes.register(
        on: router, site: PublicSite(database: database, baseURL: configuration.publicURL),
        cache: PublicCache(lifetime: .seconds(configuration.publicCacheSeconds)), missesPerSecond: configuration.publicMissesPerSecond)
    // Open311 GeoReport v2 for residents' apps and hotline systems, on both listeners: it is
    // a public door, keyed per client application.
    Open311Routes.register(on: router, services: services)
    // The figures show internals: the admin listener only.
    if !configuration.publicOnly, let metrics = configuration.metrics {
        metrics.register(on: router, database: database)
    }
    // The web console, beside the API on the same listener (not on the public-only one).
    if !configuration.publicOnly {
        var console = Console.Configuration(secureCookies: configuration.publicURL?.hasPrefix("https://") ?? false)
        let failedLogins = services.failedLogins
        console.admitSignIn = { address in await failedLogins.admit(address) }
        Console(database: database, configuration: console, logger: logger).register(on: router) { $0.clientAddress }
    }
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(configuration.idleTimeoutSeconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "govreg"),
        services: [IdempotencyKeySweeper(database: database, logger: logger)],
        logger: logger
    )
}
