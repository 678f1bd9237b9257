import Disclosure
import Foundation
import Registry
import RegistryStore

/// What a district's dashboard counts, counted at most once a minute per district: the
/// demands by state and level (``DeskFigures``) and this quarter's figures
/// (``QuarterFigures/glance(quarter:in:)``). On a district of a million demands the two take
/// about two seconds together (scripts/bench-console), and a dashboard is opened far more
/// often than those figures change in a way anyone acts on. The page says when they were
/// counted. Views that arrive while a count runs wait for that count, not a count of their own.
actor DashboardCounts {
    struct Counts: Sendable {
        var desk: DeskFigures
        var quarter: QuarterFigures
        var at: Date
    }

    private var counting: [UUID: (started: Date, task: Task<Counts, any Error>)] = [:]
    private let lifetime: TimeInterval = 60

    func counts(for visit: Visit) async throws -> Counts {
        if let current = counting[visit.tenantID], Date().timeIntervalSince(current.started) < lifetime {
            return try await current.task.value
        }
        let task = Task<Counts, any Error> {
            try await visit.read(oneSnapshot: true) { tx in
                Counts(desk: try await DeskFigures.read(in: tx),
                       quarter: try await QuarterFigures.glance(quarter: Quarter(containing: try tx.today()), in: tx), at: Date())
            }
        }
        counting[visit.tenantID] = (Date(), task)
        do {
            return try await task.value
        } catch {
            // A failed count is not kept: the next view counts again.
            counting[visit.tenantID] = nil
            throw error
        }
    }
}
