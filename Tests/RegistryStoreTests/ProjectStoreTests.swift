import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing

/// The domain's refusal of an operation, or nil when it went through.
private func refused(_ body: () async throws -> ProjectDetail) async -> RegistryError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? RegistryError
    }
}

@Suite struct ProjectStoreTests {
    private func draft(_ allocations: [(String, String)], demands: [String] = ["D001", "D002"]) -> ProjectDraft {
        ProjectDraft(
            title: "幸福路修补与助老", responsibleUnit: "U001", demands: demands,
            allocations: allocations.map { ProjectAllocationRequest(resource: $0.0, quantity: $0.1) }, budget: .yuan(5_000))
    }

    @Test func creatingAProjectMovesDemandsAndDrawsResourcesInOneTransaction() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let created = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([("R001", "5,000"), ("R002", "40")]), in: tx) }
            #expect(created.project.status == .planned)
            #expect(created.project.externalID == "GR-P\(created.project.id)")
            #expect(created.demands.map(\.state) == [.inProject, .inProject])
            #expect(created.allocations.map(\.held) == [500_000, 40])
            // While the project serves them, nobody takes its demands out of it by hand.
            let held = DemandID(created.demands[0].id)
            let refused = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await DemandStore.transition(held, to: .accepted, visibility: .internal, in: tx) }
            }
            #expect(refused.englishMessage.contains("with its project"))
            #expect(try await f.remaining("R001") == 500_000)
            #expect(try await f.remaining("R002") == 60)
            let ledger = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }.ledger
            #expect(ledger.map(\.kind) == [.pledged, .drawn])
            #expect(ledger[1].projectID == created.project.id)
            // Each demand's move is an event, public since residents now see "in progress".
            let events = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await tx.connection.query("SELECT from_state, to_state, visibility FROM demand_event WHERE tenant_id = \(f.tenant) ORDER BY id")
                    .map { "\(try $0.decode(String.self, "from_state"))→\(try $0.decode(String.self, "to_state")) \(try $0.decode(String.self, "visibility"))" }
            }
            #expect(events == ["accepted→in_project public", "accepted→in_project public"])
            await f.close()
        }
    }

    @Test func aFailureHalfwayLeavesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            // The first allocation fits, the second overdraws: the database refuses it, and
            // the project, its rows, the first draw and the demands' moves are all undone.
            let error = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([("R001", "5000"), ("R002", "101")]), in: tx) }
            }
            #expect(error.code == .insufficientRemaining)
            #expect(error.chineseMessage.contains("志愿服务"))
            #expect(error.chineseMessage.contains("R002"))
            #expect(error.englishMessage.contains("the database refused the overdraw"))
            for table in ["project", "project_demand", "project_allocation", "demand_event"] {
                #expect(try await f.count(table) == 0, "\(table)")
            }
            #expect(try await f.remaining("R001") == 1_000_000)
            #expect(try await f.demandState("D001").0 == .accepted)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }.ledger.count == 1)
            await f.close()
        }
    }

    @Test func refusesDemandsThatAreNotOnTheListAndUnknownRows() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let draft = try await #require(throws: RegistryError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(self.draft([], demands: ["D001", "D003"]), in: tx) }
            }
            #expect(draft.code == .illegalTransition)
            #expect(draft.chineseMessage.contains("草稿"))
            await #expect(throws: RegistryStoreError.notFound(kind: "resource 资源", key: "R999")) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(self.draft([("R999", "1")]), in: tx) }
            }
            await #expect(throws: RegistryStoreError.notFound(kind: "demand 需求", key: "D999")) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(self.draft([], demands: ["D999"]), in: tx) }
            }
            #expect(try await f.count("project") == 0)
            #expect(try await f.demandState("D001").0 == .accepted)
            await f.close()
        }
    }

    @Test func refusesATakenExternalIDAndADueDateBeforeTheStart() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(externalID: "P1", title: "修路", responsibleUnit: "U001", demands: ["D001"]), in: tx) }
            let taken = try await #require(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(externalID: "P1", title: "助老", responsibleUnit: "U002", demands: ["D002"]), in: tx) }
            }
            #expect("\(taken)".contains("已存在"))
            await #expect(throws: InvalidFields.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(title: "助老", responsibleUnit: "U002", demands: ["D002"],
                    startsOn: try CivilDate("2024-05-01"), dueOn: try CivilDate("2024-04-01")), in: tx) }
            }
            await #expect(throws: InvalidFields.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(ProjectDraft(title: "  ", responsibleUnit: "U002", demands: ["D002"]), in: tx) }
            }
            #expect(try await f.demandState("D002").0 == .accepted)
            #expect(try await f.count("project") == 1)
            await f.close()
        }
    }

    @Test func completingResolvesTheDemandsAndRecordsTheSettledLevel() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([("R001", "5000")]), in: tx) }.project.externalID!
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(id, in: tx) }
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(id, percent: 40, note: "路基完成", attachments: ["https://example.org/p/1.jpg"], in: tx) }
            let done = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.complete(id, on: try CivilDate("2024-09-30"), in: tx) }
            #expect(done.project.status == .completed)
            #expect(done.project.completedOn?.description == "2024-09-30")
            #expect(try await f.demandState("D001") == (.resolved, "grid"))
            #expect(try await f.demandState("D002") == (.resolved, "grid"))
            // The draw stays drawn: the work used it.
            #expect(try await f.remaining("R001") == 500_000)
            let checked = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.check(id, in: tx) }
            #expect(checked.project.status == .checked)
            let rated = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.rate(id, score: 5, comment: "路修好了", in: tx) }
            #expect(rated.project.rating == 5)
            #expect(rated.ratingComment == "路修好了")
            // Its demands are rated with it.
            #expect(try await f.demandState("D001").0 == .rated)
            #expect(try await f.demandState("D002").0 == .rated)
            #expect(rated.events.map(\.to) == [.inProgress, .completed, .checked])
            // The report filed, then the completion's 100%: a completed project reads 100.
            #expect(rated.progress.map(\.attachments) == [["https://example.org/p/1.jpg"], []])
            #expect(rated.progress.map(\.percent).last == 100 && rated.project.progressPercent == 100)
            await f.close()
        }
    }

    @Test func cancellingReturnsWhatTheProjectHoldsAndPutsTheDemandsBack() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([("R001", "10000"), ("R002", "40")]), in: tx) }.project.externalID!
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }.resource.status == .exhausted)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(id, in: tx) }
            await #expect(throws: RegistryError.self) { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(id, reason: "  ", in: tx) } }
            let cancelled = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(id, reason: "资金未到位", in: tx) }
            #expect(cancelled.project.status == .cancelled)
            #expect(cancelled.cancelReason == "资金未到位")
            #expect(cancelled.allocations.map(\.held) == [0, 0])
            #expect(try await f.remaining("R001") == 1_000_000)
            #expect(try await f.remaining("R002") == 100)
            let r001 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ResourceStore.show("R001", in: tx) }
            #expect(r001.resource.status == .available)
            #expect(r001.ledger.map(\.kind) == [.pledged, .drawn, .returned])
            #expect(try await f.demandState("D001").0 == .accepted)
            #expect(try await f.demandState("D002").0 == .accepted)
            await f.close()
        }
    }

    @Test func theWorkflowIsTheDomainsThroughTheStore() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([]), in: tx) }.project.externalID!
            // planned: no completion, check, report or rating.
            let complete = await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.complete(id, in: tx) } }
            #expect(complete?.code == .illegalTransition)
            #expect(complete?.chineseMessage.contains("可转为：实施中（in_progress）、已取消（cancelled）") == true)
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.check(id, in: tx) } }?.code == .illegalTransition)
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(id, percent: 10, in: tx) } }?.code == .notAllowedInState)
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.rate(id, score: 4, in: tx) } }?.code == .notAllowedInState)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(id, in: tx) }
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(id, in: tx) } }?.code == .illegalTransition)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(id, percent: 60, in: tx) }
            let back = await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(id, percent: 50, in: tx) } }
            #expect(back?.code == .progressWentBack)
            #expect(back?.chineseMessage.contains("60%") == true)
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(id, percent: 101, in: tx) } }?.code == .invalidValue)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.complete(id, in: tx) }
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(id, reason: "晚了", in: tx) } }?.code == .illegalTransition)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.rate(id, score: 4, in: tx) }
            #expect(await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.rate(id, score: 5, in: tx) } }?.code == .alreadyRated)
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.check(id, in: tx) }
            let final = await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(id, reason: "晚了", in: tx) } }
            #expect(final?.chineseMessage.contains("终态") == true)
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.report(id, percent: 70, attachments: ["file:///etc/passwd"], in: tx) }
            }
            await f.close()
        }
    }

    @Test func milestonesAreAddedAndReached() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([]), in: tx) }.project.externalID!
            let added = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.addMilestone(id, title: "材料到位", dueOn: try CivilDate("2024-05-01"), in: tx) }
            let milestone = try #require(added.milestones.first)
            let reached = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.reachMilestone(id, milestone: milestone.id, on: try CivilDate("2024-04-28"), in: tx) }
            #expect(reached.milestones.first?.doneOn?.description == "2024-04-28")
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.reachMilestone(id, milestone: 999_999, in: tx) }
            }
            // A cancelled project's milestones no longer change.
            let second = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.addMilestone(id, title: "竣工", in: tx) }.milestones.last!
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.cancel(id, reason: "改由街道实施", in: tx) }
            let late = await refused { try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.reachMilestone(id, milestone: second.id, in: tx) } }
            #expect(late?.code == .notAllowedInState)
            await f.close()
        }
    }

    @Test func listsFilterAndPageNewestFirst() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            var first = draft([], demands: ["D001"])
            first.startsOn = try CivilDate("2024-03-01")
            first.dueOn = try CivilDate("2024-04-30")
            let a = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(first, in: tx) }.project.id
            let b = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(draft([], demands: ["D002"]), in: tx) }.project.id
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start("\(b)", in: tx) }
            let page1 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.list(ProjectQuery(limit: 1), in: tx) }
            #expect(page1.items.map(\.id) == [b])
            let page2 = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.list(ProjectQuery(after: page1.nextCursor, limit: 1), in: tx) }
            #expect(page2.items.map(\.id) == [a])
            #expect(page2.nextCursor == nil)
            let q = { (query: ProjectQuery) in try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.list(query, in: tx) }.items.map(\.id) }
            #expect(try await q(ProjectQuery(status: .inProgress)) == [b])
            #expect(try await q(ProjectQuery(category: "养老服务")) == [b])
            #expect(try await q(ProjectQuery(orgCode: "C01")) == [a])
            #expect(try await q(ProjectQuery(orgCode: "T01")) == [b, a])
            #expect(try await q(ProjectQuery(from: try CivilDate("2024-05-01"))) == [b])
            #expect(try await q(ProjectQuery(to: try CivilDate("2024-03-31"))) == [b, a])
            #expect(try await q(ProjectQuery(unit: "U002")) == [])
            await f.close()
        }
    }
}
