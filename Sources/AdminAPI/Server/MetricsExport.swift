import HTTPTypes
import Hummingbird
import NIOCore
import Postgres
public import Prometheus
import RegistryStore

/// `GET /metrics`: the figures of ``RegistryFigures`` in Prometheus' text format.
///
/// Served on the admin listener only, never with `--public-only`: it shows routes, error
/// rates and pool sizes, which are internals. It needs no token (a Prometheus server scrapes
/// it as is), so whoever reaches the admin listener reads it: keep that listener on
/// loopback or the intranet, or put a proxy that restricts `/metrics` in front of it.
///
/// ```swift
/// let export = MetricsExport()
/// MetricsSystem.bootstrap(export.factory)   // once, in `govreg serve`
/// let app = buildApplication(database: registry, configuration: APIConfiguration(metrics: export), logger: logger) { [] }
/// ```
public struct MetricsExport: Sendable {
    /// Where the figures are kept until scraped.
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// The swift-metrics backend that records into ``registry``: HTTP requests timed in the
    /// default buckets (5 ms – 10 s), imports and matchings in longer ones (10 ms – 10 min).
    public var factory: PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        let long: [Duration] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
        ]
        for name in [RegistryFigures.Name.importDuration, RegistryFigures.Name.matchingSolve, RegistryFigures.Name.matchingAccept] {
            factory.durationHistogramBuckets[name] = long
        }
        return factory
    }

    /// Adds `GET /metrics`: the pools' gauges are read at the scrape, then everything is written out.
    func register(on router: Router<APIContext>, database: RegistryDatabase) {
        let registry = registry
        router.get("/metrics") { _, _ -> Response in
            for (name, pool) in [("tenant", database.tenantPool), ("operator", database.operatorPool)] {
                let usage = await pool.usage
                database.figures.pool(name, inUse: usage.inUse, open: usage.open, waiting: usage.waiting)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
