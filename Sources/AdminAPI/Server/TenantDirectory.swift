import Foundation
import HTTPTypes
import Registry
import RegistryStore

/// Finds a tenant by the slug, division code or id in a URL, remembering the answer for a
/// minute: a path names the tenant on every request, and tenants are rarely created and
/// never renamed. Whether a tenant is archived is not taken from here: every transaction
/// reads that itself (``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
actor TenantDirectory {
    private let database: RegistryDatabase
    private var known: [String: (id: UUID, at: ContinuousClock.Instant)] = [:]

    init(database: RegistryDatabase) { self.database = database }

    /// The tenant's id, or `nil` when there is none by that key.
    func id(of key: String) async throws -> UUID? {
        let now = ContinuousClock.now
        if let hit = known[key], now - hit.at < .seconds(60) { return hit.id }
        do {
            let id = try await TenantStore(database: database).find(key).id
            if known.count > 10_000 { known.removeAll() }
            known[key] = (id, now)
            return id
        } catch RegistryStoreError.tenantNotFound {
            return nil
        }
    }
}
