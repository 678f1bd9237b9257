import Foundation
import Postgres
import Registry
import RegistryStore
import Testing

/// The demand workflow driven through the store, against the real server: every move the
/// table allows, every move it refuses, escalation.
@Suite struct DemandStoreWorkflowTests {
    /// A demand filed as a draft and moved along the shortest allowed path to `state`. Only a
    /// project takes a demand into in_project (ProjectStoreTests drive those moves); here the
    /// row is set there directly, as the setup of the moves out of it.
    private func demand(in state: DemandState, _ f: DemandFixture) async throws -> DemandID {
        let id = try await f.file(try f.draft(), submit: false)
        for step in Self.path(to: state) {
            if step == .inProject {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                    try await tx.connection.execute("UPDATE demand SET state = 'in_project' WHERE tenant_id = \(f.tenant) AND id = \(id.rawValue)")
                }
            } else {
                try await move(id, to: step, f)
            }
        }
        return id
    }

    /// The shortest list of moves from draft to `state`, by the workflow's own table.
    private static func path(to state: DemandState) -> [DemandState] {
        var paths: [DemandState: [DemandState]] = [.draft: []]
        var queue: [DemandState] = [.draft]
        while !queue.isEmpty {
            let current = queue.removeFirst()
            for next in DemandWorkflow.allowedTargets(from: current) where paths[next] == nil {
                paths[next] = paths[current]! + [next]
                queue.append(next)
            }
        }
        return paths[state]!
    }

    /// One move, with what that move needs: a reason to reject, a target to merge into, a rating.
    @discardableResult
    private func move(_ id: DemandID, to target: DemandState, _ f: DemandFixture) async throws -> DemandEvent {
        let mergeTarget = target == .merged ? try await f.file(try f.draft("另一条需求")) : nil
        return try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(
            id, to: target, note: "到 \(target.chineseName)",
            reason: target == .rejected ? "不属于社区职责" : nil, mergedInto: mergeTarget,
            rating: target == .rated ? try Rating(score: 4, comment: "满意") : nil,
            visibility: DemandWorkflow.suggestedVisibility(from: .draft, to: target), in: tx) }
    }

    @Test func everyAllowedTransitionSucceedsAndRecordsItsEvent() async throws {
        try await DemandFixture.with { f in
            var checked = 0
            for from in DemandState.allCases {
                for to in DemandWorkflow.allowedTargets(from: from) where !DemandWorkflow.isProjectMove(from: from, to: to) {
                    let id = try await demand(in: from, f)
                    let before = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }
                    try await move(id, to: to, f)
                    let after = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }
                    #expect(after.demand.state == to, "\(from) → \(to)")
                    #expect(after.rowVersion == before.rowVersion + 1)
                    #expect(after.history.count == before.history.count + 1)
                    let event = try #require(after.history.last)
                    #expect(event.kind == .transition && event.fromState == from && event.toState == to)
                    #expect(event.actor == f.actor && event.note == "到 \(to.chineseName)")
                    switch to {
                    case .merged: #expect(after.demand.mergedInto != nil)
                    case .rated: #expect(after.demand.rating?.score == 4)
                    case .resolved: #expect(after.demand.settledLevel == .grid)
                    case .rejected: #expect(event.reason == "不属于社区职责")
                    default: break
                    }
                    checked += 1
                }
            }
            let byHand = DemandWorkflow.transitions.flatMap { from, targets in targets.filter { !DemandWorkflow.isProjectMove(from: from, to: $0) } }
            #expect(checked == byHand.count)
        }
    }

    @Test func onlyProjectsMoveDemandsIntoThem() async throws {
        try await DemandFixture.with { f in
            for from in [DemandState.accepted, .matched] {
                let id = try await demand(in: from, f)
                let before = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }
                let error = try await #require(throws: RegistryError.self) { try await move(id, to: .inProject, f) }
                #expect(error.code == .illegalTransition, "\(from)")
                #expect(error.englishMessage.contains("with its project"))
                #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) } == before)
            }
            // One a file loaded as in_project, with no project serving it, may be moved out by hand
            // (ProjectStoreTests: one a live project serves may not).
            let stray = try await demand(in: .inProject, f)
            try await move(stray, to: .accepted, f)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(stray, in: tx) }.demand.state == .accepted)
        }
    }

    @Test func everyRefusedTransitionChangesNothingAndNamesTheAllowedStates() async throws {
        try await DemandFixture.with { f in
            for from in DemandState.allCases {
                let id = try await demand(in: from, f)
                let before = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }
                let allowed = DemandWorkflow.allowedTargets(from: from)
                for to in DemandState.allCases where !allowed.contains(to) {
                    let error = try await #require(throws: RegistryError.self) {
                        try await move(id, to: to, f)
                    }
                    #expect(error.code == .illegalTransition, "\(from) → \(to)")
                    #expect(error.englishMessage.contains("is \(from.rawValue)"))
                    #expect(error.chineseMessage.contains(from.chineseName))
                    for state in allowed {
                        #expect(error.englishMessage.contains(state.rawValue) && error.chineseMessage.contains(state.chineseName))
                    }
                    if allowed.isEmpty { #expect(error.englishMessage.contains("final")) }
                }
                let after = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }
                #expect(after == before, "a refused move out of \(from) changed the demand")
            }
        }
    }

    @Test func movesThatNeedMoreAreRefusedWithoutThem() async throws {
        try await DemandFixture.with { f in
            let id = try await demand(in: .accepted, f)
            let noReason = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(id, to: .rejected, visibility: .internal, in: tx) }
            }
            #expect(noReason.code == .reasonRequired)
            let missing = try await #require(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(id, to: .merged, mergedInto: 999_999, visibility: .internal, in: tx) }
            }
            #expect(missing == .notFound(kind: "demand 需求", key: "999999"))
            let itself = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(id, to: .merged, mergedInto: id, visibility: .internal, in: tx) }
            }
            #expect(itself.code == .mergeIntoItself)
            let stale = try await #require(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(id, to: .resolved, visibility: .public, expectedVersion: 1, in: tx) }
            }
            guard case .staleVersion(_, _, let current, 1) = stale, current > 1 else {
                Issue.record("expected a stale version, got \(stale)")
                return
            }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }.demand.state == .accepted)
        }
    }

    @Test func escalationGoesUpOnlyAndIsRecorded() async throws {
        try await DemandFixture.with { f in
            let id = try await demand(in: .accepted, f)
            let escalation = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.escalate(id, to: .street, reason: "涉及多个部门", in: tx) }
            #expect(escalation.from == .grid && escalation.to == .street)
            let down = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.escalate(id, to: .community, reason: "再议", in: tx) }
            }
            #expect(down.code == .escalationNotUpward)
            let noReason = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.escalate(id, to: .district, reason: "  ", in: tx) }
            }
            #expect(noReason.code == .reasonRequired)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(id, to: .resolved, visibility: .public, in: tx) }
            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await DemandStore.get(id, in: tx) }
            #expect(detail.demand.escalationLevel == .street && detail.demand.settledLevel == .street)
            let recorded = try #require(detail.history.first { $0.kind == .escalation })
            #expect(recorded.fromLevel == .grid && recorded.toLevel == .street && recorded.reason == "涉及多个部门")
            #expect(recorded.visibility == .internal)
            #expect(detail.publicHistory.entries.map(\.status) == [.received, .done])

            let draft = try await f.file(try f.draft(), submit: false)
            let notFiled = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.escalate(draft, to: .community, reason: "急", in: tx) }
            }
            #expect(notFiled.code == .notAllowedInState)
        }
    }
}
