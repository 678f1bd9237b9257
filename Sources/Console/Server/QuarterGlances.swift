import Disclosure
import Foundation
import Registry
import RegistryStore

/// This quarter's figures of each district, counted at most once a minute: on a district of
/// a million demands a count takes seconds (docs/benchmarks.md), and a dashboard is opened
/// far more often than its quarter's figures change in a way anyone acts on. The page says
/// when they were counted.
actor QuarterGlances {
    private var counted: [UUID: (at: Date, figures: QuarterFigures)] = [:]
    private let lifetime: TimeInterval = 60

    func figures(for visit: Visit) async throws -> (QuarterFigures, Date) {
        if let cached = counted[visit.tenantID], Date().timeIntervalSince(cached.at) < lifetime {
            return (cached.figures, cached.at)
        }
        let figures = try await visit.read(oneSnapshot: true) { tx in
            try await QuarterFigures.glance(quarter: Quarter(containing: try tx.today()), in: tx)
        }
        let now = Date()
        counted[visit.tenantID] = (now, figures)
        return (figures, now)
    }
}
