public import Foundation
import HTTPTypes
import Logging
public import RegistryStore

/// What the handlers share: the database, the limits, and the per-token rate limiter.
public struct APIServices: Sendable {
    public let database: RegistryDatabase
    public let configuration: APIConfiguration
    let rateLimiter: RateLimiter<Int64>
    /// Failed authentications per client address.
    let failedLogins: RateLimiter<String>
    let tenants: TenantDirectory
    /// Open311 requests filed per client application, and Open311 reads per client address.
    let open311Clients: RateLimiter<Int64>
    let open311Reads: RateLimiter<String>
    /// The OpenAPI document of the routes served.
    let document: Data
    /// The migrations shipped with this build and not applied (for `/ready`).
    let pendingMigrations: @Sendable () async throws -> [String]

    /// Services over `database`; `pendingMigrations` asks the migrator what is not applied.
    public init(
        database: RegistryDatabase, configuration: APIConfiguration, document: Data = Data(),
        pendingMigrations: @escaping @Sendable () async throws -> [String]
    ) {
        self.document = document
        self.database = database
        self.configuration = configuration
        self.pendingMigrations = pendingMigrations
        rateLimiter = RateLimiter(burst: configuration.rateBurst, perSecond: configuration.ratePerSecond)
        failedLogins = RateLimiter(burst: configuration.failedLoginBurst, perSecond: configuration.failedLoginsPerSecond)
        tenants = TenantDirectory(database: database)
        open311Clients = RateLimiter(burst: configuration.open311Burst, perSecond: configuration.open311PerSecond)
        open311Reads = RateLimiter(burst: configuration.open311Burst * 5, perSecond: configuration.open311PerSecond * 5)
    }
}
