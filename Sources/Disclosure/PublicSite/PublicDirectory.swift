import Foundation
import Registry

/// What every public page needs and seldom changes — a district by its slug, its streets and
/// communities, its categories — kept for a minute, so that a page costs one list query and
/// not four, and a burst of visitors does not queue on the owner's few connections.
actor PublicDirectory {
    struct Kept<Value: Sendable>: Sendable {
        var value: Value
        var at: ContinuousClock.Instant
    }

    private let lifetime: Duration
    private var tenants: [String: Kept<Tenant>] = [:]
    private var areas: [UUID: Kept<[PublicItems.Area]>] = [:]
    private var categories: [UUID: Kept<[(code: String, zh: String, en: String)]>] = [:]

    init(lifetime: Duration = .seconds(60)) {
        self.lifetime = lifetime
    }

    private func fresh<V>(_ kept: Kept<V>?) -> V? {
        guard let kept, ContinuousClock.now - kept.at < lifetime else { return nil }
        return kept.value
    }

    /// The district `slug`, from memory or `load` (only found districts are kept: a made-up
    /// slug is looked up again, and the caller limits how often).
    func tenant(_ slug: String, load: () async throws -> Tenant?) async throws -> Tenant? {
        if let tenant = fresh(tenants[slug]) { return tenant }
        guard let tenant = try await load() else { return nil }
        if tenants.count > 10_000 { tenants.removeAll() }
        tenants[slug] = Kept(value: tenant, at: .now)
        return tenant
    }

    func areas(_ tenant: UUID, load: () async throws -> [PublicItems.Area]) async throws -> [PublicItems.Area] {
        if let areas = fresh(areas[tenant]) { return areas }
        let loaded = try await load()
        areas[tenant] = Kept(value: loaded, at: .now)
        return loaded
    }

    func categories(
        _ tenant: UUID, load: () async throws -> [(code: String, zh: String, en: String)]
    ) async throws -> [(code: String, zh: String, en: String)] {
        if let categories = fresh(categories[tenant]) { return categories }
        let loaded = try await load()
        categories[tenant] = Kept(value: loaded, at: .now)
        return loaded
    }
}
