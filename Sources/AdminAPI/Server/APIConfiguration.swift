import HTTPTypes
/// How `govreg serve` listens and what it allows.
public struct APIConfiguration: Sendable {
    /// The largest JSON body, in bytes (1 MiB); larger ones get 413.
    public static let defaultBodyLimit = 1 << 20

    public var host: String
    public var port: Int
    /// The largest JSON body accepted.
    public var bodyLimit: Int
    /// The largest file accepted by the import routes (64 MiB).
    public var importLimit: Int
    /// Most items on one page of a list.
    public var maximumPageSize: Int
    /// Requests a token may make in a burst, and how many it regains per second.
    public var rateBurst: Int
    public var ratePerSecond: Double
    /// Seconds a connection may sit idle (a slow client included) before it is closed.
    public var idleTimeoutSeconds: Int64
    /// Failed authentications a client address may make at once, and how many it regains per second.
    public var failedLoginBurst: Int
    public var failedLoginsPerSecond: Double
    /// Serve the public site (and health) alone, for the listener a district exposes to the
    /// internet while the admin API stays on the intranet.
    public var publicOnly: Bool
    /// Where residents reach the public site (`https://gov.example/public`), for the notices' QR codes.
    public var publicURL: String?
    /// How long a public page is answered from memory (and what `Cache-Control` says).
    public var publicCacheSeconds: Int
    /// Public pages a client address may have made afresh each second (bursts of four times
    /// this); pages answered from the cache do not count.
    public var publicMissesPerSecond: Double
    /// Open311 requests a client application may file at once, and how many it regains per
    /// second; reads are allowed five times as many per client address.
    public var open311Burst: Int
    public var open311PerSecond: Double
    /// Where `GET /metrics` reads its figures (nil: no `/metrics`); never on a public-only listener.
    public var metrics: MetricsExport?

    /// The defaults: loopback, port 8080.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, bodyLimit: Int = Self.defaultBodyLimit, importLimit: Int = 64 << 20,
        maximumPageSize: Int = 200, rateBurst: Int = 200, ratePerSecond: Double = 100, idleTimeoutSeconds: Int64 = 30,
        failedLoginBurst: Int = 20, failedLoginsPerSecond: Double = 1, publicOnly: Bool = false, publicURL: String? = nil,
        publicCacheSeconds: Int = 30, publicMissesPerSecond: Double = 50, open311Burst: Int = 20, open311PerSecond: Double = 2,
        metrics: MetricsExport? = nil
    ) {
        self.metrics = metrics
        self.open311Burst = open311Burst
        self.open311PerSecond = open311PerSecond
        self.publicMissesPerSecond = publicMissesPerSecond
        self.publicOnly = publicOnly
        self.publicURL = publicURL
        self.publicCacheSeconds = publicCacheSeconds
        self.failedLoginBurst = failedLoginBurst
        self.failedLoginsPerSecond = failedLoginsPerSecond
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.importLimit = importLimit
        self.maximumPageSize = maximumPageSize
        self.rateBurst = rateBurst
        self.ratePerSecond = ratePerSecond
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
