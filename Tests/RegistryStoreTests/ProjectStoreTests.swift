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
            let created = try await f.projects.create(draft([("R001", "5,000"), ("R002", "40")]), tenant: f.tenant, actor: f.actor)
            #expect(created.project.status == .planned)
            #expect(created.project.externalID == "GR-P\(created.project.id)")
            #expect(created.demands.map(\.state) == [.inProject, .inProject])
            #expect(created.allocations.map(\.held) == [500_000, 40])
            // While the project serves them, nobody takes its demands out of it by hand.
            let held = DemandID(created.demands[0].id)
            let refused = try await #require(throws: RegistryError.self) {
                try await DemandStore(database: f.database).transition(held, to: .accepted, tenant: f.tenant, actor: f.actor, visibility: .internal)
            }
            #expect(refused.englishMessage.contains("with its project"))
            #expect(try await f.remaining("R001") == 500_000)
            #expect(try await f.remaining("R002") == 60)
            let ledger = try await f.resources.show("R001", tenant: f.tenant, actor: f.actor).ledger
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
                try await f.projects.create(draft([("R001", "5000"), ("R002", "101")]), tenant: f.tenant, actor: f.actor)
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
            #expect(try await f.resources.show("R001", tenant: f.tenant, actor: f.actor).ledger.count == 1)
            await f.close()
        }
    }

    @Test func refusesDemandsThatAreNotOnTheListAndUnknownRows() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let draft = try await #require(throws: RegistryError.self) {
                try await f.projects.create(self.draft([], demands: ["D001", "D003"]), tenant: f.tenant, actor: f.actor)
            }
            #expect(draft.code == .illegalTransition)
            #expect(draft.chineseMessage.contains("草稿"))
            await #expect(throws: RegistryStoreError.notFound(kind: "resource 资源", key: "R999")) {
                try await f.projects.create(self.draft([("R999", "1")]), tenant: f.tenant, actor: f.actor)
            }
            await #expect(throws: RegistryStoreError.notFound(kind: "demand 需求", key: "D999")) {
                try await f.projects.create(self.draft([], demands: ["D999"]), tenant: f.tenant, actor: f.actor)
            }
            #expect(try await f.count("project") == 0)
            #expect(try await f.demandState("D001").0 == .accepted)
            await f.close()
        }
    }

    @Test func refusesATakenExternalIDAndADueDateBeforeTheStart() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            _ = try await f.projects.create(ProjectDraft(externalID: "P1", title: "修路", responsibleUnit: "U001", demands: ["D001"]), tenant: f.tenant, actor: f.actor)
            let taken = try await #require(throws: RegistryStoreError.self) {
                try await f.projects.create(ProjectDraft(externalID: "P1", title: "助老", responsibleUnit: "U002", demands: ["D002"]), tenant: f.tenant, actor: f.actor)
            }
            #expect("\(taken)".contains("已存在"))
            await #expect(throws: RegistryStoreError.self) {
                try await f.projects.create(ProjectDraft(title: "助老", responsibleUnit: "U002", demands: ["D002"],
                    startsOn: try CivilDate("2024-05-01"), dueOn: try CivilDate("2024-04-01")), tenant: f.tenant, actor: f.actor)
            }
            await #expect(throws: RegistryError.self) {
                try await f.projects.create(ProjectDraft(title: "  ", responsibleUnit: "U002", demands: ["D002"]), tenant: f.tenant, actor: f.actor)
            }
            #expect(try await f.demandState("D002").0 == .accepted)
            #expect(try await f.count("project") == 1)
            await f.close()
        }
    }

    @Test func completingResolvesTheDemandsAndRecordsTheSettledLevel() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.projects.create(draft([("R001", "5000")]), tenant: f.tenant, actor: f.actor).project.externalID!
            try await f.projects.start(id, tenant: f.tenant, actor: f.actor)
            try await f.projects.report(id, percent: 40, note: "路基完成", attachments: ["https://example.org/p/1.jpg"], tenant: f.tenant, actor: f.actor)
            let done = try await f.projects.complete(id, on: try CivilDate("2024-09-30"), tenant: f.tenant, actor: f.actor)
            #expect(done.project.status == .completed)
            #expect(done.project.completedOn?.description == "2024-09-30")
            #expect(try await f.demandState("D001") == (.resolved, "grid"))
            #expect(try await f.demandState("D002") == (.resolved, "grid"))
            // The draw stays drawn: the work used it.
            #expect(try await f.remaining("R001") == 500_000)
            let checked = try await f.projects.check(id, tenant: f.tenant, actor: f.actor)
            #expect(checked.project.status == .checked)
            let rated = try await f.projects.rate(id, score: 5, comment: "路修好了", tenant: f.tenant, actor: f.actor)
            #expect(rated.project.rating == 5)
            #expect(rated.ratingComment == "路修好了")
            // Its demands are rated with it.
            #expect(try await f.demandState("D001").0 == .rated)
            #expect(try await f.demandState("D002").0 == .rated)
            #expect(rated.events.map(\.to) == [.inProgress, .completed, .checked])
            #expect(rated.progress.map(\.attachments) == [["https://example.org/p/1.jpg"]])
            await f.close()
        }
    }

    @Test func cancellingReturnsWhatTheProjectHoldsAndPutsTheDemandsBack() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.projects.create(draft([("R001", "10000"), ("R002", "40")]), tenant: f.tenant, actor: f.actor).project.externalID!
            #expect(try await f.resources.show("R001", tenant: f.tenant, actor: f.actor).resource.status == .exhausted)
            try await f.projects.start(id, tenant: f.tenant, actor: f.actor)
            await #expect(throws: RegistryError.self) { try await f.projects.cancel(id, reason: "  ", tenant: f.tenant, actor: f.actor) }
            let cancelled = try await f.projects.cancel(id, reason: "资金未到位", tenant: f.tenant, actor: f.actor)
            #expect(cancelled.project.status == .cancelled)
            #expect(cancelled.cancelReason == "资金未到位")
            #expect(cancelled.allocations.map(\.held) == [0, 0])
            #expect(try await f.remaining("R001") == 1_000_000)
            #expect(try await f.remaining("R002") == 100)
            let r001 = try await f.resources.show("R001", tenant: f.tenant, actor: f.actor)
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
            let id = try await f.projects.create(draft([]), tenant: f.tenant, actor: f.actor).project.externalID!
            // planned: no completion, check, report or rating.
            let complete = await refused { try await f.projects.complete(id, tenant: f.tenant, actor: f.actor) }
            #expect(complete?.code == .illegalTransition)
            #expect(complete?.chineseMessage.contains("可转为：实施中（in_progress）、已取消（cancelled）") == true)
            #expect(await refused { try await f.projects.check(id, tenant: f.tenant, actor: f.actor) }?.code == .illegalTransition)
            #expect(await refused { try await f.projects.report(id, percent: 10, tenant: f.tenant, actor: f.actor) }?.code == .notAllowedInState)
            #expect(await refused { try await f.projects.rate(id, score: 4, tenant: f.tenant, actor: f.actor) }?.code == .notAllowedInState)
            try await f.projects.start(id, tenant: f.tenant, actor: f.actor)
            #expect(await refused { try await f.projects.start(id, tenant: f.tenant, actor: f.actor) }?.code == .illegalTransition)
            try await f.projects.report(id, percent: 60, tenant: f.tenant, actor: f.actor)
            let back = await refused { try await f.projects.report(id, percent: 50, tenant: f.tenant, actor: f.actor) }
            #expect(back?.code == .progressWentBack)
            #expect(back?.chineseMessage.contains("60%") == true)
            #expect(await refused { try await f.projects.report(id, percent: 101, tenant: f.tenant, actor: f.actor) }?.code == .invalidValue)
            try await f.projects.complete(id, tenant: f.tenant, actor: f.actor)
            #expect(await refused { try await f.projects.cancel(id, reason: "晚了", tenant: f.tenant, actor: f.actor) }?.code == .illegalTransition)
            try await f.projects.rate(id, score: 4, tenant: f.tenant, actor: f.actor)
            #expect(await refused { try await f.projects.rate(id, score: 5, tenant: f.tenant, actor: f.actor) }?.code == .alreadyRated)
            try await f.projects.check(id, tenant: f.tenant, actor: f.actor)
            let final = await refused { try await f.projects.cancel(id, reason: "晚了", tenant: f.tenant, actor: f.actor) }
            #expect(final?.chineseMessage.contains("终态") == true)
            await #expect(throws: RegistryStoreError.self) {
                try await f.projects.report(id, percent: 70, attachments: ["file:///etc/passwd"], tenant: f.tenant, actor: f.actor)
            }
            await f.close()
        }
    }

    @Test func milestonesAreAddedAndReached() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            let id = try await f.projects.create(draft([]), tenant: f.tenant, actor: f.actor).project.externalID!
            let added = try await f.projects.addMilestone(id, title: "材料到位", dueOn: try CivilDate("2024-05-01"), tenant: f.tenant, actor: f.actor)
            let milestone = try #require(added.milestones.first)
            let reached = try await f.projects.reachMilestone(id, milestone: milestone.id, on: try CivilDate("2024-04-28"), tenant: f.tenant, actor: f.actor)
            #expect(reached.milestones.first?.doneOn?.description == "2024-04-28")
            await #expect(throws: RegistryStoreError.self) {
                try await f.projects.reachMilestone(id, milestone: 999_999, tenant: f.tenant, actor: f.actor)
            }
            // A cancelled project's milestones no longer change.
            let second = try await f.projects.addMilestone(id, title: "竣工", tenant: f.tenant, actor: f.actor).milestones.last!
            _ = try await f.projects.cancel(id, reason: "改由街道实施", tenant: f.tenant, actor: f.actor)
            let late = await refused { try await f.projects.reachMilestone(id, milestone: second.id, tenant: f.tenant, actor: f.actor) }
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
            let a = try await f.projects.create(first, tenant: f.tenant, actor: f.actor).project.id
            let b = try await f.projects.create(draft([], demands: ["D002"]), tenant: f.tenant, actor: f.actor).project.id
            try await f.projects.start("\(b)", tenant: f.tenant, actor: f.actor)
            let page1 = try await f.projects.list(ProjectQuery(limit: 1), tenant: f.tenant, actor: f.actor)
            #expect(page1.items.map(\.id) == [b])
            let page2 = try await f.projects.list(ProjectQuery(after: page1.nextCursor, limit: 1), tenant: f.tenant, actor: f.actor)
            #expect(page2.items.map(\.id) == [a])
            #expect(page2.nextCursor == nil)
            let q = { (query: ProjectQuery) in try await f.projects.list(query, tenant: f.tenant, actor: f.actor).items.map(\.id) }
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
