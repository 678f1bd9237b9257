import Foundation
import GovregTestSupport
import ListMatching
import Matching
import Postgres
import Registry
import RegistryStore
import Testing

extension ProjectFixture {

    /// Runs `sql` in the fixture's tenant (to change the lists behind a run's back).
    func execute(_ sql: SQL) async throws {
        try await database.withTenant(tenant, actor: actor) { tx in try await tx.connection.execute(sql) }
    }

    func demandStateNow(_ externalID: String) async throws -> DemandState { try await demandState(externalID).0 }
}

@Suite struct MatchingStoreTests {
    @Test func aRunRecordsItsAllocationsWithTheirTermsAndExplanations() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(run.id != nil)
            #expect(run.demands == 2)   // the draft D003 is not on the list yet
            #expect(run.resources == 2)
            #expect(run.allocations == 2)
            #expect(run.demandsFilled == 2)
            #expect(run.weightedSatisfaction == 3 * 500_000 + 3 * 40)
            #expect(run.fingerprint.count == 64)

            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }
            #expect(detail.served.map(\.externalID) == ["D002", "D001"])   // by category code: elderly_care, roads
            let roads = try #require(detail.served.last)
            #expect(roads.community == "东坡社区")
            #expect(roads.allocations.map(\.resourceExternalID) == ["R001"])
            #expect(roads.allocations[0].quantity == 500_000)
            // U001 contracts 东坡社区 (C01), which holds D001's grid: community distance 10, bonus −20.
            #expect(roads.allocations[0].terms == [
                CostTerm(name: "distance", amount: 10), CostTerm(name: "contract", amount: -20), CostTerm(name: "unit_cost", amount: 0),
            ])
            #expect(roads.explanation.demand == "D001")
            #expect(detail.unserved.isEmpty)
            #expect(detail.byCommunity.map(\.community) == ["东坡社区", "滨河社区"])
            #expect(detail.byUnit.map(\.unitExternalID) == ["U001", "U002"])
            #expect(try await f.count("matching_outcome") == 2)
            // Nothing in the lists moved.
            #expect(try await f.demandStateNow("D001") == .accepted)
            #expect(try await f.remaining("R001") == 1_000_000)
        }
    }

    @Test func aDryRunRecordsNothingAndTheSameListsGiveTheSameRun() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let dry = try await MatchingStore.run(MatchingRequest(dryRun: true), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(dry.id == nil)
            #expect(try await f.count("matching_run") == 0)
            let first = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let second = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(first.fingerprint == dry.fingerprint)
            let same = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.diff(first.id!, second.id!, in: tx) }
            #expect(same.sameInput && same.sameWeights)
            #expect((same.unchanged, same.added, same.removed, same.changed) == (2, 0, 0, 0))

            // Another weighting is another input; a category limits the run.
            let bonus = MatchingWeights(distance: .init(grid: 0, community: 5, street: 30, district: 60), contractBonus: 40, unitCostPerYuan: 1)
            let weighted = try await MatchingStore.run(MatchingRequest(category: "roads", weights: bonus), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(weighted.demands == 1 && weighted.category == "roads")
            let differ = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.diff(first.id!, weighted.id!, in: tx) }
            #expect(!differ.sameInput && !differ.sameWeights)
            #expect((differ.unchanged, differ.removed) == (1, 1))
            #expect(differ.changes.map(\.demand) == ["D002"])
            await #expect(throws: RegistryStoreError.notFound(kind: "category 类别", key: "no such")) {
                try await MatchingStore.run(MatchingRequest(category: "no such"), on: f.database, tenant: f.tenant, actor: f.actor)
            }
        }
    }

    @Test func storedWeightsApplyToRunsAndResetToTheDefaults() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            var weights = MatchingWeights.defaults
            weights.contractBonus = 70
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MatchingStore.setWeights(weights, in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.weights(in: tx) } == weights)
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(run.weights.contractBonus == 70)
            #expect(run.cost == (10 - 70) * (500_000 + 40))
            try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MatchingStore.setWeights(nil, in: tx) }
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.weights(in: tx) } == .defaults)
        }
    }

    @Test func acceptingMakesPlannedProjectsMovesTheDemandsAndDrawsTheResources() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: "test:admin")
            #expect(accepted.acceptedAllocations == 2 && accepted.declinedAllocations == 0)
            #expect(accepted.projects.count == 2 && accepted.projects.allSatisfy { $0.hasPrefix("GR-P") })
            #expect(accepted.drawn == [.yuan: 500_000, .volunteerHours: 40])
            #expect(try await f.demandStateNow("D001") == .inProject)
            #expect(try await f.demandStateNow("D002") == .inProject)
            #expect(try await f.remaining("R001") == 500_000)
            #expect(try await f.remaining("R002") == 60)

            let project = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await ProjectStore.show(accepted.projects[0], in: tx) }
            #expect(project.project.status == .planned)
            #expect(project.project.responsibleUnitExternalID == "U001")
            #expect(project.project.budget == .yuan(5_000))
            #expect(project.demands.map(\.externalID) == ["D001"])
            #expect(project.allocations.map(\.held) == [500_000])

            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }
            #expect(detail.run.status == "accepted" && detail.run.acceptedBy == "test:admin")
            #expect(Set(detail.served.flatMap(\.allocations).compactMap(\.projectExternalID)) == Set(accepted.projects))
            await #expect(throws: RegistryStoreError.self) {
                try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            }
        }
    }

    @Test func acceptRefusesWhenTheListsChangedNamingEveryConflictAndWritesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            try await f.execute("UPDATE demand SET state = 'withdrawn' WHERE tenant_id = \(f.tenant) AND external_id = 'D002'")
            try await f.execute("UPDATE resource SET status = 'withdrawn' WHERE tenant_id = \(f.tenant) AND external_id = 'R001'")
            do {
                try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
                Issue.record("accepted a stale run")
            } catch let conflict as MatchingConflict {
                #expect(conflict.conflicts.count == 2)
                #expect(conflict.conflicts[0].contains("D002") && conflict.conflicts[0].contains("withdrawn"))
                #expect(conflict.conflicts[1].contains("R001"))
            }
            #expect(try await f.count("project") == 0)
            #expect(try await f.demandStateNow("D001") == .accepted)
            #expect(try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }.run.status == "proposed")
        }
    }

    @Test func aLoweredCapacityIsAConflictButAcceptingOnlyTheUnaffectedAllocationWorks() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            // Another project draws 30 of R002's 100 hours: 70 left, still enough for the run's 40.
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.create(
                ProjectDraft(title: "助老", responsibleUnit: "U002", demands: ["D002"], allocations: [ProjectAllocationRequest(resource: "R002", quantity: "30")]), in: tx) }
            let detail = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }
            let numbers = Dictionary(uniqueKeysWithValues: detail.served.map { ($0.externalID!, $0.allocations[0].number) })
            await #expect(throws: MatchingConflict.self) {   // D002 is in a project now
                try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            }
            await #expect(throws: RegistryStoreError.self) {   // a number the run does not have
                try await MatchingStore.accept(run.id!, only: [99], on: f.database, tenant: f.tenant, actor: f.actor)
            }
            let accepted = try await MatchingStore.accept(run.id!, only: [numbers["D001"]!], on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(accepted.acceptedAllocations == 1 && accepted.declinedAllocations == 1)
            #expect(try await f.demandStateNow("D001") == .inProject)
            #expect(try await f.remaining("R002") == 70)
        }
    }

    @Test func twoAdminsAcceptingTheSameRunAtOnceExactlyOneSucceeds() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let results = await withTaskGroup(of: Bool.self) { group in
                for admin in ["test:a", "test:b", "test:c"] {
                    group.addTask { (try? await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: admin)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await f.count("project") == 2)
            #expect(try await f.remaining("R001") == 500_000)
        }
    }

    @Test func anotherTenantCannotSeeOrAcceptARun() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let other = try await f.sibling()
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            await #expect(throws: RegistryStoreError.notFound(kind: "matching run 匹配运行", key: "#\(run.id!)")) {
                try await other.database.withTenant(other.tenant, actor: other.actor, readOnly: true) { tx in try await MatchingStore.show(run.id!, in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) {
                try await MatchingStore.accept(run.id!, on: other.database, tenant: other.tenant, actor: other.actor)
            }
            #expect(try await other.database.withTenant(other.tenant, actor: other.actor, readOnly: true) { tx in try await MatchingStore.runs(in: tx) }.isEmpty)
            #expect(try await other.count("matching_allocation") == 0)
            #expect(try await f.demandStateNow("D001") == .accepted)
        }
    }
}

@Suite struct MatchingAcceptanceSafetyTests {
    @Test func aDemandThatChangedCategoryIsNoLongerEligibleAndAcceptRefuses() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            try await f.execute("UPDATE demand SET category_code = 'culture' WHERE tenant_id = \(f.tenant) AND external_id = 'D001'")
            do {
                try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
                Issue.record("accepted an allocation that is no longer eligible")
            } catch let conflict as MatchingConflict {
                #expect(conflict.conflicts.count == 1 && conflict.conflicts[0].contains("D001") && conflict.conflicts[0].contains("R001"))
            }
            #expect(try await f.count("project") == 0)
        }
    }

    @Test func acceptanceIsHistoryTheApplicationCannotRewrite() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            let deleting = await #expect(throws: PostgresError.self) {
                try await f.execute("DELETE FROM matching_acceptance WHERE tenant_id = \(f.tenant)")
            }
            #expect(deleting?.sqlState == "42501")
            let reopening = await #expect(throws: PostgresError.self) {
                try await f.execute("UPDATE matching_run SET status = 'proposed', accepted_at = NULL, accepted_by = NULL WHERE tenant_id = \(f.tenant)")
            }
            #expect(reopening?.sqlState == "23514")
        }
    }
}

/// Irreversible steps get a preview, and runs nobody accepts can be put aside.
@Suite struct MatchingPreviewAndDiscardTests {
    @Test func aDryRunListsTheProjectsItWouldMakeAndWritesNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let preview = try await MatchingStore.accept(run.id!, dryRun: true, on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(preview.dryRun && preview.created.count == 2)
            #expect(Set(preview.created.map(\.unit)) == ["县人民医院", "城关小学"])
            #expect(preview.created.allSatisfy { $0.description.contains("匹配运行 #\(run.id!)") })
            #expect(try await f.count("project") == 0)
            #expect(try await f.demandStateNow("D001") == .accepted)
            #expect(try await f.remaining("R001") == 1_000_000)
            // The preview is what accepting then does.
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            #expect(accepted.created.map(\.title) == preview.created.map(\.title) && !accepted.dryRun)
        }
    }

    @Test func aDiscardedRunStaysOnRecordAndCannotBeAccepted() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let first = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let discarded = try await f.database.withTenant(f.tenant, actor: "test:admin") { tx in try await MatchingStore.discard(first.id!, in: tx) }
            #expect(discarded.status == "discarded")
            await #expect(throws: RegistryStoreError.self) {
                try await MatchingStore.accept(first.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            }
            await #expect(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MatchingStore.discard(first.id!, in: tx) }
            }
            // Every proposed run older than a moment ago, and only those.
            let second = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let swept = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await MatchingStore.discardProposed(before: Date().addingTimeInterval(60), in: tx)
            }
            #expect(swept == [second.id!])
            #expect(try await f.count("matching_run") == 2)
        }
    }

    @Test func anAcceptedRunIsTakenBackWholeOnlyWhileNothingStarted() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            // One project started: the run cannot be taken back whole, and nothing changes.
            _ = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.start(accepted.projects[0], in: tx) }
            let refused = try await #require(throws: RegistryStoreError.self) {
                try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await MatchingStore.revoke(run.id!, reason: "重新匹配", in: tx) }
            }
            #expect("\(refused)".contains(accepted.projects[0]))
            #expect(try await f.demandStateNow("D002") == .inProject)

            // A second district-wide run, accepted and taken back before anything started.
            let projects = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await ProjectStore.cancel(accepted.projects[0], reason: "重来", in: tx)
                try await ProjectStore.cancel(accepted.projects[1], reason: "重来", in: tx)
                return try await tx.connection.query("SELECT count(*) AS n FROM project WHERE tenant_id = \(f.tenant) AND status = 'planned'")[0].decode(Int.self, "n")
            }
            #expect(projects == 0)
            let again = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let second = try await MatchingStore.accept(again.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            let cancelled = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                try await MatchingStore.revoke(again.id!, reason: "匹配权重有误", in: tx)
            }
            #expect(Set(cancelled) == Set(second.projects))
            #expect(try await f.demandStateNow("D001") == .accepted)
            #expect(try await f.demandStateNow("D002") == .accepted)
            #expect(try await f.remaining("R001") == 1_000_000)
            #expect(try await f.remaining("R002") == 100)
            let shown = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in try await MatchingStore.show(again.id!, in: tx) }
            #expect(shown.run.status == "revoked")
        }
    }

    /// What residents see follows what they were shown: a disclosed demand's project is
    /// disclosed, its public note names the project and who does the work, and a completed
    /// project reads 100%.
    @Test func disclosureFollowsTheDemandAndACompletedProjectReadsAHundred() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            try await f.execute("UPDATE demand SET is_public = true WHERE tenant_id = \(f.tenant) AND external_id = 'D001'")
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            let (roads, care) = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                (try await ProjectStore.show(accepted.projects[0], in: tx), try await ProjectStore.show(accepted.projects[1], in: tx))
            }
            #expect(roads.project.isPublic && roads.project.publishedOn != nil)
            #expect(!care.project.isPublic)
            let note = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                try await DemandStore.get(try await DemandStore.id(of: "D001", in: tx), in: tx)
            }.history.last { $0.kind == .transition }?.note ?? ""
            #expect(note.contains("道路维修资金") || note.contains("需求 D001"), "\(note)")
            #expect(note.contains("县人民医院") && !note.contains("匹配运行"), "\(note)")

            let done = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in
                _ = try await ProjectStore.start(accepted.projects[0], in: tx)
                return try await ProjectStore.complete(accepted.projects[0], in: tx)
            }
            #expect(done.project.progressPercent == 100)
            let published = try await f.database.withTenant(f.tenant, actor: f.actor) { tx in try await ProjectStore.publish(accepted.projects[1], in: tx) }
            let today = try CivilDate.todayInChina()
            #expect(published.project.isPublic && published.project.publishedOn == today)
        }
    }

    /// A district that discloses projects itself says so once: then an accepted run's projects
    /// stay internal whatever their demands show, until someone publishes them.
    @Test func aDistrictCanKeepAcceptedProjectsInternal() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await ProjectFixture.make(configuration)
            defer { Task { await f.close() } }
            let settings = try await TenantStore(database: f.database).update(f.tenant.uuidString, projectsFollowDisclosure: false).settings
            #expect(settings == TenantSettings(projectsFollowDisclosure: false))
            try await f.execute("UPDATE demand SET is_public = true WHERE tenant_id = \(f.tenant)")
            let run = try await MatchingStore.run(MatchingRequest(), on: f.database, tenant: f.tenant, actor: f.actor)
            let accepted = try await MatchingStore.accept(run.id!, on: f.database, tenant: f.tenant, actor: f.actor)
            let shown = try await f.database.withTenant(f.tenant, actor: f.actor, readOnly: true) { tx in
                var shown: [Bool] = []
                for project in accepted.projects { shown.append(try await ProjectStore.show(project, in: tx).project.isPublic) }
                return shown
            }
            #expect(shown == [false, false])
        }
    }
}
